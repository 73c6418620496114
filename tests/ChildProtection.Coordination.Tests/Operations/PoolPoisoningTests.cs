using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Tests.Support;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>
/// A statement PostgreSQL refuses at Bind (a NUL byte in a text parameter: 22021) must not leave the pooled
/// connection it ran on broken for the next borrower. Issue 12 saw other users' requests fail with
/// "prepared statement _autoNN does not exist", "unexpected backend message DataRow" and parameter-count
/// mismatches after <c>?commune=%00</c>. One connection in the pool, so the next command gets the same one.
/// </summary>
public sealed class PoolPoisoningTests
{
    private static string Pooled() =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? AppFixture.DefaultConnection)
            { MaxPoolSize = 1, ApplicationName = "pool-poisoning-test" }.ConnectionString;

    private static async Task<string?> Lookup(NpgsqlDataSource source, string text)
    {
        await using var cmd = source.CreateCommand("select $1::text where $1::text <> 'never'");
        cmd.Parameters.Add(new NpgsqlParameter { Value = text });
        return (string?)await cmd.ExecuteScalarAsync();
    }

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
    /// Failed before the fix with ConnectionTuning's former Max Auto Prepare=100 (Npgsql 10.0.0 and 10.0.3): every round
    /// after the NUL threw "Received unexpected backend message DataRow", with or without the skipped reset.
    /// </summary>
    [Fact]
    public async Task a_statement_refused_at_bind_leaves_the_pooled_connection_usable_for_the_next_caller()
    {
        await using var source = NpgsqlDataSource.Create(ConnectionTuning.Apply(Pooled()));
        var failures = new List<string>();
        for (var round = 0; round < 20; round++)
        {
            // The valid statements of other users, often enough to be auto-prepared.
            (await Lookup(source, "ok")).ShouldBe("ok");
            await Count(source, "pg_class", "pg_type");

            // The hostile one: the same statements with a NUL, which PostgreSQL refuses at Bind.
            await Should.ThrowAsync<PostgresException>(() => Lookup(source, "x\0"));
            await Should.ThrowAsync<PostgresException>(() => Count(source, round % 2 == 0 ? "x\0" : "pg_class", "y\0"));

            // The next users on the same connection must see no trace of it.
            try
            {
                (await Lookup(source, $"ok{round}")).ShouldBe($"ok{round}");
                (await Count(source, "pg_class", "pg_type")).ShouldBeGreaterThan(0);
            }
            catch (Exception e)
            {
                failures.Add($"round {round}: {e.GetType().Name}: {e.Message}");
            }
        }
        failures.ShouldBeEmpty();
    }
}
