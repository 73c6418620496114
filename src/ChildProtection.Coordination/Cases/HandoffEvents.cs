using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Cases;

/// <summary>Every event about one hand-off names it, so the inbox can follow it.</summary>
public interface IHandoffEvent
{
    Guid HandoffId { get; }
}

/// <summary>The work one agency hands another.</summary>
public enum HandoffTask
{
    /// <summary>Kiểm tra, xác minh và đánh giá nguy cơ ban đầu (ND56 Arts. 26–27).</summary>
    VerifyAndAssess,
    /// <summary>Quyết định bảo vệ khẩn cấp by the commune Chair (ND56 Art. 28).</summary>
    EmergencyDecision,
    /// <summary>Khám / giám định pháp y by health.</summary>
    MedicalExamination,
    /// <summary>Police record the crime report (tố giác) and pass it on.</summary>
    CrimeReport,
    /// <summary>Lấy lời khai thân thiện by police.</summary>
    ChildFriendlyInterview,
    /// <summary>Draft the support plan (Form 04).</summary>
    DraftPlan,
    /// <summary>Approve the support plan (Form 05).</summary>
    ApprovePlan,
    /// <summary>Give one service of the approved plan.</summary>
    ProvideService,
    /// <summary>Take the child back at school.</summary>
    SchoolReintegration,
    /// <summary>A supervising agency is asked to act on work whose legal clock ran out.</summary>
    Escalation,
    /// <summary>Đánh giá lại: review the plan's results on the review schedule (ND56 Art. 32, Form 06).</summary>
    ReviewCase,
    /// <summary>The Chair closes the case a review found safe and stable (ND56 Art. 32).</summary>
    CloseCase,
    /// <summary>A temporary separation ends soon: the Chair ends or extends it (ND56 Art. 28).</summary>
    SeparationEnding,
    /// <summary>No other work is open on the case: the commune decides its next step (close with a reason, or plan).</summary>
    FollowUp,
    /// <summary>Giám định pháp y by the province's forensic medicine centre.</summary>
    ForensicExamination,
    /// <summary>The investigation agency decides on the crime report the commune police passed on (Criminal Procedure Code Art. 147).</summary>
    CriminalProceedings,
}

/// <summary>What the law says of a task wherever it is handed.</summary>
public static class HandoffTasks
{
    /// <summary>
    /// The police's criminal-procedure work: the crime report, the child-friendly interview and the investigation agency's
    /// decision. Where a transfer leaves it (<see cref="CaseTransferred.CriminalWorkMoves"/>), it stays with the police of
    /// the place it was handed to.
    /// </summary>
    public static bool IsCriminalProcedure(HandoffTask task) =>
        task is HandoffTask.CrimeReport or HandoffTask.ChildFriendlyInterview or HandoffTask.CriminalProceedings;
}

/// <summary>Work handed from one agency to another, with its legal basis and clock.</summary>
public sealed record HandoffRequested(
    Guid CaseId,
    Guid HandoffId,
    string FromAgency,
    string ToAgency,
    AgencyKind ToKind,
    HandoffTask Task,
    string Description,
    string LegalBasis,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    string? RuleId = null,
    int? PathwayVersion = null,
    Guid? ServiceId = null,
    Guid? EscalatesHandoffId = null,
    string? Commune = null,
    Guid? ReplacesHandoffId = null) : IHandoffEvent;

/// <summary>The pathway called for work but the directory has no active agency of that kind for the place.</summary>
public sealed record HandoffUnroutable(Guid CaseId, string RuleId, HandoffTask Task, AgencyKind Kind, string Commune, DateTimeOffset At, string Reason);

/// <summary>The receiving agency takes the work on.</summary>
public sealed record HandoffAccepted(Guid CaseId, Guid HandoffId, string Agency, DateTimeOffset AcceptedAt) : IHandoffEvent;

/// <summary>The receiving agency declines, with a reason; the pathway sends the work on.</summary>
public sealed record HandoffDeclined(Guid CaseId, Guid HandoffId, string Agency, DateTimeOffset DeclinedAt, string Reason) : IHandoffEvent;

/// <summary>The work is done: <paramref name="FulfilledByEventId"/> names the case step that did it.</summary>
public sealed record HandoffCompleted(Guid CaseId, Guid HandoffId, DateTimeOffset CompletedAt, Guid FulfilledByEventId, string FulfilledByEventType) : IHandoffEvent;

/// <summary>The work is no longer needed.</summary>
public sealed record HandoffCancelled(Guid CaseId, Guid HandoffId, DateTimeOffset CancelledAt, string Reason) : IHandoffEvent;

/// <summary>
/// Open work moved to another agency, because communes merged or the case was transferred; the earlier addressee stays in
/// the history. <paramref name="Commune"/>: the place the work is now routed for (null on events recorded before it was kept).
/// </summary>
public sealed record HandoffRerouted(Guid CaseId, Guid HandoffId, string FromAgency, string ToAgency, DateTimeOffset ReroutedAt, string Reason,
    string? Commune = null) : IHandoffEvent;

/// <summary>A legal clock ran out while the work was still open.</summary>
public sealed record ClockBreached(Guid CaseId, Guid HandoffId, string Agency, HandoffTask Task, DateTimeOffset DueAt, DateTimeOffset BreachedAt) : IHandoffEvent;

/// <summary>A clock paused (e.g. the child is in hospital); the time paused is added to its due time on resumption.</summary>
public sealed record ClockPaused(Guid CaseId, Guid HandoffId, DateTimeOffset PausedAt, string Reason) : IHandoffEvent;

public sealed record ClockResumed(Guid CaseId, Guid HandoffId, DateTimeOffset ResumedAt, DateTimeOffset NewDueAt) : IHandoffEvent;

/// <summary>A clock stopped for good, with a reason: the work stays open but can no longer breach.</summary>
public sealed record ClockStopped(Guid CaseId, Guid HandoffId, DateTimeOffset StoppedAt, string Reason) : IHandoffEvent;
