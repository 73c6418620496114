using ChildProtection.Coordination.Tests.Support;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Cases.GetCase;
using Marten;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>rebuild-summaries (Operations/FastRebuilds.cs) writes back exactly what the inline projection stored, the report's headers (the reporting agency) included.</summary>
public sealed class RebuildSummariesTests(AppFixture app) : IntegrationContext(app)
{
    private readonly CaseApi _api = new(app);

    [Fact]
    public async Task the_fast_rebuild_gives_every_case_the_summary_the_inline_projection_stored()
    {
        var (planned, _) = await _api.PlanApproved();
        var reported = await _api.Report();
        var assessed = await _api.RiskAssessed();
        Guid[] cases = [planned, reported, assessed];
        var before = await Summaries(cases);

        // A batch of one: every case is written by its own COPY, so a case cut between two batches would show.
        var rebuilt = await FastRebuilds.SummariesAsync(App.Store, workers: 2, batch: 1, default);
        rebuilt.Documents.ShouldBe(3);
        rebuilt.Events.ShouldBeGreaterThanOrEqualTo(before.Values.Sum(s => s["version"]!.GetValue<long>()));

        var after = await Summaries(cases);
        foreach (var id in cases)
            JsonNode.DeepEquals(after[id], before[id]).ShouldBeTrue($"case {id}:{Environment.NewLine}{after[id]}{Environment.NewLine}was{Environment.NewLine}{before[id]}");
    }

    private async Task<Dictionary<Guid, JsonNode>> Summaries(IEnumerable<Guid> ids)
    {
        await using var session = App.Store.QuerySession();
        var found = new Dictionary<Guid, JsonNode>();
        foreach (var id in ids) found[id] = JsonSerializer.SerializeToNode(await session.LoadAsync<CaseSummary>(id), Http.Json)!;
        return found;
    }
}
