using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases;

/// <summary>Nothing but reopening on a closed case.</summary>
public sealed class ClosedCaseDecisionTests
{
    private const string ClosedRefusal = "The case is closed";

    [Fact]
    public void every_step_but_reopening_is_covered()
    {
        // All but Read and Report; the three hand-off actions have their own tests under Handoffs/; withdrawing a
        // consent and erasing the identity, which a closed case still takes, theirs under Privacy/; the four audit reads
        // (history, integrity, export, access log) are no steps; finding duplicates is a read, and linking and rejecting a
        // duplicate, which a closed case still takes (allowedWhenClosed), have theirs under Cases/Matching/ (merging is here:
        // a closed case is not merged).
        EveryStep.All.Count.ShouldBe(Enum.GetValues<CaseAction>().Length - 2 - 3 - 2 - 4 - 3);
    }

    [Theory, MemberData(nameof(EveryStep.NamesButReopening), MemberType = typeof(EveryStep))]
    public void any_step_but_reopening_on_a_closed_case_is_a_conflict(string step)
    {
        var closed = Given.Case(ClosedCase());

        EveryStep.ButReopening[step](closed, Chair(), null).ShouldReject(409, ProblemKinds.CaseClosed).Detail.ShouldStartWith(ClosedRefusal);
    }

    [Theory, MemberData(nameof(EveryStep.NamesButReopening), MemberType = typeof(EveryStep))]
    public void the_same_step_on_the_case_before_it_closed_is_not_refused_as_closed(string step)
    {
        var open = Given.Case(ClosedCase()[..^1]);

        if (EveryStep.ButReopening[step](open, Chair(), null) is Decision.Rejected rejected)
            rejected.Detail.ShouldNotStartWith(ClosedRefusal);
    }

    [Fact]
    public void reopening_a_closed_case_is_accepted()
    {
        var reopened = EveryStep.Reopen(Given.Case(ClosedCase()), Chair()).ShouldAcceptOne<CaseReopened>();

        reopened.ShouldBe(new CaseReopened(Given.CaseId, Given.Now, "at risk again"));
    }

    [Fact]
    public void reopening_an_open_case_is_a_conflict()
    {
        EveryStep.Reopen(Given.Case(PlanInForce()), Chair()).ShouldReject(409, ProblemKinds.CaseNotClosed);
    }

    [Fact]
    public void reopening_without_a_reason_is_invalid()
    {
        ReopenCaseEndpoint.Decide(Given.Case(ClosedCase()), new ReopenCase(" "), Chair()).ShouldReject(400, "reason");
    }

    [Fact]
    public void a_step_on_a_closed_case_is_a_conflict_even_when_dated_before_the_closure()
    {
        EveryStep.ButReopening["VerifyReport"](Given.Case(ClosedCase()), Officer(), ReportedAt.AddDays(1)).ShouldReject(409, ProblemKinds.CaseClosed);
    }

    [Theory, MemberData(nameof(EveryStep.NamesButReopening), MemberType = typeof(EveryStep))]
    public void once_reopened_the_case_takes_steps_again(string step)
    {
        var reopened = Given.Case([.. ClosedCase(), Reopened()]);

        if (EveryStep.ButReopening[step](reopened, Chair(), null) is Decision.Rejected rejected)
            rejected.Detail.ShouldNotStartWith(ClosedRefusal);
    }
}
