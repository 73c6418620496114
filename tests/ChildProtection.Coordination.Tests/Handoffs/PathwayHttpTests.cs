using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Agencies;
namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>The pathway on a real host and database: each rule hands work to the right agency of the demo directory.</summary>
public sealed class PathwayHttpTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    [Fact]
    public async Task a_hotline_report_lands_in_the_inbox_of_the_commune_where_it_happened_with_a_12_hour_clock()
    {
        var caseId = await App.ReportByHotline();

        var entry = await App.InInbox("ubnd-dong-hoi", e => e.CaseId == caseId, "the report in the commune's inbox");
        entry.Task.ShouldBe(HandoffTask.VerifyAndAssess);
        entry.FromAgency.ShouldBe("hotline-111");
        entry.CaseStage.ShouldBe(CaseStage.Reported);
        entry.LegalBasis.ShouldContain("12 hours");

        var requested = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, "ubnd-dong-hoi");
        var reported = (await App.History(caseId))[0];
        requested.DueAt.ShouldBe(((CaseReported)reported.Data).ReceivedAt.AddHours(12));
        (requested.RuleId, requested.PathwayVersion).ShouldBe(("report-to-commune", 1));

        // The hand-off is a case event, recorded by the pathway for the request that reported the case.
        var handoffEvent = (await App.History(caseId)).Single(e => e.Data is HandoffRequested);
        handoffEvent.CorrelationId.ShouldBe(reported.CorrelationId);
        handoffEvent.CausationId.ShouldBe(reported.Id.ToString());
        handoffEvent.Headers!["role"].ToString().ShouldBe("system");
    }

    [Fact]
    public async Task sexual_abuse_goes_to_the_health_station_and_the_commune_police_within_24_hours()
    {
        var caseId = await App.ReportByHotline([HarmForm.SexualAbuse]);

        var exam = await App.Handoff(caseId, HandoffTask.MedicalExamination, "tyt-dong-hoi");
        var crime = await App.Handoff(caseId, HandoffTask.CrimeReport, "ca-dong-hoi");
        var interview = await App.Handoff(caseId, HandoffTask.ChildFriendlyInterview, "ca-dong-hoi");
        new[] { exam.DueAt, crime.DueAt, interview.DueAt }.Distinct().ShouldHaveSingleItem().ShouldBe(exam.RequestedAt.AddHours(24), TimeSpan.FromMinutes(1));
        await App.InInbox("ca-dong-hoi", e => e.CaseId == caseId && e.Task == HandoffTask.ChildFriendlyInterview, "the interview in the police inbox", "police-officer");
    }

    [Fact]
    public async Task the_assessment_completes_the_communes_work_and_hands_on_the_emergency_decision_and_the_plan()
    {
        var caseId = await App.ReportByHotline();
        var verify = await App.Handoff(caseId, HandoffTask.VerifyAndAssess);

        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/risk-assessment",
            new AssessInitialRisk(RiskLevel.High, RiskLevel.High, RiskLevel.Medium, RiskLevel.High, EmergencyMeasuresNeeded: true));

        var completed = await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == verify.HandoffId, "the verification completed");
        var assessed = (await App.History(caseId)).Single(e => e.Data is InitialRiskAssessed);
        (completed.FulfilledByEventId, completed.FulfilledByEventType).ShouldBe((assessed.Id, assessed.EventTypeName));
        (await App.Handoff(caseId, HandoffTask.EmergencyDecision, "ubnd-dong-hoi")).DueAt.ShouldBe(verify.DueAt);
        (await App.Handoff(caseId, HandoffTask.DraftPlan, "ubnd-dong-hoi")).RuleId.ShouldBe("plan-draft");
        await HandoffApi.Eventually(async () => (await App.Inbox("ubnd-dong-hoi")).Items.All(i => i.HandoffId != verify.HandoffId),
            "the done work leaves the inbox");
    }

    [Fact]
    public async Task an_approved_plan_hands_each_service_to_an_agency_of_its_kind_and_the_school_return_to_the_childs_school()
    {
        var caseId = await App.ReportByHotline();
        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/risk-assessment",
            new AssessInitialRisk(RiskLevel.Medium, RiskLevel.Medium, RiskLevel.Low, RiskLevel.Medium, false));
        await App.Post("social-worker", "ctxh-quang-tri", $"/api/cases/{caseId}/detailed-assessment", new AssessNeeds(["counselling", "school"], "needs"));
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20));
        var plan = await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/plan", new DraftPlan("safe and at school",
        [
            new PlanService(ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "weekly counselling", due),
            new PlanService(ServiceKind.LegalAid, AgencyKind.JusticeLegalAid, "advice to the mother", due),
            new PlanService(ServiceKind.SchoolReintegration, AgencyKind.Education, "back to class", due),
        ]));
        (await App.Handoff(caseId, HandoffTask.ApprovePlan, "ubnd-dong-hoi")).RuleId.ShouldBe("plan-approval");

        await App.Post("commune-chair", "ubnd-dong-hoi", $"/api/cases/{caseId}/plan/approval", new ApprovePlan(plan.Id!.Value));

        var counselling = await App.Eventually<HandoffRequested>(caseId, h => h.Task == HandoffTask.ProvideService && h.ToKind == AgencyKind.SocialWorkCentre, "counselling");
        counselling.ToAgency.ShouldBe("ctxh-quang-tri");
        counselling.DueAt.ShouldBe(new DateTimeOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)));
        (await App.Eventually<HandoffRequested>(caseId, h => h.ToKind == AgencyKind.JusticeLegalAid, "legal aid")).ToAgency.ShouldBe("tgpl-quang-tri");
        (await App.Handoff(caseId, HandoffTask.SchoolReintegration)).ToAgency.ShouldBe("th-hai-dinh");
    }

    [Fact]
    public async Task a_decline_sends_the_work_to_the_next_suitable_agency_and_escalates_when_there_is_none()
    {
        var caseId = await App.ReportByHotline([HarmForm.SexualAbuse]);
        var first = await App.Handoff(caseId, HandoffTask.MedicalExamination, "tyt-dong-hoi");

        // Each decline sends the work on: first to the provincial hospital, then to the other health stations of the province.
        var declined = new List<HandoffRequested>();
        var current = first;
        while (current.Task == HandoffTask.MedicalExamination)
        {
            declined.Add(current);
            declined.Count.ShouldBeLessThan(6, "the work should run out of health facilities and escalate");
            await App.Post("health-worker", current.ToAgency, $"/api/cases/{caseId}/handoffs/{current.HandoffId}/decline", new DeclineHandoff("No forensic capacity"));
            var previous = current;
            current = await App.Eventually<HandoffRequested>(caseId, h => h.ReplacesHandoffId == previous.HandoffId, $"sent on after {previous.ToAgency} declined");
            current.DueAt.ShouldBe(first.DueAt);
        }

        declined.Select(h => h.ToAgency).ShouldBe(["tyt-dong-hoi", "bvdk-quang-tri", "tyt-dong-thuan", "tyt-dong-son"], ignoreOrder: true);
        declined[1].ToAgency.ShouldBe("bvdk-quang-tri");
        (current.ToAgency, current.Task, current.EscalatesHandoffId).ShouldBe(("syt-quang-tri", HandoffTask.Escalation, declined[^1].HandoffId));

        var summary = await (await App.Client("auditor", "inspectorate").GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        summary.GetProperty("handoffs").EnumerateArray().Count(h => h.GetProperty("state").GetString() == "Declined").ShouldBe(declined.Count);
    }

    [Fact]
    public async Task only_the_agency_the_work_is_handed_to_answers_it()
    {
        var caseId = await App.ReportByHotline();
        var handoff = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, "ubnd-dong-hoi");
        var url = $"/api/cases/{caseId}/handoffs/{handoff.HandoffId}";

        // Another ward's committee has nothing to do with the case: it does not learn the case exists.
        await (await App.Client("commune-officer", "ubnd-dong-thuan").PostJson($"{url}/accept", new AcceptHandoff())).ShouldHave(HttpStatusCode.NotFound);
        // The ward's own police are related to the case, but the work is not theirs.
        await (await App.Client("police-officer", "ca-dong-hoi").PostJson($"{url}/accept", new AcceptHandoff())).ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client("commune-officer", "ubnd-dong-hoi").PostJson($"/api/cases/{caseId}/handoffs/{Guid.NewGuid()}/accept", new AcceptHandoff()))
            .ShouldHave(HttpStatusCode.NotFound);
        await App.Post("commune-officer", "ubnd-dong-hoi", $"{url}/accept", new AcceptHandoff());
        await (await App.Client("commune-officer", "ubnd-dong-hoi").PostJson($"{url}/decline", new DeclineHandoff("too late"))).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.HandoffNotRequested);
        await (await App.Client("commune-officer", "ubnd-dong-hoi").PostJson($"{url}/complete", new CompleteHandoff(Guid.NewGuid())))
            .ShouldHave(HttpStatusCode.BadRequest);
        await HandoffApi.Eventually(async () => (await App.Inbox("ubnd-dong-hoi")).Items.Any(i => i.HandoffId == handoff.HandoffId && i.Accepted), "accepted in the inbox");

        // Completed by hand, naming the step that did the work.
        var verified = await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/verification", new VerifyReport(true, "seen"));
        var step = (await App.History(caseId)).Single(e => e.Data is ReportVerified);
        await App.Post("commune-officer", "ubnd-dong-hoi", $"{url}/complete", new CompleteHandoff(step.Id));
        (await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == handoff.HandoffId, "completed")).FulfilledByEventId.ShouldBe(step.Id);
        verified.Version.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task the_agency_that_handed_work_on_can_withdraw_it_and_it_leaves_the_inbox()
    {
        var caseId = await App.ReportByHotline();
        var handoff = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, "ubnd-dong-hoi");
        var url = $"/api/cases/{caseId}/handoffs/{handoff.HandoffId}/cancel";
        await (await App.Client("police-officer", "ca-dong-hoi").PostJson(url, new CancelHandoff("not ours"))).ShouldHave(HttpStatusCode.Forbidden);
        await App.Post("hotline-operator", "hotline-111", url, new CancelHandoff("Reported twice; see the other case"));
        await App.Eventually<HandoffCancelled>(caseId, c => c.HandoffId == handoff.HandoffId, "cancelled");
        await HandoffApi.Eventually(async () => (await App.Inbox("ubnd-dong-hoi")).Items.All(i => i.HandoffId != handoff.HandoffId), "withdrawn work leaves the inbox");
    }

    [Fact]
    public async Task an_inbox_is_read_by_its_agency_auditors_and_admins_only()
    {
        await (await App.Client("police-officer", "ca-dong-hoi").GetAsync("/api/agencies/ubnd-dong-hoi/inbox")).ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client("auditor", "inspectorate").GetAsync("/api/agencies/ubnd-dong-hoi/inbox")).ShouldHave(HttpStatusCode.OK);
        var mine = await (await App.Client("commune-officer", "ubnd-dong-hoi").GetAsync("/api/inbox")).ShouldHave(HttpStatusCode.OK);
        mine.GetProperty("agency").GetString().ShouldBe("ubnd-dong-hoi");
        await (await App.Client("commune-officer", "ubnd-dong-hoi").GetAsync("/api/inbox?pageSize=0")).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task closing_the_case_cancels_the_work_still_open()
    {
        var caseId = await App.ReportByHotline([HarmForm.SexualAbuse]);
        var exam = await App.Handoff(caseId, HandoffTask.MedicalExamination);
        // Walk to closure without the medical exam being done.
        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/risk-assessment",
            new AssessInitialRisk(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false));
        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/detailed-assessment", new AssessNeeds(["none"], "fine"));
        var plan = await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/plan", new DraftPlan("monitor",
            [new PlanService(ServiceKind.Other, AgencyKind.CommunePeoplesCommittee, "home visits", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)))]));
        await App.Post("commune-chair", "ubnd-dong-hoi", $"/api/cases/{caseId}/plan/approval", new ApprovePlan(plan.Id!.Value));
        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/reviews", new ReviewCase(ReviewRecommendation.Close, "safe", Risk: Bodies.LowRisk));
        await App.Post("commune-chair", "ubnd-dong-hoi", $"/api/cases/{caseId}/closure", new CloseCase("safe and stable"));

        (await App.Eventually<HandoffCancelled>(caseId, c => c.HandoffId == exam.HandoffId, "the exam cancelled")).Reason.ShouldContain("closed");
        await HandoffApi.Eventually(async () => (await App.Inbox("tyt-dong-hoi", "health-worker")).Items.All(i => i.CaseId != caseId), "cancelled work leaves the inbox");
    }
}
