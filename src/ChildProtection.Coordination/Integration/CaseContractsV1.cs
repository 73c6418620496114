using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Integration;

// Public contracts, version 1: what integrators see of each internal event. They carry no identity of
// the child or the reporter (no names, dates of birth, schools, phones), no free text, which may
// name people, and no health data (the special-circumstance groups of SpecialCircumstanceGroups.HealthData,
// exam findings, needs): only codes, categories, times and ids. A breaking change is a new ...V2 type; these
// only ever grow.

/// <summary>
/// <c>vn.childprotection.case.reported.v1</c>. <c>identity</c> is absent unless the reader is granted identity and consent
/// permits (<see cref="IntegratorIdentity"/>); <see cref="CaseContractsV1.Map"/> never fills it.
/// </summary>
public sealed record CaseReportedV1(Guid CaseId, DateTimeOffset ReceivedAt, ReportChannel Channel, Sex ChildSex, int? ChildAgeYears,
    string ChildCommune, string IncidentCommune, HarmForm[] HarmForms, PerpetratorRelation SuspectedPerpetrator, bool ImmediateDanger,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IdentityV1? Identity = null,
    // Grown in December 2026 (Form 01 facts): absent on reports recorded before they were asked. The parents or carers are
    // identity and never published.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    CaseType? CaseType = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    HarmSetting? Setting = null);

/// <summary>
/// <c>vn.childprotection.case.identity-corrected.v1</c>: the child's identity was corrected, and which parts (<c>name</c>,
/// <c>sex</c>, <c>dateOfBirth</c>, <c>ageYears</c>, <c>communeOfResidence</c>, <c>school</c>, <c>carers</c>) — never the values.
/// An integrator granted identity finds the corrected identity on the case's <c>case.reported</c> event when it reads it again.
/// </summary>
public sealed record IdentityCorrectedV1(Guid CaseId, DateTimeOffset CorrectedAt, string[] Parts);

/// <summary><c>vn.childprotection.case.identity-erased.v1</c>: an integrator that holds the child's identity deletes its copy.</summary>
public sealed record IdentityErasedV1(Guid CaseId, DateTimeOffset ErasedAt);

// One record per published step. Each names the case and when the step happened; none carries names,
// dates of birth, schools, phones or free text.
public sealed record CrimeReportRecordedV1(Guid CaseId, DateTimeOffset RecordedAt, bool ForwardedToInvestigation);
public sealed record CriminalProceedingsDecidedV1(Guid CaseId, DateTimeOffset DecidedAt, ProceedingsDecision Decision);
public sealed record CaseVerifiedV1(Guid CaseId, DateTimeOffset VerifiedAt, bool Substantiated);
public sealed record RiskAssessedV1(Guid CaseId, DateTimeOffset AssessedAt, RiskLevel SeverityOfHarm, RiskLevel AbuserAccess,
    RiskLevel CareObstacles, RiskLevel Overall, bool EmergencyMeasuresNeeded);
public sealed record EmergencyProtectionOrderedV1(Guid CaseId, Guid OrderId, DateTimeOffset OrderedAt, bool TemporarySeparation, DateTimeOffset? SeparationEndsAt);
public sealed record SeparationExtendedV1(Guid CaseId, Guid OrderId, DateTimeOffset ExtendedAt, DateTimeOffset NewEndsAt);
public sealed record EmergencyProtectionEndedV1(Guid CaseId, Guid OrderId, DateTimeOffset EndedAt);
public sealed record NeedsAssessedV1(Guid CaseId, DateTimeOffset AssessedAt, int NeedsCount);
public sealed record PlannedServiceV1(Guid ServiceId, ServiceKind Kind, AgencyKind Provider, DateOnly DueDate);
public sealed record PlanDraftedV1(Guid CaseId, Guid PlanId, DateTimeOffset DraftedAt, PlannedServiceV1[] Services);
public sealed record PlanApprovedV1(Guid CaseId, Guid PlanId, DateTimeOffset ApprovedAt);
public sealed record MedicalExamRequestedV1(Guid CaseId, Guid ExamId, DateTimeOffset RequestedAt, ExamKind Kind);
public sealed record MedicalExamCompletedV1(Guid CaseId, Guid ExamId, DateTimeOffset ExaminedAt, bool GuardianPresent);
public sealed record InterviewScheduledV1(Guid CaseId, Guid InterviewId, DateTimeOffset ScheduledFor);
public sealed record InterviewConductedV1(Guid CaseId, Guid InterviewId, DateTimeOffset StartedAt, double DurationMinutes);
public sealed record PsychosocialSupportProvidedV1(Guid CaseId, DateTimeOffset ProvidedAt, ServiceKind Kind);
public sealed record LegalAidProvidedV1(Guid CaseId, DateTimeOffset ProvidedAt);
public sealed record SchoolReintegrationPlannedV1(Guid CaseId, DateTimeOffset PlannedAt, DateOnly TargetDate);
public sealed record SchoolReintegrationCompletedV1(Guid CaseId, DateTimeOffset CompletedAt);
public sealed record CaseReviewedV1(Guid CaseId, DateTimeOffset ReviewedAt, ReviewRecommendation Recommendation, RiskLevel? Overall = null);
/// <param name="ReasonCode">Why a report closed without a plan (unfounded, no-protection-need, referred-elsewhere, duplicate); null after a review.</param>
public sealed record CaseClosedV1(Guid CaseId, DateTimeOffset ClosedAt, string? ReasonCode = null);
public sealed record PlanReturnedV1(Guid CaseId, Guid PlanId, DateTimeOffset ReturnedAt);
public sealed record PlanningMeetingHeldV1(Guid CaseId, Guid MeetingId, DateTimeOffset HeldAt, int ParticipantCount);
public sealed record ServiceProgressRecordedV1(Guid CaseId, Guid ServiceId, Guid NoteId, DateTimeOffset At, ProgressKind Kind, string Agency);
public sealed record SeparationEndingSoonV1(Guid CaseId, Guid OrderId, DateTimeOffset EndsAt, DateTimeOffset WarnedAt);
public sealed record CaseReopenedV1(Guid CaseId, DateTimeOffset ReopenedAt);
/// <summary>The case moved with the child: commune and province codes only, never the reason (free text).</summary>
public sealed record CaseLinkedV1(Guid CaseId, Guid LinkId, Guid OtherCaseId, CaseLinkKind Kind, DateTimeOffset LinkedAt);
public sealed record CaseUnlinkedV1(Guid CaseId, Guid LinkId, Guid OtherCaseId, DateTimeOffset UnlinkedAt);
public sealed record DuplicateRejectedV1(Guid CaseId, Guid OtherCaseId, DateTimeOffset RejectedAt);
/// <summary>A case merged into a lead case (or, on the lead case's stream, a case merged into it): which hand-offs moved, by id.</summary>
public sealed record CaseMergedV1(Guid CaseId, Guid LinkId, Guid MergedCaseId, Guid LeadCaseId, DateTimeOffset MergedAt, Guid[] MovedHandoffIds);
public sealed record CaseUnmergedV1(Guid CaseId, Guid LinkId, Guid MergedCaseId, Guid LeadCaseId, DateTimeOffset UnmergedAt, Guid[] ReturnedHandoffIds);
public sealed record CaseTransferredV1(Guid CaseId, DateTimeOffset TransferredAt, string FromCommune, string? FromProvince, string ToCommune, string? ToProvince);
public sealed record SpecialCircumstanceEstablishedV1(Guid CaseId, SpecialCircumstanceGroup Group, DateOnly EstablishedOn);
public sealed record SpecialCircumstanceEndedV1(Guid CaseId, SpecialCircumstanceGroup Group, DateOnly EndedOn);

/// <summary><c>vn.childprotection.handoff.&lt;change&gt;.v1</c>: work handed between agencies.</summary>
public sealed record HandoffV1(Guid CaseId, Guid HandoffId, string Change, DateTimeOffset At, string? FromAgency = null, string? ToAgency = null,
    HandoffTask? Task = null, DateTimeOffset? DueAt = null, string? RuleId = null);

public static class CaseContractsV1
{
    public const string Prefix = "vn.childprotection.";

    /// <summary>Every public type name the mapping gives (<c>vn.childprotection.case.reported.v1</c>, …): what a webhook filter may name.</summary>
    public static readonly IReadOnlySet<string> TypeNames = new[]
    {
        "case.reported", "case.crime-report-recorded", "case.criminal-proceedings-decided", "case.verified", "case.risk-assessed", "case.emergency-protection-ordered",
        "case.separation-extended", "case.emergency-protection-ended", "case.needs-assessed", "case.plan-drafted", "case.plan-approved",
        "case.medical-exam-requested", "case.medical-exam-completed", "case.interview-scheduled", "case.interview-conducted",
        "case.psychosocial-support-provided", "case.legal-aid-provided", "case.school-reintegration-planned",
        "case.school-reintegration-completed", "case.reviewed", "case.closed", "case.reopened", "case.transferred",
        "case.identity-corrected", "case.linked", "case.unlinked", "case.duplicate-rejected", "case.merged", "case.unmerged",
        "case.special-circumstance-established", "case.special-circumstance-ended", "handoff.requested", "handoff.accepted",
        "handoff.declined", "handoff.completed", "handoff.cancelled", "handoff.rerouted", "handoff.clock-breached",
        "case.plan-returned", "case.planning-meeting-held", "case.service-progress-recorded", "case.separation-ending-soon",
    }.Select(t => Prefix + t + ".v1").ToHashSet();

    /// <summary>The public type name and contract for an internal event, or null when it is not published.</summary>
    public static (string Type, object Data)? Map(object e) => e switch
    {
        CaseReported r => ("case.reported", new CaseReportedV1(r.CaseId, r.ReceivedAt, r.Channel, r.Child.Sex, AgeAtReport(r), r.Child.CommuneOfResidence,
            r.Incident.Commune, r.Incident.HarmForms, r.Incident.SuspectedPerpetrator, r.Incident.ImmediateDanger,
            CaseType: r.CaseType, Setting: r.Incident.Setting)),
        CrimeReportRecorded c => ("case.crime-report-recorded", new CrimeReportRecordedV1(c.CaseId, c.RecordedAt, c.ForwardedToInvestigation)),
        CriminalProceedingsDecided d => ("case.criminal-proceedings-decided", new CriminalProceedingsDecidedV1(d.CaseId, d.DecidedAt, d.Decision)),
        ReportVerified v => ("case.verified", new CaseVerifiedV1(v.CaseId, v.VerifiedAt, v.Substantiated)),
        InitialRiskAssessed a => ("case.risk-assessed", new RiskAssessedV1(a.CaseId, a.AssessedAt, a.SeverityOfHarm, a.AbuserAccess,
            a.CareObstacles, a.Overall, a.EmergencyMeasuresNeeded)),
        EmergencyProtectionOrdered o => ("case.emergency-protection-ordered",
            new EmergencyProtectionOrderedV1(o.CaseId, o.OrderId, o.OrderedAt, o.TemporarySeparation, o.SeparationEndsAt)),
        SeparationExtended x => ("case.separation-extended", new SeparationExtendedV1(x.CaseId, x.OrderId, x.ExtendedAt, x.NewEndsAt)),
        EmergencyProtectionEnded x => ("case.emergency-protection-ended", new EmergencyProtectionEndedV1(x.CaseId, x.OrderId, x.EndedAt)),
        DetailedAssessmentCompleted d => ("case.needs-assessed", new NeedsAssessedV1(d.CaseId, d.AssessedAt, d.Needs.Length)),
        SupportPlanDrafted p => ("case.plan-drafted", new PlanDraftedV1(p.CaseId, p.PlanId, p.DraftedAt,
            p.Services.Select(s => new PlannedServiceV1(s.ServiceId, s.Kind, s.Provider, s.DueDate)).ToArray())),
        SupportPlanApproved p => ("case.plan-approved", new PlanApprovedV1(p.CaseId, p.PlanId, p.ApprovedAt)),
        MedicalExamRequested m => ("case.medical-exam-requested", new MedicalExamRequestedV1(m.CaseId, m.ExamId, m.RequestedAt, m.Kind)),
        MedicalExamCompleted m => ("case.medical-exam-completed", new MedicalExamCompletedV1(m.CaseId, m.ExamId, m.ExaminedAt, m.GuardianPresent)),
        InterviewScheduled i => ("case.interview-scheduled", new InterviewScheduledV1(i.CaseId, i.InterviewId, i.ScheduledFor)),
        InterviewConducted i => ("case.interview-conducted", new InterviewConductedV1(i.CaseId, i.InterviewId, i.StartedAt, i.Duration.TotalMinutes)),
        PsychosocialSupportProvided s => ("case.psychosocial-support-provided", new PsychosocialSupportProvidedV1(s.CaseId, s.ProvidedAt, s.Kind)),
        LegalAidProvided l => ("case.legal-aid-provided", new LegalAidProvidedV1(l.CaseId, l.ProvidedAt)),
        SchoolReintegrationPlanned s => ("case.school-reintegration-planned", new SchoolReintegrationPlannedV1(s.CaseId, s.PlannedAt, s.TargetDate)),
        SchoolReintegrationCompleted s => ("case.school-reintegration-completed", new SchoolReintegrationCompletedV1(s.CaseId, s.CompletedAt)),
        CaseReviewed r => ("case.reviewed", new CaseReviewedV1(r.CaseId, r.ReviewedAt, r.Recommendation, r.Risk?.Overall)),
        CaseClosed c => ("case.closed", new CaseClosedV1(c.CaseId, c.ClosedAt, c.ReasonCode)),
        SupportPlanReturned p => ("case.plan-returned", new PlanReturnedV1(p.CaseId, p.PlanId, p.ReturnedAt)),
        PlanningMeetingHeld m => ("case.planning-meeting-held", new PlanningMeetingHeldV1(m.CaseId, m.MeetingId, m.HeldAt, m.Participants.Length)),
        ServiceProgressRecorded n => ("case.service-progress-recorded", new ServiceProgressRecordedV1(n.CaseId, n.ServiceId, n.NoteId, n.At, n.Kind, n.Agency)),
        SeparationEndingSoon w => ("case.separation-ending-soon", new SeparationEndingSoonV1(w.CaseId, w.OrderId, w.EndsAt, w.WarnedAt)),
        CaseReopened c => ("case.reopened", new CaseReopenedV1(c.CaseId, c.ReopenedAt)),
        // Links between cases (Cases/Matching), by ids and kind only: the reason is free text, sealed, never published.
        CaseLinked l => ("case.linked", new CaseLinkedV1(l.CaseId, l.LinkId, l.OtherCaseId, l.Kind, l.LinkedAt)),
        CaseUnlinked u => ("case.unlinked", new CaseUnlinkedV1(u.CaseId, u.LinkId, u.OtherCaseId, u.UnlinkedAt)),
        DuplicateRejected r => ("case.duplicate-rejected", new DuplicateRejectedV1(r.CaseId, r.OtherCaseId, r.RejectedAt)),
        CaseMerged m => ("case.merged", new CaseMergedV1(m.CaseId, m.LinkId, m.MergedCaseId, m.LeadCaseId, m.MergedAt, [.. m.Handoffs.Select(h => h.HandoffId)])),
        CaseUnmerged u => ("case.unmerged", new CaseUnmergedV1(u.CaseId, u.LinkId, u.MergedCaseId, u.LeadCaseId, u.UnmergedAt, [.. u.Handoffs.Select(h => h.HandoffId)])),
        CaseTransferred t => ("case.transferred", new CaseTransferredV1(t.CaseId, t.TransferredAt, t.FromCommune, t.FromProvince, t.ToCommune, t.ToProvince)),
        // A group that tells of the child's health (disability, HIV, drug use, serious illness) is health data, stored sealed:
        // neither its establishment nor its end is published, not even as SealedHealthGroup.
        SpecialCircumstanceEstablished x when !SpecialCircumstanceGroups.IsHealthData(x.Group) =>
            ("case.special-circumstance-established", new SpecialCircumstanceEstablishedV1(x.CaseId, x.Group, x.EstablishedOn)),
        SpecialCircumstanceEnded x when !SpecialCircumstanceGroups.IsHealthData(x.Group) =>
            ("case.special-circumstance-ended", new SpecialCircumstanceEndedV1(x.CaseId, x.Group, x.EndedOn)),
        ChildIdentityCorrected c => ("case.identity-corrected", new IdentityCorrectedV1(c.CaseId, c.CorrectedAt, [.. c.Parts])),
        Cases.Identity.IdentityErased x => ("case.identity-erased", new IdentityErasedV1(x.CaseId, x.ErasedAt)),
        HandoffRequested h => Handoff(h.CaseId, h.HandoffId, "requested", h.RequestedAt, h.FromAgency, h.ToAgency, h.Task, h.DueAt, h.RuleId),
        HandoffAccepted h => Handoff(h.CaseId, h.HandoffId, "accepted", h.AcceptedAt, ToAgency: h.Agency),
        HandoffDeclined h => Handoff(h.CaseId, h.HandoffId, "declined", h.DeclinedAt, ToAgency: h.Agency),
        HandoffCompleted h => Handoff(h.CaseId, h.HandoffId, "completed", h.CompletedAt),
        HandoffCancelled h => Handoff(h.CaseId, h.HandoffId, "cancelled", h.CancelledAt),
        HandoffRerouted h => Handoff(h.CaseId, h.HandoffId, "rerouted", h.ReroutedAt, h.FromAgency, h.ToAgency),
        ClockBreached b => Handoff(b.CaseId, b.HandoffId, "clock-breached", b.BreachedAt, ToAgency: b.Agency, Task: b.Task, DueAt: b.DueAt),
        _ => null,
    };

    private static (string, object) Handoff(Guid caseId, Guid handoffId, string change, DateTimeOffset at, string? FromAgency = null,
        string? ToAgency = null, HandoffTask? Task = null, DateTimeOffset? DueAt = null, string? RuleId = null) =>
        ($"handoff.{change}", new HandoffV1(caseId, handoffId, change, at, FromAgency, ToAgency, Task, DueAt, RuleId));

    private static int? AgeAtReport(CaseReported r) =>
        r.Child.DateOfBirth is { } dob ? Case.AgeYears(dob, LegalTime.VietnamTime.DateOf(r.ReceivedAt)) : r.Child.AgeYears;
}
