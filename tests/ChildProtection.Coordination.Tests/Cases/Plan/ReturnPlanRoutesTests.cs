using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Tests.Handoffs;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Cases.Plan;

/// <summary>POST /plan/return and /plan/meetings on the real host: the approval goes back to the planner and returns to the Chair on resubmission.</summary>
public sealed class ReturnPlanRoutesTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private const string Officer = "commune-officer", Chair = "commune-chair", Ward = "ubnd-dong-hoi";

    private static DraftPlan Draft(string goals) => new(goals,
        [new PlanService(ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "weekly counselling", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)))]);

    [Fact]
    public async Task a_returned_plan_goes_back_to_the_planner_and_the_resubmission_back_to_the_chair_on_the_clock_from_the_report()
    {
        var caseId = await App.ReportByHotline();
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/risk-assessment", new AssessInitialRisk(RiskLevel.Medium, RiskLevel.Medium, RiskLevel.Low, RiskLevel.Medium, false));
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/detailed-assessment", new AssessNeeds(["counselling"], "withdrawn"));
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/plan/meetings", new RecordPlanningMeeting(DateTimeOffset.UtcNow,
            [new(Roles.CommuneOfficer, Ward), new(Roles.SocialWorker, "ctxh-quang-tri"), new("residents' representative"), new("mother")],
            "Wants to keep going to school", "The mother asks for counselling"));
        var first = await App.Post(Officer, Ward, $"/api/cases/{caseId}/plan", Draft("keep her safe"));
        var approval = await App.Handoff(caseId, HandoffTask.ApprovePlan, Ward);

        await (await App.Client(Officer, Ward).PostJson($"/api/cases/{caseId}/plan/return", new ReturnPlan(first.Id!.Value, "no"))).ShouldHave(HttpStatusCode.Forbidden);
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/plan/return", new ReturnPlan(first.Id!.Value, "No school support in the plan"));

        await App.Eventually<HandoffCancelled>(caseId, c => c.HandoffId == approval.HandoffId, "the approval withdrawn from the Chair");
        var revision = await App.Eventually<HandoffRequested>(caseId, h => h.RuleId == "plan-revision", "the revision handed to the planner");
        (revision.ToAgency, revision.Task, revision.DueAt).ShouldBe((Ward, HandoffTask.DraftPlan, approval.DueAt));
        await (await App.Client(Chair, Ward).PostJson($"/api/cases/{caseId}/plan/approval", new ApprovePlan(first.Id!.Value)))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.PlanReturned);

        var second = await App.Post(Officer, Ward, $"/api/cases/{caseId}/plan", Draft("keep her safe and at school"));
        await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == revision.HandoffId, "the revision done by the new draft");
        var again = await App.Eventually<HandoffRequested>(caseId, h => h.Task == HandoffTask.ApprovePlan && h.HandoffId != approval.HandoffId, "the new draft back with the Chair");
        // 7 working days in total from the report (ND56 Art. 30): the return does not restart the approval clock by default.
        again.DueAt.ShouldBe(approval.DueAt);
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/plan/approval", new ApprovePlan(second.Id!.Value));

        var summary = await (await App.Client(Chair, Ward).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        summary.GetProperty("planReturns").EnumerateArray().Single().GetProperty("reasons").GetString().ShouldBe("No school support in the plan");
        var meeting = summary.GetProperty("planningMeetings").EnumerateArray().Single();
        meeting.GetProperty("participants").GetArrayLength().ShouldBe(4);
        meeting.GetProperty("childViews").GetString().ShouldBe("Wants to keep going to school");
        summary.GetProperty("plan").GetProperty("status").GetString().ShouldBe("Approved");
    }

    [Fact]
    public async Task a_meeting_without_the_childs_views_is_a_400_naming_them()
    {
        var caseId = await App.ReportByHotline();
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/risk-assessment", new AssessInitialRisk(RiskLevel.Medium, RiskLevel.Medium, RiskLevel.Low, RiskLevel.Medium, false));
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/detailed-assessment", new AssessNeeds(["counselling"], "withdrawn"));

        var response = await App.Client(Officer, Ward).PostJson($"/api/cases/{caseId}/plan/meetings",
            new RecordPlanningMeeting(DateTimeOffset.UtcNow, [new(Roles.CommuneOfficer, Ward)], " ", "agree"));
        (await response.ShouldBeInvalid("childViews")).Field().ShouldBe("childViews");
    }
}
