using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.Plan;

/// <summary>The support plan (Form 04) and its approval by the commune Chair (Form 05).</summary>
public sealed class PlanDecisionTests
{
    private static readonly DateOnly Today = LegalTime.VietnamTime.DateOf(Given.Now);

    private static DraftPlan Plan(string goals = "child safe at home", params PlanService[] services) =>
        new(goals, services.Length == 0 ? [new PlanService(ServiceKind.PsychosocialSupport, AgencyKind.SocialWorkCentre, "weekly sessions", Today.AddDays(14))] : services);

    private static Decision Draft(params object[] history) => DraftPlanEndpoint.Decide(Given.Case(history), Plan(), Officer());

    private static Decision Approve(object[] history, Guid? planId = null, string role = Roles.CommuneChair) =>
        ApprovePlanEndpoint.Decide(Given.Case(history), new ApprovePlan(planId ?? PlanId, "approved"), Given.Context(role));

    [Fact]
    public void a_plan_on_the_detailed_assessment_is_drafted_with_its_services()
    {
        var decision = Draft(Assessed());

        var drafted = decision.ShouldAcceptOne<SupportPlanDrafted>();
        ((Decision.Accepted)decision).ResourceId.ShouldBe(drafted.PlanId);
        drafted.DraftedAt.ShouldBe(Given.Now);
        drafted.Services.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            s => s.Kind.ShouldBe(ServiceKind.PsychosocialSupport),
            s => s.Provider.ShouldBe(AgencyKind.SocialWorkCentre),
            s => s.DueDate.ShouldBe(Today.AddDays(14)),
            s => s.ServiceId.ShouldNotBe(Guid.Empty));
    }

    [Fact]
    public void a_plan_without_the_detailed_assessment_is_a_conflict()
    {
        Draft(Reported(), Verified(), RiskAssessed()).ShouldReject(409, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public void a_plan_without_goals_is_invalid()
    {
        DraftPlanEndpoint.Decide(Given.Case(Assessed()), Plan(goals: " "), Officer()).ShouldReject(400, "goals");
    }

    [Fact]
    public void a_plan_without_services_is_invalid()
    {
        DraftPlanEndpoint.Decide(Given.Case(Assessed()), new DraftPlan("goals", []), Officer()).ShouldReject(400, "services");
    }

    [Fact]
    public void a_service_without_a_description_is_invalid_naming_it()
    {
        var services = new[]
        {
            new PlanService(ServiceKind.MedicalCare, AgencyKind.HealthFacility, "check-up", Today),
            new PlanService(ServiceKind.LegalAid, AgencyKind.JusticeLegalAid, "", Today),
        };

        DraftPlanEndpoint.Decide(Given.Case(Assessed()), Plan("goals", services), Officer()).ShouldReject(400, "services[1].description");
    }

    [Fact]
    public void a_service_due_before_the_plan_is_invalid_and_one_due_the_same_day_is_accepted()
    {
        var late = new PlanService(ServiceKind.MedicalCare, AgencyKind.HealthFacility, "check-up", Today.AddDays(-1));
        var sameDay = late with { DueDate = Today };

        DraftPlanEndpoint.Decide(Given.Case(Assessed()), Plan("goals", late), Officer()).ShouldReject(400, "services[0].dueDate");
        DraftPlanEndpoint.Decide(Given.Case(Assessed()), Plan("goals", sameDay), Officer()).ShouldAccept();
    }

    [Fact]
    public void a_drafted_plan_not_yet_approved_can_be_redrafted()
    {
        Draft(Assessed(PlanDrafted())).ShouldAccept();
    }

    [Fact]
    public void a_new_plan_after_approval_without_a_review_is_a_conflict()
    {
        Draft(PlanInForce()).ShouldReject(409, ProblemKinds.PlanAlreadyApproved);
    }

    [Theory]
    [InlineData(ReviewRecommendation.Continue)]
    [InlineData(ReviewRecommendation.Close)]
    public void a_new_plan_after_a_review_not_asking_for_one_is_a_conflict(ReviewRecommendation recommendation)
    {
        Draft(PlanInForce(Reviewed(recommendation))).ShouldReject(409, ProblemKinds.PlanAlreadyApproved);
    }

    [Fact]
    public void a_new_plan_after_a_review_recommending_replanning_is_accepted()
    {
        Draft(PlanInForce(Reviewed(ReviewRecommendation.Replan))).ShouldAccept();
    }

    [Fact]
    public void the_replan_review_is_spent_once_the_new_plan_is_approved()
    {
        var second = Guid.CreateVersion7();

        Draft(PlanInForce(Reviewed(ReviewRecommendation.Replan), PlanDrafted(second), PlanApproved(second))).ShouldReject(409, ProblemKinds.PlanAlreadyApproved);
    }

    [Fact]
    public void a_new_plan_on_a_reopened_case_is_accepted()
    {
        Draft([.. ClosedCase(), Reopened()]).ShouldAccept();
    }

    [Fact]
    public void a_reopened_case_reassessed_before_planning_can_be_replanned()
    {
        Draft([.. ClosedCase(), Reopened(), RiskAssessed(), NeedsAssessed()]).ShouldAccept();
    }

    [Fact]
    public void the_chair_approves_the_drafted_plan()
    {
        var approved = Approve(Assessed(PlanDrafted())).ShouldAcceptOne<SupportPlanApproved>();

        approved.ShouldBe(new SupportPlanApproved(Given.CaseId, PlanId, Given.Now, "approved"));
    }

    public static TheoryData<string> RolesButChair => new(Roles.All.Where(r => r != Roles.CommuneChair));

    [Theory, MemberData(nameof(RolesButChair))]
    public void only_the_commune_chair_approves_a_plan(string role)
    {
        Approve(Assessed(PlanDrafted()), role: role).ShouldReject(403);
    }

    [Fact]
    public void approving_when_no_plan_is_drafted_is_a_conflict()
    {
        Approve(Assessed()).ShouldReject(409, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public void approving_another_plan_than_the_drafted_one_is_a_conflict()
    {
        Approve(Assessed(PlanDrafted()), planId: Guid.CreateVersion7()).ShouldReject(409, ProblemKinds.PlanNotCurrent);
    }

    [Fact]
    public void approving_an_approved_plan_again_is_a_conflict()
    {
        Approve(PlanInForce()).ShouldReject(409, ProblemKinds.PlanAlreadyApproved);
    }

    [Fact]
    public void the_new_plan_after_a_replan_review_is_approved_and_the_old_one_is_not()
    {
        var second = Guid.CreateVersion7();
        var history = PlanInForce(Reviewed(ReviewRecommendation.Replan), PlanDrafted(second));

        Approve(history, planId: second).ShouldAccept();
        Approve(history, planId: PlanId).ShouldReject(409, ProblemKinds.PlanNotCurrent);
    }
}
