using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Tests.Support;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>The case's life after the report as pure rules: reviews on a schedule, returned plans, separation warnings, reopening, no case unseen.</summary>
public sealed class FollowUpRuleTests
{
    private static readonly FollowUpOptions Defaults = new();

    private static HandoffRequested Open(HandoffTask task, Guid? id = null, Guid? serviceId = null) => new(Given.CaseId, id ?? Guid.CreateVersion7(), "system",
        "ubnd-1", AgencyKind.CommunePeoplesCommittee, task, "work", "ND56", ReportedAt, ReportedAt.AddDays(30), ServiceId: serviceId, Commune: "commune-1");

    private static HandoffRequest Single(object[] history, object data, FollowUpOptions? options = null) =>
        FollowUpRules.Decide(Given.Case(history), data, options ?? Defaults, 1).ShouldHaveSingleItem();

    [Fact]
    public void an_approved_plan_puts_its_first_review_in_the_owning_communes_inbox_three_months_on()
    {
        var approved = PlanApproved();

        var review = Single(PlanInForce(), approved);

        (review.RuleId, review.Task, review.Kind, review.Commune).ShouldBe(("review-schedule", HandoffTask.ReviewCase, AgencyKind.CommunePeoplesCommittee, "commune-1"));
        review.DueAt.ShouldBe(approved.ApprovedAt.AddMonths(3));
        review.LegalBasis.ShouldContain("every 3 months");
    }

    [Fact]
    public void the_review_interval_is_configuration() =>
        Single(PlanInForce(), PlanApproved(), new FollowUpOptions { ReviewIntervalMonths = 1 }).DueAt.ShouldBe(PlanApproved().ApprovedAt.AddMonths(1));

    [Fact]
    public void a_review_that_continues_the_plan_schedules_the_next_one()
    {
        var reviewed = Reviewed(ReviewRecommendation.Continue);

        Single(PlanInForce(reviewed), reviewed).ShouldSatisfyAllConditions(
            r => r.Task.ShouldBe(HandoffTask.ReviewCase),
            r => r.DueAt.ShouldBe(reviewed.ReviewedAt.AddMonths(3)));
    }

    [Fact]
    public void a_review_asking_for_a_new_plan_hands_the_drafting_back_within_5_working_days()
    {
        var reviewed = Reviewed(ReviewRecommendation.Replan);

        var replan = Single(PlanInForce(reviewed), reviewed);

        (replan.RuleId, replan.Task).ShouldBe(("replan-after-review", HandoffTask.DraftPlan));
        replan.DueAt.ShouldBe(WorkingDays.DeadlineAfter(reviewed.ReviewedAt, 5));
    }

    [Fact]
    public void a_review_recommending_closure_hands_the_chair_the_closure()
    {
        var reviewed = Reviewed(ReviewRecommendation.Close);

        var close = Single(PlanInForce(reviewed), reviewed, new FollowUpOptions { CloseAfterReviewWorkingDays = 3 });

        (close.RuleId, close.Task, close.DueAt).ShouldBe(("close-after-review", HandoffTask.CloseCase, WorkingDays.DeadlineAfter(reviewed.ReviewedAt, 3)));
    }

    [Fact]
    public void a_returned_plan_withdraws_the_chairs_approval_and_hands_the_revision_to_the_planner()
    {
        var approval = Open(HandoffTask.ApprovePlan);
        var returned = new SupportPlanReturned(Given.CaseId, PlanId, ReportedAt.AddDays(3), "no school service");
        var current = Given.Case(Assessed(PlanDrafted(), approval, returned));

        FollowUpRules.Settle(current, returned, Given.Now).ShouldHaveSingleItem().ShouldBeOfType<HandoffCancelled>().HandoffId.ShouldBe(approval.HandoffId);
        var revision = FollowUpRules.Decide(current, returned, Defaults, 1).ShouldHaveSingleItem();
        (revision.RuleId, revision.Task).ShouldBe(("plan-revision", HandoffTask.DraftPlan));
        // The law counts 7 working days in total from the report: by default the revision is due by then.
        revision.DueAt.ShouldBe(LegalClocks.PlanApproved.DueFrom(ReportedAt));

        var restart = FollowUpRules.Decide(current, returned, new FollowUpOptions { ApprovalClock = ApprovalClockOnResubmission.Restart }, 1).Single();
        restart.DueAt.ShouldBe(LegalClocks.PlanDrafted.DueFrom(returned.ReturnedAt));
    }

