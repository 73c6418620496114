using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.Closure;

/// <summary>The Chair closes a case only after a review recommends it and no emergency protection is in force (ND56 Art. 32).</summary>
public sealed class ClosureDecisionTests
{
    private static Decision Close(params object[] history) =>
        CaseDecisions.Decide(Given.Case(history), new CloseCase("safe and stable"), Chair(), CloseCaseEndpoint.Decide);

    [Fact]
    public void closing_after_a_review_recommending_it_is_accepted()
    {
        var closed = Close(PlanInForce(Reviewed(ReviewRecommendation.Close))).ShouldAcceptOne<CaseClosed>();

        closed.ShouldBe(new CaseClosed(Given.CaseId, Given.Now, "safe and stable"));
    }

    [Fact]
    public void closing_a_case_without_a_review_is_a_conflict()
    {
        Close(PlanInForce()).ShouldReject(409, ProblemKinds.ClosureNotRecommended);
    }

    [Fact]
    public void closing_a_case_that_was_only_reported_is_a_conflict()
    {
        Close(Reported()).ShouldReject(409, ProblemKinds.ClosureNotRecommended);
    }

    [Theory]
    [InlineData(ReviewRecommendation.Continue)]
    [InlineData(ReviewRecommendation.Replan)]
    public void closing_a_case_without_a_review_recommending_it_is_a_conflict(ReviewRecommendation recommendation)
    {
        Close(PlanInForce(Reviewed(recommendation))).ShouldReject(409, ProblemKinds.ClosureNotRecommended);
    }

    [Fact]
    public void the_latest_review_counts_not_an_earlier_one_recommending_closure()
    {
        Close(PlanInForce(Reviewed(ReviewRecommendation.Close), Reviewed(ReviewRecommendation.Continue))).ShouldReject(409, ProblemKinds.ClosureNotRecommended);
    }

    [Fact]
    public void closing_while_emergency_protection_is_in_force_is_a_conflict()
    {
        Close(PlanInForce(Ordered(), Reviewed(ReviewRecommendation.Close))).ShouldReject(409, ProblemKinds.ProtectionInForce);
    }

    [Fact]
    public void closing_while_an_order_without_separation_is_in_force_is_a_conflict()
    {
        Close(PlanInForce(Ordered(separation: false), Reviewed(ReviewRecommendation.Close))).ShouldReject(409, ProblemKinds.ProtectionInForce);
    }

    [Fact]
    public void closing_once_the_emergency_protection_has_ended_is_accepted()
    {
        Close(PlanInForce(Ordered(), OrderEnded(), Reviewed(ReviewRecommendation.Close))).ShouldAccept();
    }

    [Fact]
    public void closing_while_one_of_two_orders_is_in_force_is_a_conflict()
    {
        var second = Guid.CreateVersion7();

        Close(PlanInForce(Ordered(), Ordered(second, at: ReportedAt.AddDays(2)), OrderEnded(), Reviewed(ReviewRecommendation.Close)))
            .ShouldReject(409, ProblemKinds.ProtectionInForce);
    }

    [Fact]
    public void closing_without_a_reason_is_invalid()
    {
        CloseCaseEndpoint.Decide(Given.Case(PlanInForce(Reviewed(ReviewRecommendation.Close))), new CloseCase(""), Chair())
            .ShouldReject(400, "reason");
    }

    [Fact]
    public void a_reopened_case_needs_a_new_review_before_it_closes_again()
    {
        Close([.. ClosedCase(), Reopened()]).ShouldReject(409, ProblemKinds.ClosureNotRecommended);
    }

    [Fact]
    public void a_reopened_case_closes_again_after_a_new_review_recommending_it()
    {
        Close([.. ClosedCase(), Reopened(), Reviewed(ReviewRecommendation.Close)]).ShouldAccept();
    }
}
