using System.Net;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Privacy;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>One child, one ledger of consent: a consent recorded on a report of the child counts on the reports linked to it as the same child.</summary>
public sealed class SameChildConsentTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);
    private static readonly string WomensUnion = RoleAgencies.Of(Roles.MassOrganisation);

    private Task<HttpResponseMessage> ReadAsWomensUnion(Guid caseId) => App.Client(Roles.MassOrganisation, WomensUnion).GetAsync($"/api/cases/{caseId}");

    [Fact]
    public async Task a_consent_on_the_childs_other_report_counts_while_the_two_are_linked_and_no_longer_once_unlinked()
    {
        var handed = await Api.Report();
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{handed}/handoffs",
            new RequestHandoff(WomensUnion, HandoffTask.ProvideService, "Home visits", DateTimeOffset.UtcNow.AddDays(5)));
        var consented = await Api.Report();
        foreach (var giver in new[] { ConsentGiver.Parent, ConsentGiver.Child })
            await Api.Step(Roles.CommuneOfficer, $"/api/cases/{consented}/consents",
                new GiveConsent(giver, ConsentPurpose.SupportServices, [RecipientKind.MassOrganisation]));
        await (await ReadAsWomensUnion(handed)).ShouldHave(HttpStatusCode.Forbidden);

        var linkId = (await Api.Step(Roles.CommuneOfficer, $"/api/cases/{handed}/links",
            new LinkCases(consented, CaseLinkKind.SameChild, "Same child"))).Id!.Value;
        var body = await (await ReadAsWomensUnion(handed)).ShouldHave(HttpStatusCode.OK);
        body.TryGetProperty("sameChildTimeline", out _).ShouldBeFalse("a mass organisation's view does not show the child's other reports");

        var unlink = new HttpRequestMessage(HttpMethod.Delete, $"/api/cases/{handed}/links/{linkId}")
        {
            Content = new StringContent(Bodies.Json(new UnlinkCases("Another child")), System.Text.Encoding.UTF8, "application/json"),
        };
        await (await Api.As(Roles.CommuneOfficer).SendAsync(unlink)).ShouldHave(HttpStatusCode.OK);
        await (await ReadAsWomensUnion(handed)).ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void the_timeline_of_a_linked_case_is_its_dated_steps_in_order()
    {
        var at = Given.Now;
        var summary = new CaseSummary
        {
            ReceivedAt = at.AddDays(-3),
            Risk = new RiskSummary(RiskLevel.High, RiskLevel.High, RiskLevel.Low, RiskLevel.High, false, at.AddDays(-2)),
            Interviews = [new InterviewSummary(Guid.NewGuid(), at.AddDays(-1), "room", StartedAt: at.AddDays(-1)), new InterviewSummary(Guid.NewGuid(), at, "room")],
            Plan = new PlanSummary(Guid.NewGuid(), PlanStatus.Drafted, at.AddHours(-30), null, []),
            ClosedAt = at,
        };
        SameChild.Steps(summary).Select(s => (s.Step, s.At)).ShouldBe([
            ("reported", at.AddDays(-3)), ("risk-assessed", at.AddDays(-2)), ("plan-drafted", at.AddHours(-30)), ("interview", at.AddDays(-1)), ("closed", at),
        ]);
    }
}
