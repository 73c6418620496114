using ChildProtection.Coordination.Tests.Support;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Verification;
using Marten;
namespace ChildProtection.Coordination.Tests.Audit;

/// <summary><c>projections rebuild</c> must give back exactly the read models the inline projection kept live.</summary>
public sealed class ProjectionRebuildTests(AppFixture app) : IntegrationContext(app)
{
    private readonly CaseApi _api = new(app);

    [Fact]
    public async Task rebuilding_the_case_summaries_gives_the_documents_the_live_projection_stored()
    {
        var reported = await _api.Report(Scenarios.HotlineReport() with { ReceivedAt = DateTimeOffset.UtcNow.AddHours(-2) });
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{reported}/verification", new VerifyReport(true, "Seen", DateTimeOffset.UtcNow.AddHours(-1)));
        var emergency = await _api.RiskAssessed(emergency: true);
        await _api.Ordered(emergency);
        var closed = await _api.Closed();
        await _api.Step(Roles.CommuneChair, $"/api/cases/{closed}/reopening", Bodies.Reopen());
        Guid[] cases = [reported, emergency, closed];

        var live = await Snapshot(cases);
        await Tamper(reported);
        using (var daemon = await App.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync("CaseSummary", CancellationToken.None);
        var rebuilt = await Snapshot(cases);

        foreach (var id in cases)
            JsonNode.DeepEquals(live[id], rebuilt[id]).ShouldBeTrue($"case {id}:\nlive    {live[id]}\nrebuilt {rebuilt[id]}");

        // One stream at a time, as an operator would repair a single case.
        await Tamper(closed);
        await App.Store.Advanced.RebuildSingleStreamAsync<CaseSummary>(closed);
        JsonNode.DeepEquals(live[closed], (await Snapshot([closed]))[closed]).ShouldBeTrue();
    }

    /// <summary>Spoils a stored summary, so that only a real rebuild gives the live document back.</summary>
    private async Task Tamper(Guid id)
    {
        await using var session = App.Store.LightweightSession();
        var summary = await session.LoadAsync<CaseSummary>(id);
        summary!.Stage = CaseStage.Closed;
        summary.OpenWork.Clear();
        session.Store(summary);
        await session.SaveChangesAsync();
    }

    /// <summary>The documents as Marten stores them, JSON exactly as in the database.</summary>
    private async Task<Dictionary<Guid, JsonNode?>> Snapshot(Guid[] ids)
    {
        await using var session = App.Store.QuerySession();
        var result = new Dictionary<Guid, JsonNode?>();
        foreach (var id in ids)
        {
            var json = await session.Json.FindByIdAsync<CaseSummary>(id);
            json.ShouldNotBeNull($"no summary for {id}");
            result[id] = JsonNode.Parse(json);
        }
        return result;
    }
}
