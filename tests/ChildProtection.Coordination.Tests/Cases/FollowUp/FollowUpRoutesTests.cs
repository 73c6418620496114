using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Tests.Handoffs;
using System.Net;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.FollowUp;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Cases.FollowUp;

/// <summary>
/// Services followed up on the real host: progress notes by the provider, the review schedule in the commune's inbox, the
/// risk re-rated at each review, a separation's end warned of ahead of time, and no open case in nobody's inbox.
/// </summary>
public sealed class FollowUpRoutesTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private const string Officer = "commune-officer", Chair = "commune-chair", Ward = "ubnd-dong-hoi", Centre = "ctxh-quang-tri";

    /// <summary>A violent case walked to an approved plan (a separation, a plan returned once); <paramref name="after"/> runs after each step.</summary>
    private async Task<(Guid CaseId, Guid PlanId, PlannedService Service)> Approved(Func<Guid, string, Task>? after = null)
    {
        var caseId = await App.ReportByHotline();
        async Task Then(string step) { if (after is not null) await after(caseId, step); }
        await Then("the report");
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/verification", new VerifyReport(true, "Bruises seen"));
        await Then("the verification");
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/risk-assessment", new AssessInitialRisk(RiskLevel.High, RiskLevel.High, RiskLevel.Medium, RiskLevel.High, true));
        await Then("the risk assessment");
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/emergency-protection", new OrderEmergencyProtection("Separate from the step-father", true,
            "Grandmother", DateTimeOffset.UtcNow.AddDays(10)));
        await Then("the separation");
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/detailed-assessment", new AssessNeeds(["counselling"], "withdrawn"));
        await Then("the detailed assessment");
        var plan = await App.Post(Officer, Ward, $"/api/cases/{caseId}/plan", new DraftPlan("safe at home",
            [new PlanService(ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "weekly counselling", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)))]));
        await Then("the draft");
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/plan/return", new ReturnPlan(plan.Id!.Value, "Name the counsellor"));
        await Then("the return");
        plan = await App.Post(Officer, Ward, $"/api/cases/{caseId}/plan", new DraftPlan("safe at home",
            [new PlanService(ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "weekly counselling with Ms Hoa", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)))]));
        await Then("the resubmission");
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/plan/approval", new ApprovePlan(plan.Id!.Value));
        await Then("the approval");
        var drafted = (await App.History(caseId)).Select(e => e.Data).OfType<SupportPlanDrafted>().Last();
        return (caseId, plan.Id!.Value, drafted.Services.Single());
    }

    [Fact]
    public async Task the_provider_notes_its_sessions_and_the_outcome_completes_its_service()
    {
        var (caseId, _, service) = await Approved();
        var handed = await App.Eventually<HandoffRequested>(caseId, h => h.ServiceId == service.ServiceId, "the counselling handed to the centre");
        handed.ToAgency.ShouldBe(Centre);
        var url = $"/api/cases/{caseId}/services/{service.ServiceId}/progress";

        await App.Post("social-worker", Centre, url, new RecordServiceProgress(ProgressKind.Session, "First session: calm, talked about school"));
        await (await App.Client("health-worker", "tyt-dong-hoi").PostJson(url, new RecordServiceProgress(ProgressKind.Visit, "not ours")))
            .ShouldHave(HttpStatusCode.Forbidden);
        await App.Post("social-worker", Centre, url, new RecordServiceProgress(ProgressKind.Outcome, "Six sessions; sleeping well again"));
        await (await App.Client("social-worker", Centre).PostJson(url, new RecordServiceProgress(ProgressKind.Outcome, "again")))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.AlreadyRecorded);

        await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == handed.HandoffId, "the service done by its outcome note");
        var summary = await (await App.Client(Chair, Ward).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        summary.GetProperty("serviceProgress").EnumerateArray().Select(n => n.GetProperty("kind").GetString()).ShouldBe(["Session", "Outcome"]);
    }

    [Fact]
    public async Task the_next_review_is_in_the_communes_inbox_and_each_review_re_rates_the_risk_and_schedules_the_next()
    {
        var (caseId, _, _) = await Approved();
        var approved = (await App.History(caseId)).Select(e => e.Data).OfType<SupportPlanApproved>().Single();

        var review = await App.InInbox(Ward, e => e.CaseId == caseId && e.Task == HandoffTask.ReviewCase, "the review in the ward's inbox");
        review.DueAt.ShouldBe(approved.ApprovedAt.AddMonths(3));
        review.Overdue.ShouldBeFalse();

        var rating = new RiskRating(RiskLevel.Medium, RiskLevel.Low, RiskLevel.Low, RiskLevel.Medium);
        await (await App.Client(Officer, Ward).PostJson($"/api/cases/{caseId}/reviews", new ReviewCase(ReviewRecommendation.Continue, "better")))
            .ShouldBeInvalid("risk");
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/reviews", new ReviewCase(ReviewRecommendation.Continue, "Calmer; still afraid at home", Risk: rating));

        var next = await App.InInbox(Ward, e => e.CaseId == caseId && e.Task == HandoffTask.ReviewCase && e.HandoffId != review.HandoffId, "the next review");
        var reviewed = (await App.History(caseId)).Select(e => e.Data).OfType<CaseReviewed>().Single();
        next.DueAt.ShouldBe(reviewed.ReviewedAt.AddMonths(3));
        await App.Settled(caseId);
        (await App.InboxItems(caseId)).ShouldNotContain(i => i.Id == review.HandoffId);
        var summary = await (await App.Client(Chair, Ward).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        summary.GetProperty("reviewedRisk").GetProperty("overall").GetString().ShouldBe("Medium");
        summary.GetProperty("nextReviewDueAt").GetDateTimeOffset().ShouldBe(next.DueAt);
    }

    [Fact]
    public async Task a_separation_ending_within_the_lead_time_is_warned_of_in_the_chairs_inbox_and_the_case_before_it_ends()
    {
        var caseId = await App.ReportByHotline();
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/risk-assessment", new AssessInitialRisk(RiskLevel.High, RiskLevel.High, RiskLevel.Medium, RiskLevel.High, true));
        // Ends in 2 days, inside the default 3-day lead: the warning is due at once.
        var endsAt = DateTimeOffset.UtcNow.AddDays(2);
        var order = await App.Post(Chair, Ward, $"/api/cases/{caseId}/emergency-protection", new OrderEmergencyProtection("Separate", true, "Grandmother", endsAt));

        var warning = await App.Eventually<SeparationEndingSoon>(caseId, w => w.OrderId == order.Id, "the warning");
        warning.WarnedAt.ShouldBeLessThan(warning.EndsAt);
        var item = await App.InInbox(Ward, e => e.CaseId == caseId && e.Task == HandoffTask.SeparationEnding, "the decision in the ward's inbox", "commune-chair");
        item.DueAt.ShouldBe(warning.EndsAt);
        var summary = await (await App.Client(Chair, Ward).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        summary.GetProperty("openWork").EnumerateArray().ShouldContain(w => w.GetProperty("kind").GetString() == "separation-ending");

        await App.Post(Chair, Ward, $"/api/cases/{caseId}/emergency-protection/{order.Id}/extend", new ExtendSeparation(endsAt.AddDays(10), "Investigation open"));
        await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == item.HandoffId, "the decision taken by the extension");
    }

    [Fact]
    public async Task an_open_case_is_always_in_some_agencys_inbox_from_the_report_to_its_closure()
    {
        var (caseId, _, service) = await Approved((id, step) => App.ShouldBeInSomeInbox(id, step));
        await App.Post("social-worker", Centre, $"/api/cases/{caseId}/services/{service.ServiceId}/progress", new RecordServiceProgress(ProgressKind.Outcome, "done"));
        await App.ShouldBeInSomeInbox(caseId, "the service's outcome");
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/reviews", new ReviewCase(ReviewRecommendation.Continue, "better", Risk: Bodies.LowRisk));
        await App.ShouldBeInSomeInbox(caseId, "a review that continues");
        var orderId = (await App.History(caseId)).Select(e => e.Data).OfType<EmergencyProtectionOrdered>().Single().OrderId;
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/emergency-protection/{orderId}/end", new EndEmergencyProtection("Step-father moved out"));
        await App.ShouldBeInSomeInbox(caseId, "the separation's end");
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/reviews", new ReviewCase(ReviewRecommendation.Close, "safe and stable", Risk: Bodies.LowRisk));
        await App.ShouldBeInSomeInbox(caseId, "a review recommending closure");
        (await App.InboxItems(caseId)).ShouldContain(i => i.Task == HandoffTask.CloseCase && i.ToAgency == Ward);
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/closure", new CloseCase("Safe and stable"));
        await App.Settled(caseId);
        (await App.InboxItems(caseId)).ShouldBeEmpty();

        // A low-risk report whose every hand-off is done still sits in the commune's inbox until it is closed.
        var lowRisk = await App.ReportByHotline();
        await App.Post(Officer, Ward, $"/api/cases/{lowRisk}/verification", new VerifyReport(true, "A slap, once"));
        await App.ShouldBeInSomeInbox(lowRisk, "the verification");
        await App.Post(Officer, Ward, $"/api/cases/{lowRisk}/risk-assessment", new AssessInitialRisk(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false));
        await App.ShouldBeInSomeInbox(lowRisk, "a low risk assessment");
        foreach (var open in (await App.InboxItems(lowRisk)).ToList())
            // The Chair withdraws any of it (under pathway v2 the police's crime report was handed on by the hotline, not the commune).
            await App.Post(Chair, Ward, $"/api/cases/{lowRisk}/handoffs/{open.Id}/cancel", new Coordination.Handoffs.CancelHandoff("Monitored without a plan"));
        await App.ShouldBeInSomeInbox(lowRisk, "every hand-off withdrawn");
        (await App.InboxItems(lowRisk)).ShouldContain(i => i.Task == HandoffTask.FollowUp && i.ToAgency == Ward);
        await App.Post(Officer, Ward, $"/api/cases/{lowRisk}/closure/without-plan", new CloseWithoutPlan("no-protection-need", "Parents counselled; monitored"));
        await App.Settled(lowRisk);
        (await App.InboxItems(lowRisk)).ShouldBeEmpty();
    }
}
