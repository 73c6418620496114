using ChildProtection.Coordination.Cases;
namespace ChildProtection.Coordination.Audit;

/// <summary>
/// When each kind of step happened by its own account, as opposed to when it was recorded (the event's timestamp).
/// Named per event type on purpose: several events carry other times too (a due time, a new end of separation,
/// the time an interview is planned for) that are not the step's own.
/// </summary>
public static class StepTimes
{
    private static readonly Dictionary<Type, Func<object, DateTimeOffset>> Map = new();

    static StepTimes()
    {
        On<CaseReported>(e => e.ReceivedAt);
        On<CrimeReportRecorded>(e => e.RecordedAt);
        On<ReportVerified>(e => e.VerifiedAt);
        On<InitialRiskAssessed>(e => e.AssessedAt);
        On<EmergencyProtectionOrdered>(e => e.OrderedAt);
        On<SeparationExtended>(e => e.ExtendedAt);
        On<EmergencyProtectionEnded>(e => e.EndedAt);
        On<DetailedAssessmentCompleted>(e => e.AssessedAt);
        On<SupportPlanDrafted>(e => e.DraftedAt);
        On<SupportPlanApproved>(e => e.ApprovedAt);
        On<MedicalExamRequested>(e => e.RequestedAt);
        On<MedicalExamCompleted>(e => e.ExaminedAt);
        // InterviewScheduled has none: ScheduledFor is when the interview is to be held, not when it was scheduled.
        On<InterviewConducted>(e => e.StartedAt);
        On<PsychosocialSupportProvided>(e => e.ProvidedAt);
        On<LegalAidProvided>(e => e.ProvidedAt);
        On<SchoolReintegrationPlanned>(e => e.PlannedAt);
        On<SchoolReintegrationCompleted>(e => e.CompletedAt);
        On<CaseReviewed>(e => e.ReviewedAt);
        On<CaseClosed>(e => e.ClosedAt);
        On<CaseReopened>(e => e.ReopenedAt);
        On<CaseTransferred>(e => e.TransferredAt);
        On<SpecialCircumstanceEstablished>(e => e.RecordedAt);
        On<SpecialCircumstanceEnded>(e => e.RecordedAt);
        On<Cases.Identity.ConsentGiven>(e => e.GivenAt);
        On<Cases.Identity.ConsentWithdrawn>(e => e.WithdrawnAt);
        On<Cases.Identity.IdentityErased>(e => e.ErasedAt);

        On<HandoffRequested>(e => e.RequestedAt);
        On<HandoffUnroutable>(e => e.At);
        On<HandoffAccepted>(e => e.AcceptedAt);
        On<HandoffDeclined>(e => e.DeclinedAt);
        On<HandoffCompleted>(e => e.CompletedAt);
        On<HandoffCancelled>(e => e.CancelledAt);
        On<HandoffRerouted>(e => e.ReroutedAt);
        On<ClockBreached>(e => e.BreachedAt);
        On<ClockPaused>(e => e.PausedAt);
        On<ClockResumed>(e => e.ResumedAt);
        On<ClockStopped>(e => e.StoppedAt);
    }

    private static void On<T>(Func<T, DateTimeOffset> stepTime) => Map[typeof(T)] = e => stepTime((T)e);

    /// <summary>The step's own time, or null for an event that carries none.</summary>
    public static DateTimeOffset? Of(object data) => Map.TryGetValue(data.GetType(), out var read) ? read(data) : null;
}
