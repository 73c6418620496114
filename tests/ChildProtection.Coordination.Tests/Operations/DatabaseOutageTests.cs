using System.Net;
using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Tests.Privacy;
using ChildProtection.Coordination.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>A host that reaches the real PostgreSQL through a <see cref="TcpGate"/>, so a test can take the database away.</summary>
public sealed class GatedDatabaseHost(int gatePort) : AppFixture
{
    public const string Schema = "cp_outage";
    public CapturingLoggerProvider Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "false", ["Marten:Schema"] = Schema, ["Directory:SeedDemo"] = "true",
        ["ConnectionStrings:Marten"] = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"))
            { Host = "127.0.0.1", Port = gatePort }.ConnectionString,
        ["Logging:LogLevel:ChildProtection.Coordination"] = "Information",
    };

    protected override Task PrepareDatabaseAsync() => TestDatabase.DropSchemaAsync(Schema);

    protected override void Configure(IServiceCollection services) => services.AddLogging(l => l.AddProvider(Logs));
}

public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task with_the_database_down_a_request_gets_503_with_retry_after_and_one_warning_and_succeeds_once_it_is_back()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Marten")))
            Environment.SetEnvironmentVariable("ConnectionStrings__Marten", AppFixture.DefaultConnection);
        var real = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await using var gate = new TcpGate(real.Host!, real.Port);
        var host = new GatedDatabaseHost(gate.Port);
        await host.InitializeAsync();
        try
        {
            var officer = host.Client("commune-officer", "ubnd-dong-hoi");
            (await officer.GetAsync("/api/cases")).StatusCode.ShouldBe(HttpStatusCode.OK);

            gate.Close();
            foreach (var request in new[] { () => officer.GetAsync("/api/cases"), () => officer.GetAsync("/api/agencies/ubnd-dong-hoi/inbox") })
            {
                var response = await request();
                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
                response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds));
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
                var problem = await response.ShouldHave(HttpStatusCode.ServiceUnavailable);
                problem.GetProperty("status").GetInt32().ShouldBe(503);
                problem.GetProperty("title").GetString().ShouldBe("Database unavailable");
            }

            // One Warning line per refused request, without a stack trace; nothing at Error for the requests.
            var warnings = host.Logs.Lines.Where(l => l.Contains(nameof(DatabaseOutage))).ToList();
            warnings.Count.ShouldBe(2);
            warnings.ShouldAllBe(l => l.StartsWith("Warning") && !l.Contains("   at ") && l.Contains("answered 503"));
            // (By the middleware's own category: Marten's log of the failed command may carry a stack trace that passes
            // through ExceptionHandlerMiddlewareImpl, when the broken pipe shows on a synchronous write.)
            host.Logs.Lines.ShouldNotContain(l => l.Contains("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware: "));

            gate.Open();
            await BackWithinTwentySeconds(async () => (await officer.GetAsync("/api/cases")).StatusCode == HttpStatusCode.OK);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task BackWithinTwentySeconds(Func<Task<bool>> ok)
    {
        for (var i = 0; i < 100 && !await ok(); i++) await Task.Delay(200);
        (await ok()).ShouldBeTrue("the same host answers again once the database is back");
    }
}
