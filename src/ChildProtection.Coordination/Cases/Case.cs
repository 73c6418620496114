using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Cases;

public enum CaseStatus { Open, Closed }

/// <summary>Where the case stands in the legal process (ND56 Arts. 25–32).</summary>
public enum CaseStage { Reported, Verified, RiskAssessed, NeedsAssessed, PlanDrafted, PlanApproved, Reviewed, Closed, Reopened }

public enum PlanStatus { Drafted, Approved, Returned }

/// <summary>The write model of one case: it folds the case's events and holds what the decisions need, nothing else.</summary>
public sealed partial class Case
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public CaseStatus Status { get; set; }
    public CaseStage Stage { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>The date of birth in clear: only from a report recorded unsealed (before sealing existed); a sealed one is opened into the decision's context.</summary>
    public DateOnly? ChildDateOfBirth { get; set; }

    /// <summary>The date of birth as stored (sealed); the step pipeline opens it into the decision's <see cref="StepContext"/>, never into the case.</summary>
    public string? SealedChildDateOfBirth { get; set; }
    public int? ChildAgeAtReport { get; set; }
    public HarmForm[] HarmForms { get; set; } = [];

    /// <summary>The report's case type (who counts as a child for it); null on a snapshot taken before it was kept.</summary>
    public CaseType? CaseType { get; set; }

    /// <summary>The version of the pathway's rules the case is decided under (recorded at the report; 1 before it was).</summary>
    public int PathwayVersion { get; set; } = 1;

    /// <summary>The report shows signs of a crime (<see cref="Cases.CrimeSigns"/>).</summary>
    public bool CrimeSigns { get; set; }

    /// <summary>The child's school as the report gave it, sealed as stored: the pathway opens it to find the school in the directory.</summary>
    public string? ChildSchool { get; set; }
    public string IncidentCommune { get; set; } = "";
    public string ChildCommune { get; set; } = "";
    public PlannedService[] PlanServices { get; set; } = [];
    public List<Handoff> Handoffs { get; set; } = [];
    public bool InitialRiskAssessed { get; set; }
    public bool NeedsAssessed { get; set; }
    public Guid? PlanId { get; set; }
    public PlanStatus? PlanStatus { get; set; }
    public ReviewRecommendation? LastReview { get; set; }

    /// <summary>A new plan may replace the approved one: set by a re-plan review or a reopening, spent by the next draft.</summary>
    public bool ReplanAllowed { get; set; }
    public DateTimeOffset? PlanDraftedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<ProtectionOrder> Orders { get; set; } = [];
    public List<Exam> Exams { get; set; } = [];
    public List<Interview> Interviews { get; set; } = [];
    public bool SchoolReintegrationPlanned { get; set; }
    public bool SchoolReintegrationCompleted { get; set; }
    public List<Consent> Consents { get; set; } = [];
    public bool IdentityErased { get; set; }

    /// <summary>The latest verification's finding since the case was last opened; null when none stands.</summary>
    public bool? Substantiated { get; set; }
    /// <summary>The latest risk rating since the case was last opened (Form 02, or re-rated at a review); null when none stands.</summary>
    public RiskLevel? Risk { get; set; }
    public bool EmergencyMeasuresNeeded { get; set; }
    /// <summary>A plan was approved since the case was last opened: it closes through a review, not without a plan.</summary>
    public bool PlanApprovedSinceOpened { get; set; }
    /// <summary>The code the case was last closed with, when it closed without a plan.</summary>
    public string? ClosureReasonCode { get; set; }
    /// <summary>The services of the plan whose outcome the providing agency recorded.</summary>
    public List<Guid> ServiceOutcomes { get; set; } = [];
    /// <summary>How often the Chair returned a drafted plan to the planner.</summary>
    public int PlanReturns { get; set; }

    /// <param name="WarnedFor">The end of the term the Chair was last warned of (<see cref="SeparationEndingSoon"/>).</param>
    public sealed record ProtectionOrder(Guid OrderId, bool Separation, DateTimeOffset OrderedAt, DateTimeOffset? EndsAt, bool Ended, DateTimeOffset? WarnedFor = null);
    public sealed record Exam(Guid ExamId, ExamKind Kind, DateTimeOffset RequestedAt, bool Completed);
    public sealed record Interview(Guid InterviewId, DateTimeOffset ScheduledFor, DateTimeOffset? StartedAt, TimeSpan? Duration);

    public enum HandoffStatus { Requested, Accepted, Declined, Completed, Cancelled }

    /// <summary>A hand-off as the decisions need it; <see cref="ClockRunning"/> is false once paused or stopped.</summary>
    public sealed record Handoff(Guid HandoffId, string FromAgency, string ToAgency, AgencyKind ToKind, HandoffTask Task, HandoffStatus Status,
        DateTimeOffset DueAt, Guid? ServiceId, string? Commune, string[] DeclinedBy, bool ClockRunning = true, bool ClockStopped = false,
        DateTimeOffset? PausedAt = null, bool Breached = false, Guid? EscalatesHandoffId = null, Guid? MovedToCaseId = null)
    {
        /// <summary>Open on this case: requested or accepted, and not moved to a lead case by a merge.</summary>
        public bool IsOpen => (Status is HandoffStatus.Requested or HandoffStatus.Accepted) && MovedToCaseId is null;
    }

    public Handoff? FindHandoff(Guid handoffId) => Handoffs.Find(h => h.HandoffId == handoffId);

    public bool IsClosed => Status == CaseStatus.Closed;

    /// <summary>The child's age in whole years on a date: from the date of birth, else from the age given at the report.</summary>
    public int? ChildAgeOn(DateOnly date) => ChildAge(ChildDateOfBirth, ChildAgeAtReport, ReceivedAt, date);

    public static int? ChildAge(DateOnly? dateOfBirth, int? ageAtReport, DateTimeOffset reportedAt, DateOnly on)
    {
        if (dateOfBirth is { } dob) return AgeYears(dob, on);
        if (ageAtReport is { } age) return age + AgeYears(VietnamTime.DateOf(reportedAt), on);
        return null;
    }

    public static int AgeYears(DateOnly born, DateOnly on)
    {
        var age = on.Year - born.Year;
        if (on < born.AddYears(age)) age--;
        return age;
    }

    public static Case Create(CaseReported e) => new()
    {
        Id = e.CaseId,
        Status = CaseStatus.Open,
        Stage = CaseStage.Reported,
        ReceivedAt = e.ReceivedAt,
        ChildDateOfBirth = e.Child.DateOfBirth,
        SealedChildDateOfBirth = e.SealedChildDateOfBirth,
        ChildAgeAtReport = e.Child.AgeYears,
        HarmForms = e.Incident.HarmForms,
        CaseType = e.CaseType,
        IncidentCommune = e.Incident.Commune,
        ChildCommune = e.Child.CommuneOfResidence,
        PathwayVersion = e.PathwayVersion ?? 1,
        CrimeSigns = Cases.CrimeSigns.Of(e),
        ChildSchool = e.Child.School,
    };

    public void Apply(ReportVerified e)
    {
        Substantiated = e.Substantiated;
        Advance(CaseStage.Verified);
    }

    public void Apply(InitialRiskAssessed e)
    {
        Risk = e.Overall;
        EmergencyMeasuresNeeded = e.EmergencyMeasuresNeeded;
        InitialRiskAssessed = true;
        Advance(CaseStage.RiskAssessed);
    }

    public void Apply(EmergencyProtectionOrdered e) =>
        Orders.Add(new ProtectionOrder(e.OrderId, e.TemporarySeparation, e.OrderedAt, e.SeparationEndsAt, false));

    public void Apply(SeparationExtended e) => ReplaceOrder(e.OrderId, o => o with { EndsAt = e.NewEndsAt });

    public void Apply(EmergencyProtectionEnded e) => ReplaceOrder(e.OrderId, o => o with { Ended = true });

    public void Apply(DetailedAssessmentCompleted e)
    {
        NeedsAssessed = true;
        Advance(CaseStage.NeedsAssessed);
    }

    public void Apply(SupportPlanDrafted e)
    {
        PlanId = e.PlanId;
        PlanStatus = Cases.PlanStatus.Drafted;
        PlanDraftedAt = e.DraftedAt;
        PlanServices = e.Services;
        ReplanAllowed = false;
        Stage = CaseStage.PlanDrafted;
    }

    public void Apply(SupportPlanApproved e)
    {
        PlanApprovedSinceOpened = true;
        PlanStatus = Cases.PlanStatus.Approved;
        Stage = CaseStage.PlanApproved;
    }

    public void Apply(MedicalExamRequested e) => Exams.Add(new Exam(e.ExamId, e.Kind, e.RequestedAt, false));

    public void Apply(MedicalExamCompleted e)
    {
        var i = Exams.FindIndex(x => x.ExamId == e.ExamId);
        if (i >= 0) Exams[i] = Exams[i] with { Completed = true };
    }

    public void Apply(InterviewScheduled e) => Interviews.Add(new Interview(e.InterviewId, e.ScheduledFor, null, null));

    public void Apply(InterviewConducted e)
    {
        var i = Interviews.FindIndex(x => x.InterviewId == e.InterviewId);
        if (i >= 0) Interviews[i] = Interviews[i] with { StartedAt = e.StartedAt, Duration = e.Duration };
    }

    public void Apply(SchoolReintegrationPlanned e) => SchoolReintegrationPlanned = true;

    public void Apply(SchoolReintegrationCompleted e) => SchoolReintegrationCompleted = true;

    public void Apply(SupportPlanReturned e)
    {
        PlanStatus = Cases.PlanStatus.Returned;
        PlanReturns++;
    }

    public void Apply(PlanningMeetingHeld e) { }

    public void Apply(ServiceProgressRecorded e)
    {
        if (e.Kind == ProgressKind.Outcome) ServiceOutcomes.Add(e.ServiceId);
    }

    public void Apply(SeparationEndingSoon e) => ReplaceOrder(e.OrderId, o => o with { WarnedFor = e.EndsAt });

    public void Apply(CaseReviewed e)
    {
        if (e.Risk is { } risk) Risk = risk.Overall;
        LastReview = e.Recommendation;
        ReplanAllowed = e.Recommendation == ReviewRecommendation.Replan;
        Stage = CaseStage.Reviewed;
    }

    public void Apply(CaseClosed e)
    {
        Status = CaseStatus.Closed;
        Stage = CaseStage.Closed;
        ClosedAt = e.ClosedAt;
        ClosureReasonCode = e.ReasonCode;
    }

    public void Apply(CaseReopened e)
    {
        Status = CaseStatus.Open;
        Stage = CaseStage.Reopened;
        LastReview = null;
        ReplanAllowed = true;
        // Reopened on new information: the earlier findings no longer stand, so the case is verified and assessed
        // again before it can close without a plan a second time, and an old plan no longer counts as in force.
        Substantiated = null;
        Risk = null;
        EmergencyMeasuresNeeded = false;
        PlanApprovedSinceOpened = false;
        ClosureReasonCode = null;
    }

    public void Apply(ConsentGiven e) =>
        Consents.Add(new Consent(e.ConsentId, e.GivenBy, e.Purpose, e.RecipientKinds, e.GivenAt, e.ExpiresAt));

    public void Apply(ConsentWithdrawn e)
    {
        var i = Consents.FindIndex(c => c.ConsentId == e.ConsentId);
        if (i >= 0) Consents[i] = Consents[i] with { WithdrawnAt = e.WithdrawnAt };
    }

    public void Apply(IdentityErased e) => IdentityErased = true;

    /// <summary>The decisions read the corrected date of birth, age, commune and school from here on (the name and carers they never read).</summary>
    public void Apply(ChildIdentityCorrected e)
    {
        if (e.Corrects(ChildIdentityCorrected.DateOfBirthPart) || e.Corrects(ChildIdentityCorrected.AgePart))
        {
            ChildDateOfBirth = e.DateOfBirth;
            SealedChildDateOfBirth = e.SealedDateOfBirth;
            ChildAgeAtReport = e.AgeYears;
        }
        if (e.Corrects(ChildIdentityCorrected.CommunePart) && e.CommuneOfResidence is { } commune) ChildCommune = commune;
        if (e.Corrects(ChildIdentityCorrected.SchoolPart) && e.School is { } school) ChildSchool = school;
    }

    public void Apply(HandoffRequested e)
    {
        // Work sent on after a decline remembers who declined it, so it never goes back to them.
        var declinedBefore = e.ReplacesHandoffId is { } replaced ? FindHandoff(replaced)?.DeclinedBy ?? [] : [];
        Handoffs.Add(new Handoff(e.HandoffId, e.FromAgency, e.ToAgency, e.ToKind, e.Task, HandoffStatus.Requested, e.DueAt, e.ServiceId, e.Commune,
            declinedBefore, EscalatesHandoffId: e.EscalatesHandoffId));
    }

    public void Apply(HandoffAccepted e) => ReplaceHandoff(e.HandoffId, h => h with { Status = HandoffStatus.Accepted });
    public void Apply(HandoffDeclined e) => ReplaceHandoff(e.HandoffId, h => h with { Status = HandoffStatus.Declined, DeclinedBy = [.. h.DeclinedBy, e.Agency] });
    public void Apply(HandoffCompleted e) => ReplaceHandoff(e.HandoffId, h => h with { Status = HandoffStatus.Completed });
    public void Apply(HandoffCancelled e) => ReplaceHandoff(e.HandoffId, h => h with { Status = HandoffStatus.Cancelled });
    public void Apply(HandoffRerouted e) => ReplaceHandoff(e.HandoffId, h => h with { ToAgency = e.ToAgency, Commune = e.Commune ?? h.Commune });
    public void Apply(ClockBreached e) => ReplaceHandoff(e.HandoffId, h => h with { Breached = true });
    public void Apply(ClockPaused e) => ReplaceHandoff(e.HandoffId, h => h with { ClockRunning = false, PausedAt = e.PausedAt });
    public void Apply(ClockResumed e) => ReplaceHandoff(e.HandoffId, h => h with { ClockRunning = true, PausedAt = null, DueAt = e.NewDueAt });
    public void Apply(ClockStopped e) => ReplaceHandoff(e.HandoffId, h => h with { ClockRunning = false, ClockStopped = true });

    private void ReplaceHandoff(Guid handoffId, Func<Handoff, Handoff> change)
    {
        var i = Handoffs.FindIndex(x => x.HandoffId == handoffId);
        if (i >= 0) Handoffs[i] = change(Handoffs[i]);
    }

    // Stages only move forward through the first steps; a re-verification does not undo a plan.
    private void Advance(CaseStage stage)
    {
        if (stage > Stage || Stage == CaseStage.Reopened) Stage = stage;
    }

    private void ReplaceOrder(Guid orderId, Func<ProtectionOrder, ProtectionOrder> change)
    {
        var i = Orders.FindIndex(x => x.OrderId == orderId);
        if (i >= 0) Orders[i] = change(Orders[i]);
    }
}