    [Fact]
    public void a_resubmitted_plans_approval_keeps_the_clock_from_the_report_unless_configured_to_restart()
    {
        var returned = new SupportPlanReturned(Given.CaseId, PlanId, ReportedAt.AddDays(3), "no school service");
        var redraft = PlanDrafted(Guid.CreateVersion7()) with { DraftedAt = ReportedAt.AddDays(4) };
        var current = Given.Case(Assessed(PlanDrafted(), returned, redraft));
        var fromReport = new HandoffRequest("plan-approval", 1, HandoffTask.ApprovePlan, AgencyKind.CommunePeoplesCommittee, "commune-1", "approve", "ND56",
            LegalClocks.PlanApproved.DueFrom(ReportedAt));

        FollowUpRules.Adjust(current, fromReport, redraft, Defaults).ShouldBe(fromReport);
        FollowUpRules.Adjust(current, fromReport, redraft, new FollowUpOptions { ApprovalClock = ApprovalClockOnResubmission.Restart, ChairShareWorkingDays = 2 })
            .DueAt.ShouldBe(WorkingDays.DeadlineAfter(redraft.DraftedAt, 2));
        // A first draft, never returned, keeps the pathway's clock whatever the setting.
        FollowUpRules.Adjust(Given.Case(Assessed(PlanDrafted())), fromReport, PlanDrafted(), new FollowUpOptions { ApprovalClock = ApprovalClockOnResubmission.Restart })
            .ShouldBe(fromReport);
    }

    [Fact]
    public void a_separation_ending_soon_hands_the_chair_the_decision_due_at_its_end()
    {
        var warning = new SeparationEndingSoon(Given.CaseId, OrderId, ReportedAt.AddDays(10), ReportedAt.AddDays(7));

        var decide = Single(Assessed(Ordered()), warning);

        (decide.Task, decide.DueAt).ShouldBe((HandoffTask.SeparationEnding, warning.EndsAt));
    }

    [Fact]
    public void a_reopened_case_is_verified_and_assessed_again_within_12_hours()
    {
        var reopened = Reopened();

        var verify = Single([.. ClosedCase(), reopened], reopened);

        (verify.RuleId, verify.Task, verify.DueAt).ShouldBe(("reopened-verify", HandoffTask.VerifyAndAssess, reopened.ReopenedAt.AddHours(12)));
    }

    [Fact]
    public void an_open_case_with_nothing_open_gets_a_follow_up_in_its_communes_inbox()
    {
        var verified = Verified();

        var followUp = FollowUpRules.KeepInViewAfter(Given.Case(Reported(), verified), verified, [], Given.Now, Defaults, 1).ShouldNotBeNull();

        (followUp.Task, followUp.Kind, followUp.Commune).ShouldBe((HandoffTask.FollowUp, AgencyKind.CommunePeoplesCommittee, "commune-1"));
        followUp.DueAt.ShouldBe(WorkingDays.DeadlineAfter(Given.Now, 10));
    }

    [Fact]
    public void work_still_open_or_just_requested_keeps_the_case_in_view_without_a_follow_up()
    {
        var open = Open(HandoffTask.DraftPlan);
        var verified = Verified();

        FollowUpRules.KeepInViewAfter(Given.Case(Reported(), open, verified), verified, [], Given.Now, Defaults, 1).ShouldBeNull();
        FollowUpRules.KeepInViewAfter(Given.Case(Reported(), verified), verified, [Open(HandoffTask.ReviewCase)], Given.Now, Defaults, 1).ShouldBeNull();
    }

    [Fact]
    public void work_the_event_itself_completes_does_not_keep_the_case_in_view()
    {
        var open = Open(HandoffTask.VerifyAndAssess);
        var assessed = RiskAssessed();
        var completed = new HandoffCompleted(Given.CaseId, open.HandoffId, Given.Now, Guid.NewGuid(), "initial_risk_assessed");

        FollowUpRules.KeepInViewAfter(Given.Case(Reported(), open, assessed), assessed, [completed], Given.Now, Defaults, 1).ShouldNotBeNull();
    }

    [Fact]
    public void a_closed_case_needs_no_follow_up()
    {
        var closed = new CaseClosed(Given.CaseId, Given.Now, "nothing found", "unfounded");

        FollowUpRules.KeepInViewAfter(Given.Case(Reported(), closed), closed, [], Given.Now, Defaults, 1).ShouldBeNull();
    }

