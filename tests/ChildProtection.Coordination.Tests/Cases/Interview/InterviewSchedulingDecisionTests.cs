using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.Interview;

/// <summary>
/// Scheduling child-friendly interviews: at most 2 sessions a day (Law on Juvenile Justice 59/2024), counting those held
/// or still scheduled that day, the day being the Vietnam calendar day (UTC+7).
/// </summary>
public sealed class InterviewSchedulingDecisionTests
{
    private static Decision Schedule(DateTimeOffset scheduledFor, object[] sessions, CaseRulesOptions? rules = null) =>
        ScheduleInterviewEndpoint.Decide(Given.Case([Reported(), .. sessions]), new ScheduleInterview(scheduledFor, "friendly room", "Lt. Hoa", true), Police(rules: rules));

    [Fact]
    public void an_interview_is_scheduled_with_the_guardian_told()
    {
        var scheduledFor = Vn(2026, 11, 27, 9);

        var decision = Schedule(scheduledFor, []);

        var scheduled = decision.ShouldAcceptOne<InterviewScheduled>();
        ((Decision.Accepted)decision).ResourceId.ShouldBe(scheduled.InterviewId);
        scheduled.ShouldBe(new InterviewScheduled(Given.CaseId, scheduled.InterviewId, scheduledFor, "friendly room", "Lt. Hoa", true));
    }

    [Fact]
    public void an_interview_the_guardian_was_not_told_of_is_invalid()
    {
        ScheduleInterviewEndpoint.Decide(Given.Case(Reported()), new ScheduleInterview(Vn(2026, 11, 27, 9), "room", "Lt. Hoa", false), Police())
            .ShouldReject(400, "guardianNotified");
    }

    [Theory]
    [InlineData("", "Lt. Hoa", "location")]
    [InlineData("room", " ", "interviewer")]
    public void an_interview_without_a_place_or_an_interviewer_is_invalid(string location, string interviewer, string field)
    {
        ScheduleInterviewEndpoint.Decide(Given.Case(Reported()), new ScheduleInterview(Vn(2026, 11, 27, 9), location, interviewer, true), Police())
            .ShouldReject(400, field);
    }

    [Fact]
    public void scheduling_a_third_session_on_the_same_vietnam_day_is_a_conflict()
    {
        object[] twoThatDay = [InterviewScheduled(Vn(2026, 11, 27, 9)), InterviewScheduled(Vn(2026, 11, 27, 14))];

        Schedule(Vn(2026, 11, 27, 23, 30), twoThatDay).ShouldReject(409, ProblemKinds.InterviewLimitReached);
    }

    [Fact]
    public void scheduling_after_vietnam_midnight_is_another_day_though_the_same_utc_day()
    {
        // 10:00 and 23:30 on the 27th, 00:30 on the 28th Vietnam time are all on the 27th in UTC.
        object[] twoOnThe27th = [InterviewScheduled(Vn(2026, 11, 27, 10)), InterviewScheduled(Vn(2026, 11, 27, 23, 30))];

        Schedule(Vn(2026, 11, 28, 0, 30), twoOnThe27th).ShouldAccept();
    }

    [Fact]
    public void scheduling_counts_the_vietnam_day_though_the_sessions_fall_on_different_utc_days()
    {
        // 06:00 on the 28th Vietnam time is 23:00 on the 27th UTC; 08:00 and 14:00 are on the 28th in both.
        object[] twoOnThe28th = [InterviewScheduled(Vn(2026, 11, 28, 6)), InterviewScheduled(Vn(2026, 11, 28, 8))];

        Schedule(Vn(2026, 11, 28, 14), twoOnThe28th).ShouldReject(409, ProblemKinds.InterviewLimitReached);
    }

    [Fact]
    public void a_session_held_on_another_day_than_planned_counts_on_the_day_it_was_held()
    {
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        object[] plannedThe20thHeldThe21st =
        [
            InterviewScheduled(Vn(2026, 11, 20, 9), first), InterviewConducted(first, Vn(2026, 11, 21, 9), 0.5),
            InterviewScheduled(Vn(2026, 11, 20, 14), second), InterviewConducted(second, Vn(2026, 11, 21, 14), 0.5),
        ];

        Schedule(Vn(2026, 11, 21, 16), plannedThe20thHeldThe21st).ShouldReject(409, ProblemKinds.InterviewLimitReached);
        Schedule(Vn(2026, 11, 20, 16), plannedThe20thHeldThe21st).ShouldAccept();
    }

    [Fact]
    public void a_configured_maximum_of_three_sessions_allows_a_third_but_not_a_fourth()
    {
        var rules = new CaseRulesOptions { MaxInterviewSessionsPerDay = 3 };
        object[] two = [InterviewScheduled(Vn(2026, 11, 27, 9)), InterviewScheduled(Vn(2026, 11, 27, 11))];
        object[] three = [.. two, InterviewScheduled(Vn(2026, 11, 27, 14))];

        Schedule(Vn(2026, 11, 27, 16), two, rules).ShouldAccept();
        Schedule(Vn(2026, 11, 27, 16), three, rules).ShouldReject(409, ProblemKinds.InterviewLimitReached);
    }
}
