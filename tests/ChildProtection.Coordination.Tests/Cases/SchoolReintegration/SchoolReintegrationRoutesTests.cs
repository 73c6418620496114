using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Tests.Cases.SchoolReintegration;

/// <summary>/school-reintegration and /school-reintegration/complete.</summary>
public sealed class SchoolReintegrationRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<CaseSummary> Summary(Guid caseId) =>
        await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Read<CaseSummary>();

    // POST /api/cases/{caseId}/school-reintegration and /complete

    [Fact]
    public async Task education_plans_the_return_to_school()
    {
        var caseId = await Api.Report();

        await (await Api.As(Roles.EducationOfficer).PostJson($"/api/cases/{caseId}/school-reintegration", Bodies.SchoolPlan())).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<SchoolReintegrationPlanned>().TargetDate.ShouldBe(Bodies.Today.AddDays(7));
        (await Summary(caseId)).OpenWork.ShouldContain(w => w.Kind == "school-reintegration");
    }

    [Fact]
    public async Task planning_a_return_to_school_while_one_is_pending_is_a_conflict()
    {
        var caseId = await Api.Report();
        await Api.SchoolReintegrationPlanned(caseId);
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/school-reintegration", Bodies.SchoolPlan())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.SchoolReturnAlreadyPlanned);
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Theory]
    [InlineData("school")]
    [InlineData("arrangements")]
    public async Task a_return_to_school_without_school_or_arrangements_is_a_400_naming_it(string field)
    {
        var caseId = await Api.Report();
        var body = field == "school" ? Bodies.SchoolPlan() with { School = "" } : Bodies.SchoolPlan() with { Arrangements = " " };
        (await (await Api.As(Roles.EducationOfficer).PostJson($"/api/cases/{caseId}/school-reintegration", body)).ShouldBeInvalid(field)).Field().ShouldBe(field);
    }

    [Fact]
    public async Task health_may_not_plan_a_return_to_school()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/school-reintegration", Bodies.SchoolPlan())).ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task education_completes_the_return_to_school_and_may_plan_another()
    {
        var caseId = await Api.Report();
        await Api.SchoolReintegrationPlanned(caseId);

        await (await Api.As(Roles.EducationOfficer).PostJson($"/api/cases/{caseId}/school-reintegration/complete", Bodies.SchoolComplete())).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<SchoolReintegrationCompleted>();
        (await Summary(caseId)).OpenWork.ShouldNotContain(w => w.Kind == "school-reintegration");
        await (await Api.As(Roles.EducationOfficer).PostJson($"/api/cases/{caseId}/school-reintegration", Bodies.SchoolPlan())).ShouldBeAccepted(caseId);
    }

    [Fact]
    public async Task completing_a_return_to_school_that_was_not_planned_is_a_conflict()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.EducationOfficer).PostJson($"/api/cases/{caseId}/school-reintegration/complete", Bodies.SchoolComplete())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public async Task completing_a_return_to_school_without_the_school_is_a_400_naming_it()
    {
        var caseId = await Api.Report();
        await Api.SchoolReintegrationPlanned(caseId);
        var response = await Api.As(Roles.EducationOfficer).PostJson($"/api/cases/{caseId}/school-reintegration/complete", Bodies.SchoolComplete() with { School = "" });
        (await response.ShouldBeInvalid("school")).Field().ShouldBe("school");
    }

    [Fact]
    public async Task only_education_completes_a_return_to_school()
    {
        var caseId = await Api.Report();
        await Api.SchoolReintegrationPlanned(caseId);
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/school-reintegration/complete", Bodies.SchoolComplete())).ShouldHave(HttpStatusCode.Forbidden);
    }
}
