using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;
using static ChildProtection.Coordination.Tests.Cases.Reporting.ReportingDecisionTests;

namespace ChildProtection.Coordination.Tests.Cases;

/// <summary>No event dated in the future (beyond the configured clock skew), nor a step dated before its report.</summary>
public sealed class StepTimeDecisionTests
{
    private static readonly TimeSpan Tolerance = new CaseRulesOptions().ClockSkewTolerance;

    private static Decision Verify(DateTimeOffset? at, CaseRulesOptions? rules = null) =>
        CaseDecisions.Decide(Given.Case(Reported()), new VerifyReport(true, "findings", at), Officer(rules: rules), VerifyReportEndpoint.Decide);

    [Theory, MemberData(nameof(EveryStep.Names), MemberType = typeof(EveryStep))]
    public void any_step_dated_beyond_the_clock_skew_is_invalid(string step)
    {
        var open = Given.Case(ClosedCase()[..^1]);

        EveryStep.All[step](open, Chair(), Given.Now + Tolerance + TimeSpan.FromSeconds(1)).ShouldReject(400, "occurredAt");
    }

    [Theory, MemberData(nameof(EveryStep.Names), MemberType = typeof(EveryStep))]
    public void any_step_dated_before_the_report_is_invalid(string step)
    {
        var open = Given.Case(ClosedCase()[..^1]);

        EveryStep.All[step](open, Chair(), ReportedAt.AddSeconds(-1)).ShouldReject(400, "occurredAt");
    }

    [Fact]
    public void reopening_dated_in_the_future_is_invalid()
    {
        EveryStep.Reopen(Given.Case(ClosedCase()), Chair(), Given.Now.AddHours(1)).ShouldReject(400, "occurredAt");
    }

    [Fact]
    public void a_step_without_a_time_is_dated_now()
    {
        Verify(null).ShouldAcceptOne<ReportVerified>().VerifiedAt.ShouldBe(Given.Now);
    }

    [Fact]
    public void a_step_within_the_clock_skew_is_accepted_with_its_own_time()
    {
        Verify(Given.Now + Tolerance).ShouldAcceptOne<ReportVerified>().VerifiedAt.ShouldBe(Given.Now + Tolerance);
    }

    [Fact]
    public void a_step_one_second_beyond_the_clock_skew_is_invalid()
    {
        Verify(Given.Now + Tolerance + TimeSpan.FromSeconds(1)).ShouldReject(400, "occurredAt");
    }

    [Fact]
    public void a_late_entry_dated_at_the_report_is_accepted()
    {
        Verify(ReportedAt).ShouldAcceptOne<ReportVerified>().VerifiedAt.ShouldBe(ReportedAt);
    }

    [Fact]
    public void without_clock_skew_one_second_ahead_is_the_future()
    {
        var rules = new CaseRulesOptions { ClockSkewTolerance = TimeSpan.Zero };

        Verify(Given.Now, rules).ShouldAccept();
        Verify(Given.Now.AddSeconds(1), rules).ShouldReject(400, "occurredAt");
    }

    [Fact]
    public void a_wider_clock_skew_accepts_a_clock_running_ahead()
    {
        var rules = new CaseRulesOptions { ClockSkewTolerance = TimeSpan.FromMinutes(10) };

        Verify(Given.Now.AddMinutes(9), rules).ShouldAccept();
        Verify(Given.Now.AddMinutes(11), rules).ShouldReject(400, "occurredAt");
    }

    [Fact]
    public void the_same_instant_in_another_offset_is_not_the_future()
    {
        Verify(Given.Now.ToUniversalTime()).ShouldAccept();
    }

    [Fact]
    public void a_report_received_in_the_future_is_invalid()
    {
        Decide(Report(receivedAt: Given.Now + Tolerance + TimeSpan.FromSeconds(1))).ShouldReject(400, "receivedAt");
    }

    [Fact]
    public void a_report_received_within_the_clock_skew_is_accepted()
    {
        Decide(Report(receivedAt: Given.Now + Tolerance)).ShouldAcceptOne<CaseReported>().ReceivedAt.ShouldBe(Given.Now + Tolerance);
    }

    [Fact]
    public void a_planned_time_beyond_the_horizon_says_on_which_side_it_lies()
    {
        CaseDecisions.WithinHorizon(Given.Now.AddYears(6), Officer(), "dueAt").ShouldNotBeNull().ShouldReject(400, "dueAt")
            .Detail.ShouldBe("'dueAt' is more than five years ahead.");
        CaseDecisions.WithinHorizon(Given.Now.AddYears(-6), Officer(), "dueAt").ShouldNotBeNull().ShouldReject(400, "dueAt")
            .Detail.ShouldBe("'dueAt' is more than five years in the past.");
        CaseDecisions.WithinHorizon(Given.Now.AddYears(-4), Officer(), "dueAt").ShouldBeNull();
        CaseDecisions.WithinHorizon(Given.Now.AddYears(4), Officer(), "dueAt").ShouldBeNull();
    }
}
