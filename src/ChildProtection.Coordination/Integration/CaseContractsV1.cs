using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;

namespace ChildProtection.Coordination.Integration;

// Public contracts, version 1: what integrators see of each internal event. They carry no identity of
// the child or the reporter (no names, dates of birth, schools, phones) and no free text, which may
// name people: only codes, categories, times and ids. A breaking change is a new ...V2 type; these
// only ever grow.

/// <summary><c>vn.childprotection.case.reported.v1</c></summary>
public sealed record CaseReportedV1(Guid CaseId, DateTimeOffset ReceivedAt, ReportChannel Channel, Sex ChildSex, int? ChildAgeYears,
    string ChildCommune, string IncidentCommune, HarmForm[] HarmForms, PerpetratorRelation SuspectedPerpetrator, bool ImmediateDanger);

/// <summary>A step recorded on a case: <c>vn.childprotection.case.&lt;step&gt;.v1</c>, with what can be told of it without identity.</summary>
public sealed record CaseStepV1(Guid CaseId, string Step, DateTimeOffset At, IReadOnlyDictionary<string, object?> Facts);

/// <summary><c>vn.childprotection.handoff.&lt;change&gt;.v1</c>: work handed between agencies.</summary>
public sealed record HandoffV1(Guid CaseId, Guid HandoffId, string Change, DateTimeOffset At, string? FromAgency = null, string? ToAgency = null,
    HandoffTask? Task = null, DateTimeOffset? DueAt = null, string? RuleId = null);

public static class CaseContractsV1
{
    public const string Prefix = "vn.childprotection.";

    /// <summary>The public type name and contract for an internal event, or null when it is not published.</summary>
    public static (string Type, object Data)? Map(object e) => e switch
    {
        CaseReported r => ("case.reported", new CaseReportedV1(r.CaseId, r.ReceivedAt, r.Channel, r.Child.Sex, AgeAtReport(r), r.Child.CommuneOfResidence,
            r.Incident.Commune, r.Incident.HarmForms, r.Incident.SuspectedPerpetrator, r.Incident.ImmediateDanger)),
        CrimeReportRecorded c => Step(c.CaseId, "crime-report-recorded", c.RecordedAt, ("forwardedToInvestigation", c.ForwardedToInvestigation)),
        ReportVerified v => Step(v.CaseId, "verified", v.VerifiedAt, ("substantiated", v.Substantiated)),
        InitialRiskAssessed a => Step(a.CaseId, "risk-assessed", a.AssessedAt, ("overall", a.Overall), ("severityOfHarm", a.SeverityOfHarm),
            ("abuserAccess", a.AbuserAccess), ("careObstacles", a.CareObstacles), ("emergencyMeasuresNeeded", a.EmergencyMeasuresNeeded)),
        EmergencyProtectionOrdered o => Step(o.CaseId, "emergency-protection-ordered", o.OrderedAt, ("orderId", o.OrderId),
            ("temporarySeparation", o.TemporarySeparation), ("separationEndsAt", o.SeparationEndsAt)),
        SeparationExtended x => Step(x.CaseId, "separation-extended", x.ExtendedAt, ("orderId", x.OrderId), ("newEndsAt", x.NewEndsAt)),
        EmergencyProtectionEnded x => Step(x.CaseId, "emergency-protection-ended", x.EndedAt, ("orderId", x.OrderId)),
        DetailedAssessmentCompleted d => Step(d.CaseId, "needs-assessed", d.AssessedAt, ("needs", d.Needs.Length)),
        SupportPlanDrafted p => Step(p.CaseId, "plan-drafted", p.DraftedAt, ("planId", p.PlanId),
            ("services", p.Services.Select(s => new { s.ServiceId, s.Kind, s.Provider, s.DueDate }).ToArray())),
        SupportPlanApproved p => Step(p.CaseId, "plan-approved", p.ApprovedAt, ("planId", p.PlanId)),
        MedicalExamRequested m => Step(m.CaseId, "medical-exam-requested", m.RequestedAt, ("examId", m.ExamId), ("kind", m.Kind)),
        MedicalExamCompleted m => Step(m.CaseId, "medical-exam-completed", m.ExaminedAt, ("examId", m.ExamId), ("guardianPresent", m.GuardianPresent)),
        InterviewScheduled i => Step(i.CaseId, "interview-scheduled", i.ScheduledFor, ("interviewId", i.InterviewId)),
        InterviewConducted i => Step(i.CaseId, "interview-conducted", i.StartedAt, ("interviewId", i.InterviewId), ("durationMinutes", i.Duration.TotalMinutes)),
        PsychosocialSupportProvided s => Step(s.CaseId, "psychosocial-support-provided", s.ProvidedAt, ("kind", s.Kind)),
        LegalAidProvided l => Step(l.CaseId, "legal-aid-provided", l.ProvidedAt),
        SchoolReintegrationPlanned s => Step(s.CaseId, "school-reintegration-planned", s.PlannedAt, ("targetDate", s.TargetDate)),
        SchoolReintegrationCompleted s => Step(s.CaseId, "school-reintegration-completed", s.CompletedAt),
        CaseReviewed r => Step(r.CaseId, "reviewed", r.ReviewedAt, ("recommendation", r.Recommendation)),
        CaseClosed c => Step(c.CaseId, "closed", c.ClosedAt),
        CaseReopened c => Step(c.CaseId, "reopened", c.ReopenedAt),
        HandoffRequested h => Handoff(h.CaseId, h.HandoffId, "requested", h.RequestedAt, h.FromAgency, h.ToAgency, h.Task, h.DueAt, h.RuleId),
        HandoffAccepted h => Handoff(h.CaseId, h.HandoffId, "accepted", h.AcceptedAt, ToAgency: h.Agency),
        HandoffDeclined h => Handoff(h.CaseId, h.HandoffId, "declined", h.DeclinedAt, ToAgency: h.Agency),
        HandoffCompleted h => Handoff(h.CaseId, h.HandoffId, "completed", h.CompletedAt),
        HandoffCancelled h => Handoff(h.CaseId, h.HandoffId, "cancelled", h.CancelledAt),
        HandoffRerouted h => Handoff(h.CaseId, h.HandoffId, "rerouted", h.ReroutedAt, h.FromAgency, h.ToAgency),
        ClockBreached b => Handoff(b.CaseId, b.HandoffId, "clock-breached", b.BreachedAt, ToAgency: b.Agency, Task: b.Task, DueAt: b.DueAt),
        _ => null,
    };

    private static (string, object) Step(Guid caseId, string step, DateTimeOffset at, params (string Key, object? Value)[] facts) =>
        ($"case.{step}", new CaseStepV1(caseId, step, at, facts.ToDictionary(f => f.Key, f => f.Value)));

    private static (string, object) Handoff(Guid caseId, Guid handoffId, string change, DateTimeOffset at, string? FromAgency = null,
        string? ToAgency = null, HandoffTask? Task = null, DateTimeOffset? DueAt = null, string? RuleId = null) =>
        ($"handoff.{change}", new HandoffV1(caseId, handoffId, change, at, FromAgency, ToAgency, Task, DueAt, RuleId));

    private static int? AgeAtReport(CaseReported r) =>
        r.Child.DateOfBirth is { } dob ? Case.AgeYears(dob, LegalTime.VietnamTime.DateOf(r.ReceivedAt)) : r.Child.AgeYears;
}
