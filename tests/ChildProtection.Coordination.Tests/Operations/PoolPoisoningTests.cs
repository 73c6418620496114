using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Tests.Support;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>
/// A statement PostgreSQL would refuse at Bind (a NUL byte in a text parameter: 22021) must not leave the pooled
/// connection it ran on broken for the next borrower. Issue 12 saw other users' requests fail with
/// "prepared statement _autoNN does not exist", "unexpected backend message DataRow" and parameter-count
/// mismatches after <c>?commune=%00</c>. One connection in the pool, so the next command gets the same one.
/// The service auto-prepares (ConnectionTuning); <see cref="BindGuard"/> keeps such a value from ever being sent.
/// </summary>
public sealed class PoolPoisoningTests
{
    private static string Pooled(string name) =>
        new NpgsqlConnectionStringBuilder(ConnectionTuning.Apply(Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? AppFixture.DefaultConnection))
            { MaxPoolSize = 1, ApplicationName = name }.ConnectionString;

    private static async Task<long> Count(NpgsqlDataSource source, string a, string b)
    {
        await using var batch = source.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select count(*) from pg_class where relname = $1") { Parameters = { new() { Value = a } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select count(*) from pg_class where relname = $1 or relname = $2")
            { Parameters = { new() { Value = b }, new() { Value = a } } });
        await using var reader = await batch.ExecuteReaderAsync();
        long total = 0;
        do { while (await reader.ReadAsync()) total += reader.GetInt64(0); } while (await reader.NextResultAsync());
        return total;
    }

    /// <summary>
    /// Why the guard exists. In Npgsql 10.0.3, with auto-prepare, a statement whose Bind fails in the execution that
    /// prepares it is kept as prepared without its row description; its next use on that connection fails. Should this
    /// test fail after an Npgsql upgrade, the fault is mended upstream and <see cref="BindGuard"/> is defence in depth only.
    /// </summary>
    [Fact]
    public async Task a_bare_npgsql_pool_with_auto_prepare_is_poisoned_by_a_statement_refused_at_bind()
    {
        await using var source = NpgsqlDataSource.Create(Pooled("pool-poisoning-bare"));
        var failures = 0;
        for (var round = 0; round < 12; round++)
        {
            await Count(source, "pg_class", "pg_type");
            await Should.ThrowAsync<PostgresException>(() => Count(source, "pg_class", "y\0"));
            try { await Count(source, "pg_class", "pg_type"); }
            catch (Exception e) when (e is not PostgresException) { failures++; }
        }
        failures.ShouldBeGreaterThan(0, "Npgsql no longer leaves a statement refused at Bind half-prepared");
    }

    public sealed record GuardedDoc(Guid Id, string Name, string[] Tags);

    public sealed record GuardedNoted(string Text);

    /// <summary>
    /// Through a Marten store as the service configures it (auto-prepare, the command log with the guard), every way a NUL
    /// can ride in — a LINQ parameter, a document, an event, raw SQL, a JSON escape — is refused before it is sent, and the
    /// next users on the one pooled connection see no trace of it.
    /// </summary>
    [Fact]
    public async Task through_the_store_a_nul_is_refused_before_it_is_sent_and_the_next_users_are_unharmed()
    {
        var log = new Entries();
        await using var store = DocumentStore.For(opts =>
        {
            opts.Connection(Pooled("pool-poisoning-guarded"));
            opts.DatabaseSchemaName = "pool_guard";
            opts.UseSystemTextJsonForSerialization(casing: Weasel.Core.Casing.CamelCase);
            opts.AutoCreateSchemaObjects = AutoCreate.All;
            opts.Events.AddEventType<GuardedNoted>();
            opts.Logger(new MartenCommandLog(log));
        });
        await store.Advanced.Clean.DeleteAllDocumentsAsync();
        await store.Advanced.Clean.DeleteAllEventDataAsync();
        var known = Guid.NewGuid();
        await using (var seed = store.LightweightSession())
        {
            seed.Store(new GuardedDoc(known, "known", ["a"]));
            seed.Events.StartStream(known, new GuardedNoted("first"));
            await seed.SaveChangesAsync();
        }

        Func<IDocumentSession, Task>[] hostile =
        [
            s => s.Query<GuardedDoc>().Where(d => d.Name == "x\0").ToListAsync(),
            s => s.QueryAsync<GuardedDoc>("where data ->> 'name' = ?", "x\0"),
            s => { s.Store(new GuardedDoc(Guid.NewGuid(), "x\0", ["a"])); return s.SaveChangesAsync(); },
            s => { s.Store(new GuardedDoc(Guid.NewGuid(), "ok", ["b\0"])); return s.SaveChangesAsync(); },
            s => { s.Events.Append(known, new GuardedNoted("x\0")); return s.SaveChangesAsync(); },
            s => s.Query<GuardedDoc>().Where(d => d.Tags.Contains("t\0")).ToListAsync(),
        ];
        var failures = new List<string>();
        for (var round = 0; round < 8; round++)
        {
            foreach (var (act, i) in hostile.Select((a, i) => (a, i)))
            {
                // The valid statements of other users, often enough to be auto-prepared.
                await Valid(store, known, round);

                log.Clear();
                await using (var session = store.LightweightSession())
                {
                    var refused = await Should.ThrowAsync<Exception>(() => act(session));
                    RefusedParameter.Holds(refused).ShouldBeTrue($"hostile {i}: {refused.GetType().Name}: {refused.Message}");
                }
                // For the operator: at most one Warning line (a refused save's batch; Marten logs no failure for a refused query), no
                // error, no stack trace, no value.
                var logged = log.Above(LogLevel.Information);
                logged.Count.ShouldBeLessThanOrEqualTo(1, $"hostile {i}");
                logged.ShouldAllBe(e => e.Level == LogLevel.Warning && e.Exception == null && !e.Message.Contains('\0'));

                try { await Valid(store, known, round); }
                catch (Exception e) { failures.Add($"round {round}, after hostile {i}: {e.GetType().Name}: {e.Message}"); }
            }
        }
        failures.ShouldBeEmpty();

        await using var check = store.QuerySession();
        (await check.Query<GuardedDoc>().CountAsync()).ShouldBe(1 + 8 * 6 * 2, "every valid write went in, no hostile one did");
        (await check.Events.FetchStreamAsync(known)).ShouldAllBe(e => !((GuardedNoted)e.Data).Text.Contains('\0'));
    }

    private sealed class Entries : ILogger<IDocumentStore>
    {
        private readonly List<(LogLevel Level, string Message, Exception? Exception)> entries = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (entries) entries.Add((logLevel, formatter(state, exception), exception));
        }
        public void Clear() { lock (entries) entries.Clear(); }
        public List<(LogLevel Level, string Message, Exception? Exception)> Above(LogLevel level) { lock (entries) return entries.Where(e => e.Level > level).ToList(); }
    }

    private static async Task Valid(IDocumentStore store, Guid known, int round)
    {
        await using var session = store.LightweightSession();
        (await session.Query<GuardedDoc>().Where(d => d.Name == "known").ToListAsync()).Count.ShouldBe(1);
        (await session.QueryAsync<GuardedDoc>("where data ->> 'name' = ?", "known")).Count.ShouldBe(1);
        (await session.Query<GuardedDoc>().Where(d => d.Tags.Contains("a")).ToListAsync()).ShouldNotBeEmpty();
        session.Store(new GuardedDoc(Guid.NewGuid(), $"other {round}", ["c"]));
        await session.SaveChangesAsync();
    }

    [Theory]
    [InlineData("plain", false, null)]
    [InlineData("a\0b", false, "a NUL character")]
    [InlineData("{\"a\":\"\\u0000\"}", true, "the JSON escape \\u0000")]
    [InlineData("{\"a\":\"\\u0000\"}", false, null)]
    [InlineData("{\"a\":\"\\\\u0000\"}", true, null)]
    [InlineData("{\"a\":\"\\\\\\u0000\"}", true, "the JSON escape \\u0000")]
    [InlineData("{\"a\":\"\\u00001\"}", true, "the JSON escape \\u0000")]
    [InlineData("{\"a\":\"\\u0001\"}", true, null)]
    public void the_guard_refuses_what_postgresql_refuses_at_bind_and_nothing_else(string value, bool json, string? refusal)
    {
        BindGuard.Refusal(value, json).ShouldBe(refusal);
        BindGuard.Refusal(new[] { "ok", value }, json).ShouldBe(refusal);
        BindGuard.Refusal(new List<string?> { null, value }, json).ShouldBe(refusal);
        // Marten's serializer may bind a document as UTF-8 bytes typed jsonb: searched as JSON text; bytes for bytea are not.
        BindGuard.Refusal(System.Text.Encoding.UTF8.GetBytes(value), json).ShouldBe(json ? refusal : null);
    }

    [Fact]
    public void a_jsonb_parameter_bound_as_utf8_bytes_is_checked_like_json_text_and_a_bytea_is_not()
    {
        var escaped = System.Text.Encoding.UTF8.GetBytes("{\"name\":\"a\\u0000b\"}");
        var jsonb = new Npgsql.NpgsqlCommand("select $1") { Parameters = { new Npgsql.NpgsqlParameter { Value = escaped, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb } } };
        Should.Throw<RefusedParameterException>(() => BindGuard.Check(jsonb)).Message.ShouldNotContain("name");

        var bytea = new Npgsql.NpgsqlCommand("select $1") { Parameters = { new Npgsql.NpgsqlParameter { Value = escaped, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea } } };
        BindGuard.Check(bytea);
    }

    [Fact]
    public async Task a_request_whose_input_the_guard_refused_answers_400_with_a_problem_not_500()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        var wrapped = new Marten.Exceptions.MartenCommandException(null!, new RefusedParameterException("Parameter 1 of a database command holds a NUL character"));

        (await new RefusedParameter().TryHandleAsync(http, new InvalidOperationException("other"), default)).ShouldBeFalse();
        (await new RefusedParameter().TryHandleAsync(http, wrapped, default)).ShouldBeTrue();

        http.Response.StatusCode.ShouldBe(400);
        http.Response.ContentType.ShouldBe("application/problem+json");
        http.Response.Body.Position = 0;
        (await new StreamReader(http.Response.Body).ReadToEndAsync()).ShouldContain("NUL");
    }
}
