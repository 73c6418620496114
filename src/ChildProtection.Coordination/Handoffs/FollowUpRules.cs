using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.LegalTime;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>
/// The case's life after the report, as pure rules beside the versioned pathway definition: returned plans go back to the
/// planner, reviews come round on a schedule, a separation's end is warned of, a reopened case is verified again, and an
/// open case never sits without work in some inbox. They take figures from configuration (<see cref="FollowUpOptions"/>),
/// which a definition file cannot, so every pathway version shares them; each hand-off records its rule id here.
/// </summary>
public static class FollowUpRules
{
    public const string Review = "review-schedule", Replan = "replan-after-review", Close = "close-after-review",
        Revision = "plan-revision", SeparationEnding = "separation-ending", Reopened = "reopened-verify", KeepInView = "follow-up";

    /// <summary>Each rule with its row of the one legal-basis table (<see cref="LegalBasis"/>), by rule id.</summary>
    public static readonly IReadOnlyDictionary<string, BuiltInRule> Rules = new BuiltInRule[]
    {
        new(Review, "review", "The commune officer reviews the plan's results with the providers and re-rates the risk"),
        new(Replan, "review", "Where the review finds the child not yet safe and stable, a new plan is made."),
        new(Close, "closure", "The commune Chair closes the case once the review finds the child safe and stable."),
        new(Revision, "plan-approval", "A plan the Chair returned with reasons is revised and resubmitted."),
        new(SeparationEnding, "emergency-protection", "A temporary separation lasts at most 15 days unless the Chair extends it."),
        new(Reopened, "initial-assessment", "A reopened case is verified and its risk assessed again, within 12 hours."),
        new(KeepInView, "review", "The commune keeps every open case under review until the Chair closes it."),
    }.ToDictionary(r => r.Id);

    /// <summary>The case events these rules decide on, besides those the pathway definition names: every step that moves a case.</summary>
    public static readonly Type[] Triggers =
    [
        typeof(ReportVerified), typeof(DetailedAssessmentCompleted), typeof(SupportPlanReturned), typeof(PlanningMeetingHeld),
        typeof(SeparationEndingSoon), typeof(SeparationExtended), typeof(EmergencyProtectionEnded), typeof(CaseReviewed), typeof(CaseReopened),
        typeof(ServiceProgressRecorded), typeof(MedicalExamRequested), typeof(InterviewScheduled), typeof(SchoolReintegrationPlanned),
        typeof(HandoffCompleted), typeof(HandoffCancelled),
    ];

    /// <summary>Open work an event withdraws: a returned plan's approval goes back to the planner.</summary>
    public static IEnumerable<object> Settle(Case current, object data, DateTimeOffset now) => data is SupportPlanReturned
        ? current.Handoffs.Where(h => h.IsOpen && h.Task == HandoffTask.ApprovePlan)
            .Select(h => (object)new HandoffCancelled(current.Id, h.HandoffId, now, "The Chair returned the plan to the planner."))
        : [];

