using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Review;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.Review;

/// <summary>The review of an approved plan's results, recommending continue, re-plan or close (Form 06).</summary>
public sealed class ReviewDecisionTests
{
    [Theory]
    [InlineData(ReviewRecommendation.Continue)]
    [InlineData(ReviewRecommendation.Replan)]
    [InlineData(ReviewRecommendation.Close)]
    public void a_review_of_an_approved_plan_records_its_recommendation(ReviewRecommendation recommendation)
    {
        var reviewed = ReviewCaseEndpoint.Decide(Given.Case(PlanInForce()), new ReviewCase(recommendation, "results", Risk: Bodies.LowRisk), Officer())
            .ShouldAcceptOne<CaseReviewed>();

        reviewed.ShouldBe(new CaseReviewed(Given.CaseId, Given.Now, recommendation, "results", Bodies.LowRisk));
    }

    [Fact]
    public void a_review_without_an_approved_plan_is_a_conflict()
    {
        ReviewCaseEndpoint.Decide(Given.Case(Assessed(PlanDrafted())), new ReviewCase(ReviewRecommendation.Close, "results", Risk: Bodies.LowRisk), Officer())
            .ShouldReject(409, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public void a_review_while_the_new_plan_awaits_approval_is_a_conflict()
    {
        var history = PlanInForce(Reviewed(ReviewRecommendation.Replan), PlanDrafted(Guid.CreateVersion7()));

        ReviewCaseEndpoint.Decide(Given.Case(history), new ReviewCase(ReviewRecommendation.Close, "results", Risk: Bodies.LowRisk), Officer()).ShouldReject(409, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public void a_review_without_a_summary_is_invalid()
    {
        ReviewCaseEndpoint.Decide(Given.Case(PlanInForce()), new ReviewCase(ReviewRecommendation.Close, " ", Risk: Bodies.LowRisk), Officer()).ShouldReject(400, "summary");
    }

    [Fact]
    public void every_review_re_rates_the_risk_and_the_case_keeps_the_latest_rating()
    {
        var rating = new RiskRating(RiskLevel.Medium, RiskLevel.Low, RiskLevel.Low, RiskLevel.Medium);
        var reviewed = ReviewCaseEndpoint.Decide(Given.Case(PlanInForce()), new ReviewCase(ReviewRecommendation.Continue, "results", Risk: rating), Officer())
            .ShouldAcceptOne<CaseReviewed>();

        reviewed.Risk.ShouldBe(rating);
        Given.Case(PlanInForce(reviewed)).Risk.ShouldBe(RiskLevel.Medium);
    }

    [Fact]
    public void a_review_without_a_risk_rating_is_a_400_naming_it() =>
        ReviewCaseEndpoint.Decide(Given.Case(PlanInForce()), new ReviewCase(ReviewRecommendation.Continue, "results"), Officer()).ShouldReject(400, "risk");

    [Fact]
    public void the_overall_rating_is_not_below_the_worst_criterion() =>
        ReviewCaseEndpoint.Decide(Given.Case(PlanInForce()), new ReviewCase(ReviewRecommendation.Continue, "results",
            Risk: new RiskRating(RiskLevel.High, RiskLevel.Low, RiskLevel.Low, RiskLevel.Medium)), Officer()).ShouldReject(400, "risk.overall");

    [Fact]
    public void a_child_still_at_high_risk_is_not_recommended_for_closure() =>
        ReviewCaseEndpoint.Decide(Given.Case(PlanInForce()), new ReviewCase(ReviewRecommendation.Close, "results",
            Risk: new RiskRating(RiskLevel.High, RiskLevel.High, RiskLevel.High, RiskLevel.High)), Officer()).ShouldReject(400, "recommendation");
}
