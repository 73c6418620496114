using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Tests.Cases.Interview;

/// <summary>/interviews and /interviews/{interviewId}/conduct.</summary>
public sealed class InterviewRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<CaseSummary> Summary(Guid caseId) =>
        await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Read<CaseSummary>();

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
}
