using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.Plan;

/// <summary>The Chair returns a drafted plan with reasons; the planner revises and drafts it again; the planning meeting is recorded.</summary>
public sealed class ReturnPlanDecisionTests
{
    private static SupportPlanReturned Returned(Guid? planId = null) => new(Given.CaseId, planId ?? PlanId, ReportedAt.AddDays(2).AddHours(4), "no school service");

    private static Decision Return(object[] history, Guid? planId = null, StepContext? as_ = null) =>
        CaseDecisions.Decide(Given.Case(history), new ReturnPlan(planId ?? PlanId, "the services name no school support"), as_ ?? Chair(), ReturnPlanEndpoint.Decide);

    [Fact]
    public void the_chair_returns_a_drafted_plan_with_reasons() =>
        Return(Assessed(PlanDrafted())).ShouldAcceptOne<SupportPlanReturned>()
            .ShouldBe(new SupportPlanReturned(Given.CaseId, PlanId, Given.Now, "the services name no school support"));

    [Fact]
    public void only_the_chair_returns_a_plan() => Return(Assessed(PlanDrafted()), as_: Officer()).ShouldReject(403);

    [Fact]
    public void a_return_without_reasons_is_a_400() =>
        ReturnPlanEndpoint.Decide(Given.Case(Assessed(PlanDrafted())), new ReturnPlan(PlanId, ""), Chair()).ShouldReject(400, "reasons");

    [Fact]
    public void a_returned_plan_is_neither_returned_again_nor_approved()
    {
        Return(Assessed(PlanDrafted(), Returned())).ShouldReject(409, ProblemKinds.PlanReturned);
        CaseDecisions.Decide(Given.Case(Assessed(PlanDrafted(), Returned())), new ApprovePlan(PlanId), Chair(), ApprovePlanEndpoint.Decide)
            .ShouldReject(409, ProblemKinds.PlanReturned);
    }

    [Fact]
    public void the_planner_drafts_again_and_the_new_draft_is_approved()
    {
        var revised = Guid.CreateVersion7();
        var redraft = CaseDecisions.Decide(Given.Case(Assessed(PlanDrafted(), Returned())),
            new DraftPlan("safe and at school", [new PlanService(ServiceKind.SchoolReintegration, Coordination.Agencies.AgencyKind.Education, "back to class",
                new DateOnly(2026, 12, 31))]), Officer(), DraftPlanEndpoint.Decide).ShouldAcceptOne<SupportPlanDrafted>();

        var history = Assessed(PlanDrafted(), Returned(), redraft);
        Given.Case(history).PlanStatus.ShouldBe(PlanStatus.Drafted);
        CaseDecisions.Decide(Given.Case(history), new ApprovePlan(redraft.PlanId), Chair(), ApprovePlanEndpoint.Decide).ShouldAccept();
        CaseDecisions.Decide(Given.Case(history), new ApprovePlan(PlanId), Chair(), ApprovePlanEndpoint.Decide).ShouldReject(409, ProblemKinds.PlanNotCurrent);
    }

    [Fact]
    public void an_approved_plan_is_not_returned() => Return(PlanInForce()).ShouldReject(409, ProblemKinds.PlanAlreadyApproved);

    [Fact]
    public void no_plan_no_return() => Return(Assessed()).ShouldReject(409, ProblemKinds.StepOutOfOrder);

    [Fact]
    public void returning_another_plan_than_the_current_one_is_a_conflict() =>
        Return(Assessed(PlanDrafted()), Guid.CreateVersion7()).ShouldReject(409, ProblemKinds.PlanNotCurrent);

    // The planning meeting (ND56 Art. 30).

    private static RecordPlanningMeeting Meeting(MeetingParticipant[]? participants = null, string childViews = "wants to live with her grandmother",
        string familyViews = "the mother agrees") =>
        new(Given.Now.AddHours(-2), participants ?? [new(Roles.CommuneOfficer, "ubnd-dong-hoi"), new(Roles.SocialWorker, "ctxh-quang-tri"), new("mother")],
            childViews, familyViews);

    [Fact]
    public void a_planning_meeting_records_participants_by_role_and_agency_and_the_views_heard()
    {
        var held = CaseDecisions.Decide(Given.Case(Assessed()), Meeting(), Officer(), RecordPlanningMeetingEndpoint.Decide).ShouldAcceptOne<PlanningMeetingHeld>();

        held.Participants.Select(p => (p.Role, p.Agency)).ShouldBe([("commune-officer", "ubnd-dong-hoi"), ("social-worker", "ctxh-quang-tri"), ("mother", null)]);
        (held.ChildViews, held.FamilyViews, held.HeldAt).ShouldBe(("wants to live with her grandmother", "the mother agrees", Given.Now.AddHours(-2)));
    }

    [Fact]
    public void a_meeting_hears_the_child_and_the_family_and_lists_who_took_part()
    {
        CaseDecisions.Decide(Given.Case(Assessed()), Meeting(childViews: " "), Officer(), RecordPlanningMeetingEndpoint.Decide).ShouldReject(400, "childViews");
        CaseDecisions.Decide(Given.Case(Assessed()), Meeting(familyViews: ""), Officer(), RecordPlanningMeetingEndpoint.Decide).ShouldReject(400, "familyViews");
        CaseDecisions.Decide(Given.Case(Assessed()), Meeting([]), Officer(), RecordPlanningMeetingEndpoint.Decide).ShouldReject(400, "participants");
        CaseDecisions.Decide(Given.Case(Assessed()), Meeting([new("")]), Officer(), RecordPlanningMeetingEndpoint.Decide).ShouldReject(400, "participants[0].role");
    }

    [Fact]
    public void a_meeting_plans_on_the_detailed_assessment() =>
        CaseDecisions.Decide(Given.Case(Reported(), Verified(), RiskAssessed()), Meeting(), Officer(), RecordPlanningMeetingEndpoint.Decide)
            .ShouldReject(409, ProblemKinds.StepOutOfOrder);
}