    /// <summary>The hand-offs the case's life calls for on this event, each to the commune People's Committee that owns the case.</summary>
    public static IEnumerable<HandoffRequest> Decide(Case current, object data, FollowUpOptions options, int version)
    {
        HandoffRequest To(string rule, HandoffTask task, string description, string basis, DateTimeOffset due) =>
            new(rule, version, task, AgencyKind.CommunePeoplesCommittee, current.OwningCommune, description, basis, due);

        switch (data)
        {
            case SupportPlanApproved e:
                yield return To(Review, HandoffTask.ReviewCase, "Review the plan's results and re-rate the risk (Form 06)", ReviewBasis(options),
                    e.ApprovedAt.AddMonths(options.ReviewIntervalMonths));
                break;
            case CaseReviewed { Recommendation: ReviewRecommendation.Continue } e:
                yield return To(Review, HandoffTask.ReviewCase, "Review the plan's results and re-rate the risk (Form 06)", ReviewBasis(options),
                    e.ReviewedAt.AddMonths(options.ReviewIntervalMonths));
                break;
            case CaseReviewed { Recommendation: ReviewRecommendation.Replan } e:
                yield return To(Replan, HandoffTask.DraftPlan, "Draft a new support plan (Form 04), as the review asks",
                    Rules[Replan].Basis, LegalClocks.PlanDrafted.DueFrom(e.ReviewedAt));
                break;
            case CaseReviewed { Recommendation: ReviewRecommendation.Close } e:
                yield return To(Close, HandoffTask.CloseCase, "Close the case the review found safe and stable",
                    Rules[Close].Basis,
                    WorkingDays.DeadlineAfter(e.ReviewedAt, options.CloseAfterReviewWorkingDays));
                break;
            case SupportPlanReturned e:
                yield return To(Revision, HandoffTask.DraftPlan, "Revise the plan the Chair returned, and draft it again (Form 04)",
                    Rules[Revision].Basis,
                    options.ApprovalClock == ApprovalClockOnResubmission.Restart
                        ? LegalClocks.PlanDrafted.DueFrom(e.ReturnedAt)
                        : LegalClocks.PlanApproved.DueFrom(current.ReceivedAt));
                break;
            case SeparationEndingSoon e:
                yield return To(SeparationEnding, HandoffTask.SeparationEnding, "The temporary separation ends soon: end it or extend it (Form 07)",
                    Rules[SeparationEnding].Basis, e.EndsAt);
                break;
            case CaseReopened e:
                yield return To(Reopened, HandoffTask.VerifyAndAssess, "Verify the new information and assess the risk again (Form 02)",
                    Rules[Reopened].Basis,
                    LegalClocks.InitialAssessment.DueFrom(e.ReopenedAt));
                break;
        }
    }

    /// <summary>
    /// A resubmitted plan's approval: by default the pathway's clock (7 working days from the report) keeps running; where
    /// configured to restart, the Chair has their own share again from the resubmission.
    /// </summary>
    public static HandoffRequest Adjust(Case current, HandoffRequest request, object data, FollowUpOptions options) =>
        request.Task == HandoffTask.ApprovePlan && data is SupportPlanDrafted drafted && current.PlanReturns > 0
        && options.ApprovalClock == ApprovalClockOnResubmission.Restart
            ? request with { DueAt = WorkingDays.DeadlineAfter(drafted.DraftedAt, options.ChairShareWorkingDays) }
            : request;

    /// <summary>
    /// No open case sits unseen: when, after what an event settled and requested, nothing is open on the case, the commune
    /// that owns it gets a follow-up. Any step on the case completes it (<see cref="Fulfilment"/>); if nothing else is open
    /// then, a new one comes.
    /// </summary>
    public static HandoffRequest? KeepInViewAfter(Case current, object data, IReadOnlyCollection<object> outcomes, DateTimeOffset at,
        FollowUpOptions options, int version)
    {
        if (current.IsClosed || data is CaseClosed) return null;
        var settled = outcomes.Select(o => o switch { HandoffCompleted c => c.HandoffId, HandoffCancelled c => c.HandoffId, _ => Guid.Empty }).ToHashSet();
        if (outcomes.OfType<HandoffRequested>().Any() || current.Handoffs.Any(h => h.IsOpen && !settled.Contains(h.HandoffId))) return null;
        return new HandoffRequest(KeepInView, version, HandoffTask.FollowUp, AgencyKind.CommunePeoplesCommittee, current.OwningCommune,
            "No work is open on this case: decide its next step (close it with a reason, or plan)",
            Rules[KeepInView].Basis,
            WorkingDays.DeadlineAfter(at, options.FollowUpWorkingDays));
    }

    /// <summary>Events that move a case along: any of them completes a follow-up. Hand-off bookkeeping, warnings and privacy steps do not.</summary>
    public static bool MovesTheCase(object data) => Fulfilment.IsStepEvent(data) && data is not (IHandoffEvent or HandoffUnroutable
        or SeparationEndingSoon or ConsentGiven or ConsentWithdrawn or IdentityErased);

    private static string ReviewBasis(FollowUpOptions options) =>
        new BuiltInRule(Review, Rules[Review].Citation, $"{Rules[Review].Says}, every {options.ReviewIntervalMonths} months.").Basis;
}
