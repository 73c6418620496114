using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>Communes merge; open work addressed to the old commune's agency moves to the commune that answers now.</summary>
public sealed class JurisdictionReroutingTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private async Task Admin(string url, object body, HttpStatusCode status)
    {
        var response = await App.Client("admin", "so-y-te-admin").PostJson(url, body);
        await response.ShouldHave(status);
    }

    [Fact]
    public async Task a_merger_reroutes_open_work_to_the_surviving_communes_agency_and_the_history_keeps_the_old_address()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string a = $"xa-a-{suffix}", b = $"xa-b-{suffix}", c = $"xa-c-{suffix}";
        var since = new DateOnly(2025, 7, 1);
        foreach (var code in new[] { a, b, c })
            await Admin("/api/communes", new EstablishCommune(code, $"Xã {code}", "44", since), HttpStatusCode.Created);
        await Admin("/api/agencies", new RegisterAgency($"ubnd-{a}", $"UBND {a}", AgencyKind.CommunePeoplesCommittee, since, ProvinceCode: "44", CommuneCode: a), HttpStatusCode.Created);
        await Admin("/api/agencies", new RegisterAgency($"ubnd-{c}", $"UBND {c}", AgencyKind.CommunePeoplesCommittee, since, ProvinceCode: "44", CommuneCode: c), HttpStatusCode.Created);

        var report = HandoffApi.Report() with { Incident = HandoffApi.Report().Incident with { Commune = a } };
        var created = await App.Client("hotline-operator", "hotline-111").PostJson("/api/cases", report);
        var caseId = (await created.Read<ChildProtection.Coordination.Cases.Steps.StepAccepted>()).CaseId;
        var handoff = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, $"ubnd-{a}");
        await App.InInbox($"ubnd-{a}", e => e.HandoffId == handoff.HandoffId, "the work in the old commune's inbox");

        await Admin("/api/communes/mergers", new MergeCommunes([a, b], c, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7))), HttpStatusCode.OK);

        var rerouted = await App.Eventually<HandoffRerouted>(caseId, r => r.HandoffId == handoff.HandoffId, "the work re-routed");
        (rerouted.FromAgency, rerouted.ToAgency).ShouldBe(($"ubnd-{a}", $"ubnd-{c}"));
        await App.InInbox($"ubnd-{c}", e => e.HandoffId == handoff.HandoffId, "the work in the surviving commune's inbox");
        await HandoffApi.Eventually(async () => (await App.Inbox($"ubnd-{a}")).Items.All(e => e.HandoffId != handoff.HandoffId), "gone from the old inbox");

        // What was true at the time stays: the request to the old commune is still in the history.
        (await App.History(caseId)).Select(e => e.Data).OfType<HandoffRequested>().Single(h => h.HandoffId == handoff.HandoffId)
            .ToAgency.ShouldBe($"ubnd-{a}");
        var summary = await (await App.Client("auditor", "inspectorate").GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        summary.GetProperty("handoffs").EnumerateArray().Single(h => h.GetProperty("handoffId").GetGuid() == handoff.HandoffId)
            .GetProperty("toAgency").GetString().ShouldBe($"ubnd-{c}");

        // New work for the old place goes to the new commune directly.
        var later = await App.Client("hotline-operator", "hotline-111").PostJson("/api/cases", report);
        var laterId = (await later.Read<ChildProtection.Coordination.Cases.Steps.StepAccepted>()).CaseId;
        await App.Handoff(laterId, HandoffTask.VerifyAndAssess, $"ubnd-{c}");
    }
}
