using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.Interview;

/// <summary>
/// Holding child-friendly interviews: at most 2 sessions a day of at most 2 hours each (Law on Juvenile Justice 59/2024),
/// the day being the Vietnam calendar day (UTC+7).
/// </summary>
public sealed class InterviewConductDecisionTests
{
    private static readonly Guid Next = Guid.CreateVersion7();

    /// <summary>A session scheduled and held at <paramref name="start"/>.</summary>
    private static object[] Held(DateTimeOffset start, double hours = 0.5)
    {
        var id = Guid.CreateVersion7();
        return [InterviewScheduled(start, id), InterviewConducted(id, start, hours)];
    }

    /// <summary>Conducts the <see cref="Next"/> session, scheduled for when it starts, after the sessions given.</summary>
    private static Decision Conduct(DateTimeOffset startedAt, TimeSpan duration, object[] sessions, CaseRulesOptions? rules = null) =>
        ConductInterviewEndpoint.Decide(Given.Case([Reported(), .. sessions, InterviewScheduled(startedAt, Next)]), Next,
            new ConductInterview(startedAt, duration, true, true), Police(rules: rules));

    private static Decision Conduct(DateTimeOffset startedAt, object[] sessions, CaseRulesOptions? rules = null) =>
        Conduct(startedAt, TimeSpan.FromMinutes(30), sessions, rules);

    [Fact]
    public void a_held_session_is_recorded()
    {
        var startedAt = Vn(2026, 11, 24, 9);

        Conduct(startedAt, TimeSpan.FromMinutes(45), []).ShouldAcceptOne<InterviewConducted>()
            .ShouldBe(new InterviewConducted(Given.CaseId, Next, startedAt, TimeSpan.FromMinutes(45), true, true, null));
    }

    [Fact]
    public void recording_a_session_never_scheduled_is_not_found()
    {
        ConductInterviewEndpoint.Decide(Given.Case(Reported(), InterviewScheduled(Vn(2026, 11, 24, 9))), Guid.CreateVersion7(),
            new ConductInterview(Vn(2026, 11, 24, 9), TimeSpan.FromHours(1), true, true), Police()).ShouldReject(404);
    }

    [Fact]
    public void recording_a_session_twice_is_a_conflict()
    {
        ConductInterviewEndpoint.Decide(Given.Case(Reported(), InterviewScheduled(Vn(2026, 11, 24, 9), Next), InterviewConducted(Next, Vn(2026, 11, 24, 9))),
            Next, new ConductInterview(Vn(2026, 11, 24, 9), TimeSpan.FromHours(1), true, true), Police()).ShouldReject(409, ProblemKinds.AlreadyRecorded);
    }

    [Fact]
    public void a_session_of_two_hours_is_accepted()
    {
        Conduct(Vn(2026, 11, 24, 9), TimeSpan.FromHours(2), []).ShouldAccept();
    }

    [Fact]
    public void a_session_of_two_hours_and_a_minute_is_a_conflict()
    {
        Conduct(Vn(2026, 11, 24, 9), new TimeSpan(2, 1, 0), []).ShouldReject(409, ProblemKinds.InterviewTooLong);
    }

    [Fact]
    public void a_configured_session_length_changes_the_limit()
    {
        Conduct(Vn(2026, 11, 24, 9), new TimeSpan(1, 1, 0), [], new CaseRulesOptions { MaxInterviewSessionLength = TimeSpan.FromHours(1) })
            .ShouldReject(409, ProblemKinds.InterviewTooLong);
        Conduct(Vn(2026, 11, 24, 9), new TimeSpan(2, 30, 0), [], new CaseRulesOptions { MaxInterviewSessionLength = TimeSpan.FromHours(3) })
            .ShouldAccept();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void a_session_without_a_positive_duration_is_invalid(int minutes)
    {
        Conduct(Vn(2026, 11, 24, 9), TimeSpan.FromMinutes(minutes), []).ShouldReject(400, "duration");
    }

    [Fact]
    public void a_session_starting_in_the_future_is_invalid()
    {
        Conduct(Given.Now.AddHours(1), []).ShouldReject(400, "startedAt");
    }

    [Fact]
    public void a_session_that_has_not_ended_yet_is_invalid()
    {
        Conduct(Given.Now.AddMinutes(-30), TimeSpan.FromHours(1), []).ShouldReject(400, "duration");
    }

    [Fact]
    public void a_session_before_the_report_is_invalid()
    {
        Conduct(ReportedAt.AddHours(-1), []).ShouldReject(400, "startedAt");
    }

    [Fact]
    public void holding_a_third_session_on_the_same_vietnam_day_is_a_conflict()
    {
        Conduct(Vn(2026, 11, 20, 20), [.. Held(Vn(2026, 11, 20, 9)), .. Held(Vn(2026, 11, 20, 14))]).ShouldReject(409, ProblemKinds.InterviewLimitReached);
    }

    [Fact]
    public void holding_a_session_after_vietnam_midnight_is_another_day_though_the_same_utc_day()
    {
        // 10:00 and 23:30 on the 20th, 00:30 on the 21st Vietnam time are all on the 20th in UTC.
        Conduct(Vn(2026, 11, 21, 0, 30), [.. Held(Vn(2026, 11, 20, 10)), .. Held(Vn(2026, 11, 20, 23, 30))]).ShouldAccept();
    }

    [Fact]
    public void holding_counts_the_vietnam_day_though_the_sessions_fall_on_different_utc_days()
    {
        // 06:00 on the 21st Vietnam time is 23:00 on the 20th UTC; 08:00 and 14:00 are on the 21st in both.
        Conduct(Vn(2026, 11, 21, 14), [.. Held(Vn(2026, 11, 21, 6)), .. Held(Vn(2026, 11, 21, 8))]).ShouldReject(409, ProblemKinds.InterviewLimitReached);
    }

    [Fact]
    public void sessions_only_scheduled_that_day_do_not_count_when_one_is_held()
    {
        Conduct(Vn(2026, 11, 20, 20), [InterviewScheduled(Vn(2026, 11, 20, 9)), InterviewScheduled(Vn(2026, 11, 20, 14))]).ShouldAccept();
    }

    [Fact]
    public void a_configured_maximum_of_three_sessions_allows_holding_a_third()
    {
        var rules = new CaseRulesOptions { MaxInterviewSessionsPerDay = 3 };

        Conduct(Vn(2026, 11, 20, 20), [.. Held(Vn(2026, 11, 20, 9)), .. Held(Vn(2026, 11, 20, 14))], rules).ShouldAccept();
    }
}
