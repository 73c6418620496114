using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
namespace ChildProtection.Coordination.Tests.Cases.Review;

/// <summary>/reviews (Form 06).</summary>
public sealed class ReviewRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<CaseSummary> Summary(Guid caseId) =>
        await (await Api.Get(Roles.CommuneChair, $"/api/cases/{caseId}")).Read<CaseSummary>();

    // POST /api/cases/{caseId}/reviews

    [Theory]
    [InlineData(ReviewRecommendation.Continue)]
    [InlineData(ReviewRecommendation.Replan)]
    [InlineData(ReviewRecommendation.Close)]
    public async Task a_review_of_an_approved_plan_records_its_recommendation(ReviewRecommendation recommendation)
    {
        var (caseId, _) = await Api.PlanApproved();

        await (await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/reviews", Bodies.Review(recommendation))).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<CaseReviewed>().Recommendation.ShouldBe(recommendation);
        var summary = await Summary(caseId);
        summary.Stage.ShouldBe(CaseStage.Reviewed);
        summary.LastReview.ShouldBe(recommendation);
    }

    [Fact]
    public async Task a_review_before_a_plan_is_approved_is_a_conflict()
    {
        var (caseId, _) = await Api.PlanDrafted();
        var problem = await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/reviews", Bodies.Review())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.StepOutOfOrder);
        problem.Detail().ShouldContain("approved");
        (await Api.Version(caseId)).ShouldBe(4);
    }

    [Fact]
    public async Task a_review_without_a_summary_is_a_400_naming_it()
    {
        var (caseId, _) = await Api.PlanApproved();
        var response = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/reviews", Bodies.Review() with { Summary = "" });
        (await response.ShouldBeInvalid("summary")).Field().ShouldBe("summary");
    }

    [Fact]
    public async Task the_chair_does_not_review_a_case()
    {
        var (caseId, _) = await Api.PlanApproved();
        await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/reviews", Bodies.Review())).ShouldHave(HttpStatusCode.Forbidden);
    }
}
