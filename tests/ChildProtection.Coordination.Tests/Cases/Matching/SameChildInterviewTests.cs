using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>Interview limits count the child: sessions of the cases linked as the same child count with this case's own.</summary>
public class SameChildInterviewTests
{
    private static readonly DateTimeOffset Morning = Given.Now.AddDays(1).Date + TimeSpan.FromHours(2);

    [Fact]
    public void sessions_of_a_case_linked_as_the_same_child_count_towards_the_day_limit()
    {
        var context = Given.Context(Roles.PoliceOfficer) with { SameChildSessions = [new(Morning, false), new(Morning.AddHours(3), false)] };
        ScheduleInterviewEndpoint.Decide(Given.Case(Given.Reported()), new ScheduleInterview(Morning.AddHours(5), "Friendly room", "Officer Lan", true), context)
            .ShouldReject(409, ProblemKinds.InterviewLimitReached);
    }

    [Fact]
    public void without_the_link_the_same_session_is_allowed() =>
        ScheduleInterviewEndpoint.Decide(Given.Case(Given.Reported()), new ScheduleInterview(Morning.AddHours(5), "Friendly room", "Officer Lan", true),
            Given.Context(Roles.PoliceOfficer)).ShouldAccept();

    [Fact]
    public void a_linked_session_on_another_day_does_not_count() =>
        ScheduleInterviewEndpoint.Decide(Given.Case(Given.Reported()), new ScheduleInterview(Morning.AddHours(5), "Friendly room", "Officer Lan", true),
            Given.Context(Roles.PoliceOfficer) with { SameChildSessions = [new(Morning.AddDays(-1), true), new(Morning.AddDays(-1).AddHours(3), true)] })
            .ShouldAccept();
}
