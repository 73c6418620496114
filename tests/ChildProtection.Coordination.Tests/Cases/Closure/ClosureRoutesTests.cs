using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
namespace ChildProtection.Coordination.Tests.Cases.Closure;

/// <summary>/closure and /reopening.</summary>
public sealed class ClosureRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<CaseSummary> Summary(Guid caseId) =>
        await (await Api.Get(Roles.CommuneChair, $"/api/cases/{caseId}")).Read<CaseSummary>();

    // POST /api/cases/{caseId}/closure

    [Fact]
    public async Task the_chair_closes_a_case_a_review_found_safe()
    {
        var caseId = await Api.ReviewedForClosure();

        await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/closure", Bodies.Close())).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<CaseClosed>();
        var summary = await Summary(caseId);
        summary.Status.ShouldBe(CaseStatus.Closed);
        summary.Stage.ShouldBe(CaseStage.Closed);
        summary.ClosedAt.ShouldNotBeNull();
        summary.OpenWork.ShouldBeEmpty();
    }

    [Fact]
    public async Task closing_with_emergency_protection_in_force_is_a_conflict_until_it_ends()
    {
        var caseId = await Api.ReviewedForClosure();
        var orderId = await Api.Ordered(caseId);

        var problem = await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/closure", Bodies.Close())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.ProtectionInForce);
        problem.Detail().ShouldContain("emergency protection");

        await Api.Step(Roles.CommuneChair, $"/api/cases/{caseId}/emergency-protection/{orderId}/end", Bodies.EndOrder());
        await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/closure", Bodies.Close())).ShouldBeAccepted(caseId);
    }

    [Fact]
    public async Task closing_without_a_reason_is_a_400_naming_it()
    {
        var caseId = await Api.ReviewedForClosure();
        var response = await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/closure", Bodies.Close() with { Reason = " " });
        (await response.ShouldBeInvalid("reason")).Field().ShouldBe("reason");
    }

    [Theory]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.Admin)]
    public async Task only_the_chair_closes_a_case(string role)
    {
        var caseId = await Api.ReviewedForClosure();
        await (await Api.As(role).PostJson($"/api/cases/{caseId}/closure", Bodies.Close())).ShouldHave(HttpStatusCode.Forbidden);
        (await Summary(caseId)).Status.ShouldBe(CaseStatus.Open);
    }

    // POST /api/cases/{caseId}/reopening

    [Theory]
    [InlineData(Roles.CommuneChair)]
    [InlineData(Roles.CommuneOfficer)]
    public async Task a_closed_case_is_reopened_and_may_be_planned_again(string role)
    {
        var caseId = await Api.Closed();

        await (await Api.As(role).PostJson($"/api/cases/{caseId}/reopening", Bodies.Reopen())).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<CaseReopened>();
        var summary = await Summary(caseId);
        summary.Status.ShouldBe(CaseStatus.Open);
        summary.Stage.ShouldBe(CaseStage.Reopened);
        summary.TimesReopened.ShouldBe(1);
        summary.ClosedAt.ShouldBeNull();
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/plan", Bodies.Plan())).ShouldBeAccepted(caseId);
    }

    [Fact]
    public async Task reopening_without_a_reason_is_a_400_naming_it()
    {
        var caseId = await Api.Closed();
        var response = await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/reopening", Bodies.Reopen() with { Reason = "" });
        (await response.ShouldBeInvalid("reason")).Field().ShouldBe("reason");
    }

    [Fact]
    public async Task reopening_an_open_case_is_a_conflict()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/reopening", Bodies.Reopen())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.CaseNotClosed);
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Theory]
    [InlineData(Roles.PoliceOfficer)]
    [InlineData(Roles.HotlineOperator)]
    public async Task only_the_commune_reopens_a_case(string role)
    {
        var caseId = await Api.Closed();
        await (await Api.As(role).PostJson($"/api/cases/{caseId}/reopening", Bodies.Reopen())).ShouldHave(HttpStatusCode.Forbidden);
        (await Summary(caseId)).Status.ShouldBe(CaseStatus.Closed);
    }
}
