using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
namespace ChildProtection.Coordination.Tests.Cases.Assessment;

/// <summary>/risk-assessment (Form 02) and /detailed-assessment (Form 03).</summary>
public sealed class AssessmentRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<CaseSummary> Summary(Guid caseId) =>
        await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Read<CaseSummary>();

    // POST /api/cases/{caseId}/risk-assessment

    [Fact]
    public async Task the_initial_risk_assessment_records_the_three_criteria_and_meets_its_clock()
    {
        var caseId = await Api.Report();

        await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/risk-assessment", Bodies.Risk())).ShouldBeAccepted(caseId);

        var assessed = (await Api.Events(caseId))[^1].Data.ShouldBeOfType<InitialRiskAssessed>();
        assessed.Overall.ShouldBe(RiskLevel.High);
        var summary = await Summary(caseId);
        summary.Stage.ShouldBe(CaseStage.RiskAssessed);
        summary.Risk!.Overall.ShouldBe(RiskLevel.High);
        summary.Clocks.Single(c => c.Name == "initial-assessment").MetAt.ShouldNotBeNull();
        summary.OpenWork.ShouldContain(w => w.Kind == "detailed-assessment");
    }

    [Fact]
    public async Task an_assessment_that_needs_emergency_measures_opens_the_chairs_decision()
    {
        var caseId = await Api.Report();

        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/risk-assessment", Bodies.Risk(emergency: true))).ShouldBeAccepted(caseId);

        var summary = await Summary(caseId);
        summary.OpenWork.ShouldContain(w => w.Kind == "emergency-decision");
        summary.Clocks.ShouldContain(c => c.Name == "emergency-decision");
    }

    [Fact]
    public async Task an_overall_level_below_the_worst_criterion_is_a_400_naming_overall()
    {
        var caseId = await Api.Report();

        var response = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/risk-assessment", Bodies.Risk() with { Overall = RiskLevel.Low });

        (await response.ShouldBeInvalid("overall")).Field().ShouldBe("overall");
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Theory]
    [InlineData(Roles.PoliceOfficer)]
    [InlineData(Roles.HotlineOperator)]
    [InlineData(Roles.SocialWorker)]
    public async Task only_the_commune_assesses_the_initial_risk(string role)
    {
        var caseId = await Api.Report();
        await (await Api.As(role).PostJson($"/api/cases/{caseId}/risk-assessment", Bodies.Risk())).ShouldHave(HttpStatusCode.Forbidden);
        (await Api.Version(caseId)).ShouldBe(1);
    }

    // POST /api/cases/{caseId}/detailed-assessment

    [Fact]
    public async Task the_detailed_assessment_records_the_needs_and_opens_the_plan()
    {
        var caseId = await Api.RiskAssessed();

        await (await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/detailed-assessment", Bodies.Needs())).ShouldBeAccepted(caseId);

        (await Api.RevealedEvents(caseId))[^1].ShouldBeOfType<DetailedAssessmentCompleted>().Needs.ShouldBe(["medical care", "counselling"]);
        var summary = await Summary(caseId);
        summary.Stage.ShouldBe(CaseStage.NeedsAssessed);
        summary.OpenWork.ShouldContain(w => w.Kind == "support-plan" && w.DueAt != null);
    }

    [Fact]
    public async Task a_detailed_assessment_before_the_initial_risk_assessment_is_a_conflict()
    {
        var caseId = await Api.Report();

        var problem = await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/detailed-assessment", Bodies.Needs()))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.StepOutOfOrder);

        problem.Detail().ShouldContain("Form 02");
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Theory]
    [InlineData("needs", new string[0], "summary")]
    [InlineData("needs", new[] { "medical care", " " }, "summary")]
    [InlineData("summary", new[] { "medical care" }, "")]
    public async Task a_detailed_assessment_without_needs_or_summary_is_a_400_naming_the_field(string field, string[] needs, string summary)
    {
        var caseId = await Api.RiskAssessed();

        var response = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/detailed-assessment", Bodies.Needs() with { Needs = needs, Summary = summary });

        (await response.ShouldBeInvalid(field)).Field().ShouldBe(field);
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task a_blank_need_sent_as_null_is_a_400_not_a_crash()
    {
        var caseId = await Api.RiskAssessed();
        var response = await Api.As(Roles.CommuneOfficer).PostRaw($"/api/cases/{caseId}/detailed-assessment", """{"needs":[null],"summary":"s"}""");
        (await response.ShouldBeInvalid("needs")).Field().ShouldBe("needs");
    }

    [Theory]
    [InlineData(Roles.HealthWorker)]
    [InlineData(Roles.CommuneChair)]
    public async Task a_role_outside_the_commune_officer_and_social_worker_may_not_assess_needs(string role)
    {
        var caseId = await Api.RiskAssessed();
        await (await Api.As(role).PostJson($"/api/cases/{caseId}/detailed-assessment", Bodies.Needs())).ShouldHave(HttpStatusCode.Forbidden);
    }
}
