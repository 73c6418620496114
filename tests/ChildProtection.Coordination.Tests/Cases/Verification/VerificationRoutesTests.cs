using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;
namespace ChildProtection.Coordination.Tests.Cases.Verification;

/// <summary>/verification.</summary>
public sealed class VerificationRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    // POST /api/cases/{caseId}/verification

    [Fact]
    public async Task verifying_a_report_moves_the_case_to_verified()
    {
        var caseId = await Api.Report();

        await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify())).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<ReportVerified>().Substantiated.ShouldBeTrue();
        var summary = await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Read<CaseSummary>();
        summary.Stage.ShouldBe(CaseStage.Verified);
        summary.Verified.ShouldBeTrue();
        summary.OpenWork.ShouldNotContain(w => w.Kind == "verification");
    }

    [Fact]
    public async Task a_verification_without_findings_is_a_400_naming_them()
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify() with { Findings = "" });
        (await response.ShouldBeInvalid("findings")).Field().ShouldBe("findings");
    }

    [Fact]
    public async Task an_education_officer_may_not_verify_a_report()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.EducationOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify())).ShouldHave(HttpStatusCode.Forbidden);
        (await Api.Version(caseId)).ShouldBe(1);
    }
}