    [Fact]
    public void a_follow_up_is_completed_by_any_step_on_the_case_but_not_by_hand_off_bookkeeping()
    {
        var followUp = Open(HandoffTask.FollowUp);
        var current = Given.Case(Reported(), followUp);
        var handoff = current.FindHandoff(followUp.HandoffId)!;

        Fulfilment.Fulfils(Verified(), current, handoff).ShouldBeTrue();
        Fulfilment.Fulfils(new HandoffCompleted(Given.CaseId, Guid.NewGuid(), Given.Now, Guid.NewGuid(), "x"), current, handoff).ShouldBeFalse();
        Fulfilment.Fulfils(new SeparationEndingSoon(Given.CaseId, OrderId, Given.Now, Given.Now), current, handoff).ShouldBeFalse();
    }

    [Fact]
    public void reviews_closures_separation_decisions_and_services_are_completed_by_their_steps()
    {
        var plan = PlanDrafted();
        var serviceId = plan.Services[0].ServiceId;
        var review = Open(HandoffTask.ReviewCase);
        var close = Open(HandoffTask.CloseCase);
        var separation = Open(HandoffTask.SeparationEnding);
        var service = Open(HandoffTask.ProvideService, serviceId: serviceId);
        var current = Given.Case([Reported(), Verified(), RiskAssessed(), NeedsAssessed(), plan, PlanApproved(), review, close, separation, service]);

        Fulfilment.Fulfils(Reviewed(ReviewRecommendation.Continue), current, current.FindHandoff(review.HandoffId)!).ShouldBeTrue();
        Fulfilment.Fulfils(Closed(), current, current.FindHandoff(close.HandoffId)!).ShouldBeTrue();
        Fulfilment.Fulfils(new SeparationExtended(Given.CaseId, OrderId, Given.Now, Given.Now.AddDays(5), "still unsafe"), current,
            current.FindHandoff(separation.HandoffId)!).ShouldBeTrue();
        Fulfilment.Fulfils(new ServiceProgressRecorded(Given.CaseId, serviceId, Guid.NewGuid(), Given.Now, ProgressKind.Outcome, "ubnd-1", "done"), current,
            current.FindHandoff(service.HandoffId)!).ShouldBeTrue();
        Fulfilment.Fulfils(new ServiceProgressRecorded(Given.CaseId, serviceId, Guid.NewGuid(), Given.Now, ProgressKind.Session, "ubnd-1", "one"), current,
            current.FindHandoff(service.HandoffId)!).ShouldBeFalse();
        Fulfilment.Fulfils(new ServiceProgressRecorded(Given.CaseId, Guid.NewGuid(), Guid.NewGuid(), Given.Now, ProgressKind.Outcome, "ubnd-1", "other"), current,
            current.FindHandoff(service.HandoffId)!).ShouldBeFalse();

        // The closure completes the Chair's closing work rather than cancelling it.
        var settled = PathwayOutcomes.Settle(current, Guid.NewGuid(), "case_closed", Closed(), Given.Now);
        settled.OfType<HandoffCompleted>().ShouldHaveSingleItem().HandoffId.ShouldBe(close.HandoffId);
        settled.OfType<HandoffCancelled>().Select(c => c.HandoffId).ShouldNotContain(close.HandoffId);
    }

    [Fact]
    public void a_separation_is_warned_of_once_while_in_force_for_the_term_it_was_scheduled_for()
    {
        var ordered = Ordered(days: 10);
        var due = new SeparationWarningDue(Given.CaseId, OrderId, ordered.SeparationEndsAt!.Value);

        var warning = SeparationWarningHandler.Decide(Given.Case(Reported(), ordered), due, Given.Now).ShouldNotBeNull();
        (warning.EndsAt, warning.WarnedAt).ShouldBe((due.EndsAt, Given.Now));

        SeparationWarningHandler.Decide(Given.Case(Reported(), ordered, warning), due, Given.Now).ShouldBeNull();
        SeparationWarningHandler.Decide(Given.Case(Reported(), ordered, OrderEnded()), due, Given.Now).ShouldBeNull();
        var extended = new SeparationExtended(Given.CaseId, OrderId, Given.Now, due.EndsAt.AddDays(5), "still unsafe");
        SeparationWarningHandler.Decide(Given.Case(Reported(), ordered, extended), due, Given.Now).ShouldBeNull();
        SeparationWarningHandler.Decide(Given.Case(Reported(), ordered, extended), due with { EndsAt = extended.NewEndsAt }, Given.Now).ShouldNotBeNull();
        SeparationWarningHandler.Decide(Given.Case(Reported(), Ordered(separation: false)), due, Given.Now).ShouldBeNull();
    }
}
