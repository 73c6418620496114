using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Tests.Privacy;

/// <summary>The date of birth is stored sealed, yet the age rules still count from the exact date.</summary>
public sealed class SealedBirthDateTests(AppFixture app) : IntegrationContext(app)
{
    private readonly CaseApi _api = new(app);

    /// <summary>Reported yesterday, when the child was 12; the exam today, without a guardian.</summary>
    private async Task<HttpResponseMessage> ExamWithoutGuardian(DateOnly born)
    {
        var report = Bodies.Report();
        var caseId = await _api.Report(report with { Child = report.Child with { DateOfBirth = born, AgeYears = null } });
        var examId = await _api.ExamRequested(caseId);
        return await _api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/medical-exams/{examId}/complete", Bodies.RecordExam(guardianPresent: false));
    }

    [Fact]
    public async Task a_child_who_turned_13_since_the_report_is_13_for_the_guardian_rule()
    {
        // The age at the report (12) plus whole years since would say 12: only the opened date says 13.
        await (await ExamWithoutGuardian(Bodies.Today.AddYears(-13))).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_child_turning_13_tomorrow_is_still_examined_with_a_guardian()
    {
        (await (await ExamWithoutGuardian(Bodies.Today.AddYears(-13).AddDays(1))).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.GuardianRequired)).Detail().ShouldContain("12");
    }
}
