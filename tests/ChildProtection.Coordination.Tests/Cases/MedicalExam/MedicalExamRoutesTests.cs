using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Tests.Cases.MedicalExam;

/// <summary>/medical-exams and /medical-exams/{examId}/complete.</summary>
public sealed class MedicalExamRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<CaseSummary> Summary(Guid caseId) =>
        await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Read<CaseSummary>();

    // POST /api/cases/{caseId}/medical-exams

    [Fact]
    public async Task an_examination_is_requested_from_health_and_gets_an_id()
    {
        var caseId = await Api.Report();

        var body = await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/medical-exams", Bodies.RequestExam())).ShouldBeAccepted(caseId);

        var requested = (await Api.Events(caseId))[^1].Data.ShouldBeOfType<MedicalExamRequested>();
        body.Id.ShouldBe(requested.ExamId);
        requested.Kind.ShouldBe(ExamKind.Forensic);
        (await Summary(caseId)).OpenWork.ShouldContain(w => w.Kind == "medical-exam" && w.Id == requested.ExamId);
    }

    [Fact]
    public async Task an_examination_request_without_a_reason_is_a_400_naming_it()
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/medical-exams", Bodies.RequestExam() with { Reason = "" });
        (await response.ShouldBeInvalid("reason")).Field().ShouldBe("reason");
    }

    [Fact]
    public async Task a_social_worker_may_not_request_an_examination()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/medical-exams", Bodies.RequestExam())).ShouldHave(HttpStatusCode.Forbidden);
    }

    // POST /api/cases/{caseId}/medical-exams/{examId}/complete

    [Fact]
    public async Task health_records_the_examination_and_its_work_closes()
    {
        var caseId = await Api.Report();
        var examId = await Api.ExamRequested(caseId);

        await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/medical-exams/{examId}/complete", Bodies.RecordExam())).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<MedicalExamCompleted>().ExamId.ShouldBe(examId);
        (await Summary(caseId)).OpenWork.ShouldNotContain(w => w.Id == examId);
    }

    [Fact]
    public async Task a_child_under_13_examined_without_a_guardian_is_a_conflict()
    {
        var caseId = await Api.Report(Bodies.Report(ageYears: 9));
        var examId = await Api.ExamRequested(caseId);

        var problem = await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/medical-exams/{examId}/complete",
            Bodies.RecordExam(guardianPresent: false))).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.GuardianRequired);

        problem.Detail().ShouldContain("13");
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task a_child_of_14_may_be_examined_without_a_guardian()
    {
        var caseId = await Api.Report(Bodies.Report(ageYears: 14));
        var examId = await Api.ExamRequested(caseId);

        await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/medical-exams/{examId}/complete",
            Bodies.RecordExam(guardianPresent: false))).ShouldBeAccepted(caseId);
    }

    [Fact]
    public async Task recording_an_examination_twice_is_a_conflict()
    {
        var caseId = await Api.Report();
        var examId = await Api.ExamRequested(caseId);
        await Api.Step(Roles.HealthWorker, $"/api/cases/{caseId}/medical-exams/{examId}/complete", Bodies.RecordExam());

        await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/medical-exams/{examId}/complete", Bodies.RecordExam())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.AlreadyRecorded);
        (await Api.Version(caseId)).ShouldBe(3);
    }

    [Fact]
    public async Task recording_an_examination_that_was_never_requested_is_a_404()
    {
        var caseId = await Api.Report();
        var unknown = Guid.NewGuid();
        var problem = await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/medical-exams/{unknown}/complete", Bodies.RecordExam()))
            .ShouldHave(HttpStatusCode.NotFound);
        problem.Detail().ShouldContain(unknown.ToString());
        await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/medical-exams/exam-1/complete", Bodies.RecordExam())).ShouldHave(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("facility")]
    [InlineData("findings")]
    public async Task an_examination_record_without_facility_or_findings_is_a_400_naming_it(string field)
    {
        var caseId = await Api.Report();
        var examId = await Api.ExamRequested(caseId);
        var body = field == "facility" ? Bodies.RecordExam() with { Facility = " " } : Bodies.RecordExam() with { Findings = "" };

        var response = await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/medical-exams/{examId}/complete", body);

        (await response.ShouldBeInvalid(field)).Field().ShouldBe(field);
    }

    [Fact]
    public async Task only_health_records_an_examination()
    {
        var caseId = await Api.Report();
        var examId = await Api.ExamRequested(caseId);
        await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/medical-exams/{examId}/complete", Bodies.RecordExam())).ShouldHave(HttpStatusCode.Forbidden);
    }
}
