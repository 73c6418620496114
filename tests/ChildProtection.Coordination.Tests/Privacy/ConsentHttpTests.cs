using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Privacy;
using ChildProtection.Coordination.Cases.Identity;

namespace ChildProtection.Coordination.Tests.Privacy;

/// <summary>The consent ledger through the API: recorded in the case stream and shown on the case.</summary>
public sealed class ConsentHttpTests(AppFixture app) : IntegrationContext(app)
{
    private readonly CaseApi _api = new(app);

    [Fact]
    public async Task a_consent_given_and_withdrawn_shows_on_the_case()
    {
        var caseId = await _api.Report(Bodies.Report(ageYears: 10));
        var childConsent = await _api.ConsentGiven(caseId, ConsentGiver.Child);
        await _api.ConsentGiven(caseId, ConsentGiver.Guardian);
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/consents/{childConsent}/withdrawal", new WithdrawConsent(ConsentGiver.Child));

        var consents = (await (await _api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK))
            .GetProperty("consents").EnumerateArray().ToArray();
        consents.Select(c => c.GetProperty("givenBy").GetString()).ShouldBe(["Child", "Guardian"]);
        consents[0].GetProperty("consentId").GetGuid().ShouldBe(childConsent);
        consents[0].GetProperty("withdrawnAt").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);
        consents[1].GetProperty("withdrawnAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        consents[1].GetProperty("recipientKinds")[0].GetString().ShouldBe("Integrator");
    }

    [Fact]
    public async Task a_child_under_7_does_not_consent_and_statutory_agencies_need_no_consent()
    {
        var caseId = await _api.Report(Bodies.Report(ageYears: 5));
        var url = $"/api/cases/{caseId}/consents";
        (await (await _api.As(Roles.SocialWorker).PostJson(url, Bodies.Consent(ConsentGiver.Child))).ShouldBeInvalid("givenBy"))
            .Detail().ShouldContain("7");
        await (await _api.As(Roles.SocialWorker).PostJson(url, Bodies.Consent(ConsentGiver.Parent, RecipientKind.Police))).ShouldBeInvalid("recipientKinds");
    }

    [Fact]
    public async Task consents_are_recorded_by_the_commune_officer_or_a_social_worker_only()
    {
        var caseId = await _api.Report();
        foreach (var role in Roles.All.Except([Roles.CommuneOfficer, Roles.SocialWorker]))
            await (await _api.As(role).PostJson($"/api/cases/{caseId}/consents", Bodies.Consent())).ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_consent_can_be_withdrawn_after_the_case_closed_but_not_given()
    {
        var caseId = await _api.ReviewedForClosure(Bodies.Report(ageYears: 5));
        var consentId = await _api.ConsentGiven(caseId);
        await _api.Step(Roles.CommuneChair, $"/api/cases/{caseId}/closure", Bodies.Close());

        await (await _api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/consents", Bodies.Consent())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.CaseClosed);
        await _api.Step(Roles.SocialWorker, $"/api/cases/{caseId}/consents/{consentId}/withdrawal", Bodies.Withdraw());
        await (await _api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/consents/{consentId}/withdrawal", Bodies.Withdraw()))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.ConsentWithdrawn);
    }
}
