using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Tests.Cases.Support;

/// <summary>
/// The services a plan hands out: /medical-exams, /medical-exams/{examId}/complete, /interviews,
/// /interviews/{interviewId}/conduct, /psychosocial-support, /legal-aid, /school-reintegration and its /complete.
/// </summary>
public sealed class ServicesRoutesTests(AppFixture app) : IntegrationContext(app)
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

    // POST /api/cases/{caseId}/interviews

    [Fact]
    public async Task police_schedule_an_interview_and_get_its_id()
    {
        var caseId = await Api.Report();

        var body = await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews", Bodies.Interview())).ShouldBeAccepted(caseId);

        var scheduled = (await Api.Events(caseId))[^1].Data.ShouldBeOfType<InterviewScheduled>();
        body.Id.ShouldBe(scheduled.InterviewId);
        (await Summary(caseId)).OpenWork.ShouldContain(w => w.Kind == "interview" && w.Id == scheduled.InterviewId);
    }

    [Fact]
    public async Task an_interview_the_guardian_was_not_told_of_is_a_400_naming_guardian_notified()
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews", Bodies.Interview() with { GuardianNotified = false });
        (await response.ShouldBeInvalid("guardianNotified")).Field().ShouldBe("guardianNotified");
    }

    [Theory]
    [InlineData("location")]
    [InlineData("interviewer")]
    public async Task an_interview_without_location_or_interviewer_is_a_400_naming_it(string field)
    {
        var caseId = await Api.Report();
        var body = field == "location" ? Bodies.Interview() with { Location = "" } : Bodies.Interview() with { Interviewer = " " };
        (await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews", body)).ShouldBeInvalid(field)).Field().ShouldBe(field);
    }

    [Fact]
    public async Task a_third_interview_session_on_the_same_day_is_a_conflict()
    {
        var caseId = await Api.Report();
        var day = VietnamTime.StartOf(Bodies.Today.AddDays(2)).AddHours(8);
        await Api.InterviewScheduled(caseId, day);
        await Api.InterviewScheduled(caseId, day.AddMinutes(150));

        var problem = await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews", Bodies.Interview(day.AddMinutes(300))))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.InterviewLimitReached);

        problem.Detail().ShouldContain("at most 2 a day");
        (await Api.Version(caseId)).ShouldBe(3);
    }

    [Fact]
    public async Task the_commune_officer_may_not_schedule_an_interview()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/interviews", Bodies.Interview())).ShouldHave(HttpStatusCode.Forbidden);
    }

    // POST /api/cases/{caseId}/interviews/{interviewId}/conduct

    [Fact]
    public async Task police_record_a_held_session_and_its_work_closes()
    {
        var caseId = await Api.Report();
        var interviewId = await Api.InterviewScheduled(caseId);

        await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews/{interviewId}/conduct", Bodies.Conduct())).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<InterviewConducted>().Duration.ShouldBe(TimeSpan.FromHours(1));
        (await Summary(caseId)).OpenWork.ShouldNotContain(w => w.Id == interviewId);
    }

    [Fact]
    public async Task a_session_longer_than_two_hours_is_a_conflict()
    {
        var caseId = await Api.Report();
        var interviewId = await Api.InterviewScheduled(caseId);

        var problem = await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews/{interviewId}/conduct",
            Bodies.Conduct(DateTimeOffset.UtcNow.AddHours(-4), TimeSpan.FromHours(2.5)))).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.InterviewTooLong);

        problem.Detail().ShouldContain("2 hours");
    }

    [Fact]
    public async Task a_third_session_held_on_the_same_day_is_a_conflict()
    {
        var caseId = await Api.Report();
        var ids = new List<Guid>();
        for (var i = 1; i <= 3; i++) ids.Add(await Api.InterviewScheduled(caseId, DateTimeOffset.UtcNow.AddDays(i)));
        // Sessions in the same Vietnam day, a little apart, all ended by now.
        var start = DateTimeOffset.UtcNow.AddMinutes(-100);
        await Api.Step(Roles.PoliceOfficer, $"/api/cases/{caseId}/interviews/{ids[0]}/conduct", Bodies.Conduct(start, TimeSpan.FromMinutes(20)));
        await Api.Step(Roles.PoliceOfficer, $"/api/cases/{caseId}/interviews/{ids[1]}/conduct", Bodies.Conduct(start.AddMinutes(30), TimeSpan.FromMinutes(20)));

        var third = await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews/{ids[2]}/conduct",
            Bodies.Conduct(start.AddMinutes(60), TimeSpan.FromMinutes(20)));

        // Near Vietnam midnight the three sessions may fall on two days; then the third is allowed.
        var days = new[] { start, start.AddMinutes(60) }.Select(VietnamTime.DateOf).Distinct().Count();
        if (days == 1) await third.ShouldHave(HttpStatusCode.Conflict, ProblemKinds.InterviewLimitReached);
        else await third.ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task recording_a_session_twice_is_a_conflict()
    {
        var caseId = await Api.Report();
        var interviewId = await Api.InterviewScheduled(caseId);
        await Api.Step(Roles.PoliceOfficer, $"/api/cases/{caseId}/interviews/{interviewId}/conduct", Bodies.Conduct());

        await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews/{interviewId}/conduct", Bodies.Conduct())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.AlreadyRecorded);
    }

    public static TheoryData<string, DateTimeOffset, TimeSpan> InvalidSessions => new()
    {
        { "duration", DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.Zero },
        { "duration", DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.FromMinutes(-30) },
        { "duration", DateTimeOffset.UtcNow.AddMinutes(-30), TimeSpan.FromHours(1) },
        { "startedAt", DateTimeOffset.UtcNow.AddDays(-3), TimeSpan.FromHours(1) },
        { "startedAt", DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromHours(1) },
    };

    [Theory, MemberData(nameof(InvalidSessions))]
    public async Task a_session_that_cannot_have_happened_is_a_400_naming_the_field(string field, DateTimeOffset startedAt, TimeSpan duration)
    {
        var caseId = await Api.Report();
        var interviewId = await Api.InterviewScheduled(caseId);

        var response = await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews/{interviewId}/conduct", Bodies.Conduct(startedAt, duration));

        (await response.ShouldBeInvalid(field)).Field().ShouldBe(field);
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task recording_a_session_that_was_never_scheduled_is_a_404()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews/{Guid.NewGuid()}/conduct", Bodies.Conduct())).ShouldHave(HttpStatusCode.NotFound);
        await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/interviews/first/conduct", Bodies.Conduct())).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_social_worker_may_not_record_an_interview()
    {
        var caseId = await Api.Report();
        var interviewId = await Api.InterviewScheduled(caseId);
        await (await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/interviews/{interviewId}/conduct", Bodies.Conduct())).ShouldHave(HttpStatusCode.Forbidden);
    }

    // POST /api/cases/{caseId}/psychosocial-support

    [Theory]
    [InlineData(ServiceKind.PsychosocialSupport)]
    [InlineData(ServiceKind.Shelter)]
    [InlineData(ServiceKind.Counselling)]
    public async Task psychological_support_shelter_or_counselling_is_recorded(ServiceKind kind)
    {
        var caseId = await Api.Report();

        await (await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/psychosocial-support", Bodies.Psychosocial() with { Kind = kind })).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<PsychosocialSupportProvided>().Kind.ShouldBe(kind);
    }

    [Theory]
    [InlineData(ServiceKind.LegalAid)]
    [InlineData(ServiceKind.MedicalCare)]
    public async Task a_service_that_is_not_psychosocial_is_a_400_naming_kind(ServiceKind kind)
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/psychosocial-support", Bodies.Psychosocial() with { Kind = kind });
        (await response.ShouldBeInvalid("kind")).Field().ShouldBe("kind");
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("summary")]
    public async Task psychosocial_support_without_provider_or_summary_is_a_400_naming_it(string field)
    {
        var caseId = await Api.Report();
        var body = field == "provider" ? Bodies.Psychosocial() with { Provider = "" } : Bodies.Psychosocial() with { Summary = " " };
        (await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/psychosocial-support", body)).ShouldBeInvalid(field)).Field().ShouldBe(field);
    }

    [Fact]
    public async Task the_commune_officer_may_not_record_psychosocial_support()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/psychosocial-support", Bodies.Psychosocial())).ShouldHave(HttpStatusCode.Forbidden);
    }

    // POST /api/cases/{caseId}/legal-aid

    [Fact]
    public async Task legal_aid_is_recorded()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid())).ShouldBeAccepted(caseId);
        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<LegalAidProvided>().Provider.ShouldBe("Provincial legal aid centre");
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("summary")]
    public async Task legal_aid_without_provider_or_summary_is_a_400_naming_it(string field)
    {
        var caseId = await Api.Report();
        var body = field == "provider" ? Bodies.LegalAid() with { Provider = " " } : Bodies.LegalAid() with { Summary = "" };
        (await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/legal-aid", body)).ShouldBeInvalid(field)).Field().ShouldBe(field);
    }

    [Fact]
    public async Task police_may_not_record_legal_aid()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid())).ShouldHave(HttpStatusCode.Forbidden);
    }

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
    public async Task completing_a_return_to_school_twice_is_a_conflict()
    {
        var caseId = await Api.Report();
        await Api.SchoolReintegrationPlanned(caseId);
        await Api.Step(Roles.EducationOfficer, $"/api/cases/{caseId}/school-reintegration/complete", Bodies.SchoolComplete());
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
