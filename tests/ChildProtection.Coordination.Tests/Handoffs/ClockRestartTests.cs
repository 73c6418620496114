using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Handoffs;
using Npgsql;
using ChildProtection.Coordination.Cases;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>A host of its own, in its own schema, that can be stopped and started again.</summary>
public sealed class RestartableHost : AppFixture
{
    public const string Schema = "cp_restart";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "true", ["Marten:Schema"] = Schema, ["Directory:SeedDemo"] = "true",
    };

    public bool DropSchema { get; init; }

    protected override Task PrepareDatabaseAsync() => DropSchema ? TestDatabase.DropSchemaAsync(Schema) : Task.CompletedTask;

    public async Task<long> ScheduledClocksAsync()
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync();
        var count = await new NpgsqlCommand(
            $"select count(*) from {Schema}.wolverine_incoming_envelopes where status = 'Scheduled' and message_type ilike '%HandoffClockDue'", connection).ExecuteScalarAsync();
        return (long)count!;
    }
}

[Collection(PathwayCollection.Name)]
public sealed class ClockRestartTests
{
    private static async Task<bool> HistoryWithout(Guid caseId)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync();
        var breaches = await new NpgsqlCommand(
            $"select count(*) from {RestartableHost.Schema}.mt_events where stream_id = '{caseId}' and type = 'clock_breached'", connection).ExecuteScalarAsync();
        return (long)breaches! > 0;
    }

    [Fact]
    public async Task a_clock_scheduled_before_a_restart_fires_after_it()
    {
        var first = new RestartableHost { DropSchema = true };
        await first.InitializeAsync();
        Guid caseId;
        Guid handoffId;
        try
        {
            caseId = await first.ReportByHotline();
            var referral = await first.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/handoffs",
                new RequestHandoff("ca-dong-hoi", HandoffTask.CrimeReport, "Record the crime report", DateTimeOffset.UtcNow.AddSeconds(6), "Test referral"));
            handoffId = referral.Id!.Value;
            await HandoffApi.Eventually(async () => await first.ScheduledClocksAsync() > 0, "the clock scheduled in the durable inbox");
        }
        finally
        {
            await first.DisposeAsync();
        }

        // Nothing fired before the stop: the clock waits in the database for whichever node starts next.
        (await first.ScheduledClocksAsync()).ShouldBeGreaterThan(0);
        (await HistoryWithout(caseId)).ShouldBeFalse();

        var second = new RestartableHost();
        await second.InitializeAsync();
        try
        {
            var breach = await second.Eventually<ClockBreached>(caseId, b => b.HandoffId == handoffId, "the breach after the restart");
            breach.BreachedAt.ShouldBeGreaterThanOrEqualTo(breach.DueAt);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
