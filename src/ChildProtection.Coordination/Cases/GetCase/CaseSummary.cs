using JasperFx.Events;
using Marten.Events.Aggregation;
namespace ChildProtection.Coordination.Cases.GetCase;

/// <summary>A legal clock on the case: when it started, when it falls due, when the step it waits for happened.</summary>
/// <param name="StoppedAt">When the case closed with the clock still open: it no longer runs.</param>
public sealed record CaseClock(string Name, string LegalBasis, DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset? MetAt = null, DateTimeOffset? StoppedAt = null);

/// <summary>Work that is waiting on somebody: a step not yet taken, a service not yet given.</summary>
public sealed record OpenWork(string Kind, Guid? Id, string Description, DateTimeOffset Since, DateTimeOffset? DueAt = null);

public sealed record RiskSummary(RiskLevel SeverityOfHarm, RiskLevel AbuserAccess, RiskLevel CareObstacles, RiskLevel Overall, bool EmergencyMeasuresNeeded, DateTimeOffset AssessedAt);

public sealed record PlanSummary(Guid PlanId, PlanStatus Status, DateTimeOffset DraftedAt, DateTimeOffset? ApprovedAt, PlannedService[] Services);

/// <summary>The police's crime report receipt (tố giác).</summary>
public sealed record CrimeReportSummary(string ReceiptNumber, DateTimeOffset RecordedAt, bool ForwardedToInvestigation);

/// <summary>A medical or forensic examination: requested, then carried out with its findings.</summary>
public sealed record ExamSummary(Guid ExamId, ExamKind Kind, DateTimeOffset RequestedAt, string Reason,
    DateTimeOffset? ExaminedAt = null, string? Facility = null, string? Findings = null);

/// <summary>A child-friendly interview: scheduled, then held, with the interviewer's notes.</summary>
public sealed record InterviewSummary(Guid InterviewId, DateTimeOffset ScheduledFor, string Location,
    DateTimeOffset? StartedAt = null, TimeSpan? Duration = null, string? Notes = null);

/// <summary>What the case endpoints answer: where a case stands, what is open, which clocks run.</summary>
public sealed partial class CaseSummary
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public CaseStatus Status { get; set; }
    public CaseStage Stage { get; set; }
    public ReportChannel Channel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset LastStepAt { get; set; }
    public ChildDetails Child { get; set; } = null!;

    /// <summary>The child's date of birth as stored (sealed); the answers show it opened in <c>child.dateOfBirth</c> instead.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? SealedChildDateOfBirth { get; set; }
    public string IncidentCommune { get; set; } = "";
    public HarmForm[] HarmForms { get; set; } = [];
    public bool ImmediateDanger { get; set; }
    public bool Verified { get; set; }
    public RiskSummary? Risk { get; set; }
    public PlanSummary? Plan { get; set; }
    public ReviewRecommendation? LastReview { get; set; }
    public List<OpenWork> OpenWork { get; set; } = [];
    public List<CaseClock> Clocks { get; set; } = [];
    public DateTimeOffset? ClosedAt { get; set; }
    public int TimesReopened { get; set; }
    public List<HandoffSummary> Handoffs { get; set; } = [];
    public int ClockBreaches { get; set; }

    /// <summary>Consents to disclosure, given and withdrawn (Law on Children Arts. 6, 21).</summary>
    public List<Cases.Identity.Consent> Consents { get; set; } = [];

    /// <summary>The case's identity key was destroyed: the child's name and school read "[erased]".</summary>
    public bool IdentityErased { get; set; }

    /// <summary>The agency that recorded the report (the <c>agency</c> header of <c>CaseReported</c>): the "reporting" relation.</summary>
    public string? ReportingAgency { get; set; }
    public CrimeReportSummary? CrimeReport { get; set; }
    public List<ExamSummary> MedicalExams { get; set; } = [];
    public List<InterviewSummary> Interviews { get; set; } = [];

    /// <summary>Why the case closed without a plan (reason code, reason, the duplicated case or where it was referred); null otherwise.</summary>
    public ClosureSummary? Closure { get; set; }
    public List<PlanReturnSummary> PlanReturns { get; set; } = [];
    public List<PlanningMeetingHeld> PlanningMeetings { get; set; } = [];
    public List<ServiceProgressSummary> ServiceProgress { get; set; } = [];
    /// <summary>The risk as the latest review re-rated it (Form 06).</summary>
    public RiskRating? ReviewedRisk { get; set; }
    /// <summary>When the next scheduled review falls due (the review hand-off in the commune's inbox).</summary>
    public DateTimeOffset? NextReviewDueAt { get; set; }
}

public sealed record ClosureSummary(string ReasonCode, string Reason, DateTimeOffset ClosedAt, Guid? DuplicateOfCaseId, string? ReferredTo);

public sealed record PlanReturnSummary(Guid PlanId, DateTimeOffset ReturnedAt, string Reasons);

public sealed record ServiceProgressSummary(Guid ServiceId, Guid NoteId, DateTimeOffset At, ProgressKind Kind, string Agency, string Summary);
