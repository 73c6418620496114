using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>Merging two reports of one child into a lead case, and undoing it, through HTTP with the pathway running.</summary>
public sealed class MergeRoutesTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private const int Patience = 60;
    private CaseApi Api => new(App);

    /// <summary>Two reports of the same child, each with the commune's verification handed to it by the pathway; then linked as the same child.</summary>
    private async Task<(Guid Lead, Guid Merged, Guid MergedWork, Guid LinkId)> TwoReportsLinked()
    {
        var lead = await App.ReportByHotline();
        var merged = await App.ReportByHotline();
        await Handed<HandoffRequested>(lead, h => h.Task == HandoffTask.VerifyAndAssess, "the lead case's verification handed on");
        var work = await Handed<HandoffRequested>(merged, h => h.Task == HandoffTask.VerifyAndAssess, "the other case's verification handed on");
        var linked = await Api.Step(Roles.CommuneOfficer, $"/api/cases/{merged}/links", new LinkCases(lead, CaseLinkKind.SameChild, "Same child, same school"));
        return (lead, merged, work.HandoffId, linked.Id!.Value);
    }

    /// <summary>Waits (the pathway runs asynchronously) for an event on the case's stream.</summary>
    private async Task<T> Handed<T>(Guid caseId, Func<T, bool> match, string what)
    {
        T? found = default;
        await HandoffApi.Eventually(async () => (found = (await App.History(caseId)).Select(e => e.Data).OfType<T>().FirstOrDefault(match)) is not null,
            what, Patience);
        return found!;
    }

    private async Task<JsonElement> Read(Guid caseId) =>
        await (await Api.As(Roles.CommuneOfficer).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);

    private async Task<HttpResponseMessage> Delete(string url, object body, string role = Roles.CommuneChair) =>
        await Api.As(role).SendAsync(new HttpRequestMessage(HttpMethod.Delete, url)
        {
            Content = new StringContent(Bodies.Json(body), System.Text.Encoding.UTF8, "application/json"),
        });

    private Task InboxShows(Guid handoffId, Guid caseId, string what) =>
        HandoffApi.Eventually(async () => (await App.Inbox("ubnd-dong-hoi")).Items.Any(i => i.HandoffId == handoffId && i.CaseId == caseId), what, Patience);

    [Fact]
    public async Task the_other_case_of_a_link_keeps_its_version_so_its_etag_pins_a_step()
    {
        // The link's copy on the lead case is appended by the merged case's step: the lead's version (its ETag, what a page
        // or an integrator sends as If-Match) counts it, never 0.
        var (lead, _, _, _) = await TwoReportsLinked();
        var answer = await Api.As(Roles.CommuneOfficer).GetAsync($"/api/cases/{lead}");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var linkedAt = (await App.History(lead)).Single(e => e.Data is CaseLinked).Version;
        long.Parse(answer.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(linkedAt);
    }

    [Fact]
    public async Task a_merge_moves_the_open_work_to_the_lead_case_where_its_step_completes_it()
    {
        var (lead, merged, work, linkId) = await TwoReportsLinked();
        await InboxShows(work, merged, "the merged case's work in the inbox");
        var description = (await App.Inbox("ubnd-dong-hoi")).Items.Single(i => i.HandoffId == work).Description;

        var answer = await Api.Step(Roles.CommuneOfficer, $"/api/cases/{merged}/merge", new MergeCases(lead, "One child: the lead case has the school's report"));
        answer.Id.ShouldBe(linkId);

        await InboxShows(work, lead, "the moved work in the inbox under the lead case");
        (await App.Inbox("ubnd-dong-hoi")).Items.Single(i => i.HandoffId == work).Description.ShouldBe(description,
            "the description stays sealed with the key of the case it was written on, and still opens");
        var leadRead = await Read(lead);
        leadRead.GetProperty("handoffs").EnumerateArray().Select(h => h.GetProperty("handoffId").GetGuid()).ShouldContain(work);
        leadRead.GetProperty("mergedCases")[0].GetProperty("caseId").GetGuid().ShouldBe(merged);
        leadRead.GetProperty("mergedCases")[0].GetProperty("openWork").EnumerateArray().Select(w => w.GetProperty("kind").GetString())
            .ShouldContain("verification");
        var mergedRead = await Read(merged);
        mergedRead.GetProperty("mergedInto").GetProperty("caseId").GetGuid().ShouldBe(lead);
        mergedRead.GetProperty("openWork").GetArrayLength().ShouldBe(0);

        // The merged case takes no step; the lead case's own assessment does the merged case's verification too.
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{merged}/risk-assessment", Bodies.Risk()))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.CaseMerged);
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{lead}/risk-assessment",
            new AssessInitialRisk(RiskLevel.Medium, RiskLevel.Medium, RiskLevel.Low, RiskLevel.Medium, false));
        await Handed<HandoffCompleted>(lead, c => c.HandoffId == work, "the moved work completed on the lead case");
        await HandoffApi.Eventually(async () => (await App.Inbox("ubnd-dong-hoi")).Items.All(i => i.HandoffId != work), "the done work leaves the inbox", Patience);
        (await App.History(merged)).Select(e => e.Data).OfType<HandoffCompleted>().ShouldBeEmpty("the merged case's history keeps what happened on it, nothing more");
    }

    [Fact]
    public async Task unlinking_a_merged_pair_restores_both_cases_and_the_inbox_exactly_with_who_and_why_in_both_histories()
    {
        var lead = await App.ReportByHotline();
        var merged = await App.ReportByHotline();
        await Handed<HandoffRequested>(lead, h => h.Task == HandoffTask.VerifyAndAssess, "the lead case's verification handed on");
        var work = (await Handed<HandoffRequested>(merged, h => h.Task == HandoffTask.VerifyAndAssess, "the other case's verification handed on")).HandoffId;
        await InboxShows(work, merged, "the merged case's work in the inbox");
        var (leadBefore, mergedBefore) = (await Read(lead), await Read(merged));

        var linkId = (await Api.Step(Roles.CommuneOfficer, $"/api/cases/{merged}/links", new LinkCases(lead, CaseLinkKind.SameChild, "Same child"))).Id!.Value;
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{merged}/merge", new MergeCases(lead, "One child"));
        await InboxShows(work, lead, "the moved work under the lead case");

        // A police officer may link cases, but not undo a merge by unlinking the pair.
        (await Delete($"/api/cases/{lead}/links/{linkId}", new UnlinkCases("no"), Roles.PoliceOfficer)).StatusCode
            .ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        await (await Delete($"/api/cases/{lead}/links/{linkId}", new UnlinkCases("Two children after all: cousins"))).ShouldHave(HttpStatusCode.OK);

        await InboxShows(work, merged, "the work back under the merged case");
        Without(await Read(lead), "version", "lastStepAt").ShouldBe(Without(leadBefore, "version", "lastStepAt"));
        Without(await Read(merged), "version", "lastStepAt").ShouldBe(Without(mergedBefore, "version", "lastStepAt"));
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{merged}/risk-assessment", Bodies.Risk());

        foreach (var caseId in new[] { lead, merged })
        {
            var history = (await Api.Events(caseId)).Where(e => e.Data is CaseLinked or CaseMerged or CaseUnmerged or CaseUnlinked).ToList();
            history.Select(e => e.Data.GetType().Name).ShouldBe([nameof(CaseLinked), nameof(CaseMerged), nameof(CaseUnmerged), nameof(CaseUnlinked)]);
            history[1].Headers!["role"].ToString().ShouldBe(Roles.CommuneOfficer);
            history[2].Headers!["role"].ToString().ShouldBe(Roles.CommuneChair);
            ((CaseUnmerged)history[2].Data).Reason.ShouldStartWith("enc:v1:", customMessage: "a reason is free text, sealed with the case's key");
            var revealed = await Api.RevealedEvents(caseId);
            revealed.OfType<CaseMerged>().Single().Reason.ShouldBe("One child");
            revealed.OfType<CaseUnmerged>().Single().Reason.ShouldBe("Two children after all: cousins");
        }
    }

    [Fact]
    public async Task an_unmerge_keeps_the_link_and_gives_back_the_work_as_it_stands()
    {
        var (lead, merged, work, linkId) = await TwoReportsLinked();
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{merged}/merge", new MergeCases(lead, "One child"));
        await InboxShows(work, lead, "the moved work under the lead case");
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{lead}/handoffs/{work}/accept", new { });

        await (await Delete($"/api/cases/{merged}/links/{linkId}/merge", new UnmergeCases("The other report leads"))).ShouldHave(HttpStatusCode.OK);

        await InboxShows(work, merged, "the work back under the merged case");
        var mergedRead = await Read(merged);
        mergedRead.GetProperty("links")[0].GetProperty("linkId").GetGuid().ShouldBe(linkId);
        mergedRead.GetProperty("handoffs").EnumerateArray().Single(h => h.GetProperty("handoffId").GetGuid() == work)
            .GetProperty("state").GetString().ShouldBe("Accepted");
        (await Read(lead)).GetProperty("handoffs").EnumerateArray().Select(h => h.GetProperty("handoffId").GetGuid()).ShouldNotContain(work);
        await (await Delete($"/api/cases/{merged}/links/{linkId}/merge", new UnmergeCases("again"))).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_case_read_shows_the_same_childs_other_report_with_its_steps_and_without_its_identity()
    {
        var (lead, merged, _, _) = await TwoReportsLinked();
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{merged}/risk-assessment", Bodies.Risk());

        var timeline = (await Read(lead)).GetProperty("sameChildTimeline");
        timeline.GetArrayLength().ShouldBe(1);
        timeline[0].GetProperty("caseId").GetGuid().ShouldBe(merged);
        timeline[0].GetProperty("readable").GetBoolean().ShouldBeTrue();
        timeline[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ShouldBe(["reported", "risk-assessed"]);
        timeline.GetRawText().ShouldNotContain("Mai");
        timeline.GetRawText().ShouldNotContain("Hải Đình");
    }

    private static string Without(JsonElement body, params string[] names)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
        foreach (var name in names) node.Remove(name);
        return node.ToJsonString();
    }
}
