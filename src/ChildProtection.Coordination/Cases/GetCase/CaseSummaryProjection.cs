using ChildProtection.Coordination.LegalTime;
using JasperFx.Events;
using Marten.Events.Aggregation;
using ChildProtection.Coordination.Agencies;
namespace ChildProtection.Coordination.Cases.GetCase;

/// <summary>Builds <see cref="CaseSummary"/> inline, in the same transaction as the case's events.</summary>
public partial class CaseSummaryProjection : SingleStreamProjection<CaseSummary, Guid>
{
    public CaseSummaryProjection() => Name = "CaseSummary";

    private static CaseClock Clock(LegalClock clock, DateTimeOffset start) => new(clock.Id, clock.Citation, start, clock.DueFrom(start));

    public static CaseSummary Create(IEvent<CaseReported> e)
    {
        var r = e.Data;
        var summary = new CaseSummary
        {
            Id = r.CaseId, Status = CaseStatus.Open, Stage = CaseStage.Reported, Channel = r.Channel,
            ReceivedAt = r.ReceivedAt, LastStepAt = r.ReceivedAt, Child = r.Child, SealedChildDateOfBirth = r.SealedChildDateOfBirth,
            IncidentCommune = r.Incident.Commune,
            HarmForms = r.Incident.HarmForms, ImmediateDanger = r.Incident.ImmediateDanger,
            ReportingAgency = Auth.EventHeaders.AgencyOf(e),
        };
        ReportFacts(summary, r);
        summary.Clocks.Add(Clock(LegalClocks.InitialAssessment, r.ReceivedAt));
        summary.Clocks.Add(Clock(LegalClocks.PlanDrafted, r.ReceivedAt));
        summary.Clocks.Add(Clock(LegalClocks.PlanApproved, r.ReceivedAt));
        summary.OpenWork.Add(new OpenWork("verification", null, "Verify the report", r.ReceivedAt));
        summary.OpenWork.Add(new OpenWork("initial-risk-assessment", null, "Initial risk assessment (Form 02)", r.ReceivedAt, LegalClocks.InitialAssessment.DueFrom(r.ReceivedAt)));
        if (LegalClocks.ShowsCrimeSigns(r.Incident.HarmForms))
        {
            summary.Clocks.Add(Clock(LegalClocks.CrimeReport, r.ReceivedAt));
            summary.OpenWork.Add(new OpenWork("crime-report", null, "Police record the crime report", r.ReceivedAt, LegalClocks.CrimeReport.DueFrom(r.ReceivedAt)));
        }
        return summary;
    }

    public void Apply(CrimeReportRecorded e, CaseSummary s)
    {
        s.CrimeReport = new CrimeReportSummary(e.ReceiptNumber, e.RecordedAt, e.ForwardedToInvestigation);
        Close(s, "crime-report", null);
        Meet(s, "crime-report", e.RecordedAt);
        Touch(s, e.RecordedAt);
    }

    public void Apply(ReportVerified e, CaseSummary s)
    {
        s.Verified = true;
        Advance(s, CaseStage.Verified);
        Close(s, "verification", null);
        Touch(s, e.VerifiedAt);
    }

    public void Apply(InitialRiskAssessed e, CaseSummary s)
    {
        s.Risk = new RiskSummary(e.SeverityOfHarm, e.AbuserAccess, e.CareObstacles, e.Overall, e.EmergencyMeasuresNeeded, e.AssessedAt);
        Advance(s, CaseStage.RiskAssessed);
        Close(s, "initial-risk-assessment", null);
        Meet(s, "initial-assessment", e.AssessedAt);
        if (e.EmergencyMeasuresNeeded && !s.OpenWork.Any(w => w.Kind == "emergency-protection"))
        {
            var clock = Clock(LegalClocks.EmergencyDecision, s.ReceivedAt);
            var due = clock.DueAt;
            s.Clocks.Add(clock);
            s.OpenWork.Add(new OpenWork("emergency-decision", null, "Commune Chair decides on emergency protection (Form 07)", e.AssessedAt, due));
        }
        if (!s.OpenWork.Any(w => w.Kind == "detailed-assessment"))
            s.OpenWork.Add(new OpenWork("detailed-assessment", null, "Detailed assessment of needs (Form 03)", e.AssessedAt));
        Touch(s, e.AssessedAt);
    }

    public void Apply(EmergencyProtectionOrdered e, CaseSummary s)
    {
        Close(s, "emergency-decision", null);
        Meet(s, "emergency-decision", e.OrderedAt);
        s.OpenWork.Add(new OpenWork("emergency-protection", e.OrderId,
            e.TemporarySeparation ? "Temporary separation in force" : "Emergency protection in force", e.OrderedAt, e.SeparationEndsAt));
        Touch(s, e.OrderedAt);
    }

    public void Apply(SeparationExtended e, CaseSummary s)
    {
        Close(s, "separation-ending", e.OrderId);
        var i = s.OpenWork.FindIndex(w => w.Kind == "emergency-protection" && w.Id == e.OrderId);
        if (i >= 0) s.OpenWork[i] = s.OpenWork[i] with { DueAt = e.NewEndsAt };
        Touch(s, e.ExtendedAt);
    }

    public void Apply(EmergencyProtectionEnded e, CaseSummary s)
    {
        Close(s, "emergency-protection", e.OrderId);
        Close(s, "separation-ending", e.OrderId);
        Touch(s, e.EndedAt);
    }

    public void Apply(DetailedAssessmentCompleted e, CaseSummary s)
    {
        Advance(s, CaseStage.NeedsAssessed);
        Close(s, "detailed-assessment", null);
        if (!s.OpenWork.Any(w => w.Kind == "support-plan"))
            s.OpenWork.Add(new OpenWork("support-plan", null, "Draft the support plan (Form 04)", e.AssessedAt, Due(s, "plan-drafted")));
        Touch(s, e.AssessedAt);
    }

    public void Apply(SupportPlanDrafted e, CaseSummary s)
    {
        s.Plan = new PlanSummary(e.PlanId, PlanStatus.Drafted, e.DraftedAt, null, e.Services);
        s.Stage = CaseStage.PlanDrafted;
        Close(s, "support-plan", null);
        s.OpenWork.RemoveAll(w => w.Kind == "plan-approval");
        Meet(s, "plan-drafted", e.DraftedAt);
        s.OpenWork.Add(new OpenWork("plan-approval", e.PlanId, "Commune Chair approves the plan (Form 05)", e.DraftedAt, Due(s, "plan-approved")));
        Touch(s, e.DraftedAt);
    }

    public void Apply(SupportPlanApproved e, CaseSummary s)
    {
        if (s.Plan is { } plan) s.Plan = plan with { Status = PlanStatus.Approved, ApprovedAt = e.ApprovedAt };
        s.Stage = CaseStage.PlanApproved;
        Close(s, "plan-approval", e.PlanId);
        Meet(s, "plan-approved", e.ApprovedAt);
        Touch(s, e.ApprovedAt);
    }

    public void Apply(MedicalExamRequested e, CaseSummary s)
    {
        s.OpenWork.Add(new OpenWork("medical-exam", e.ExamId, $"{e.Kind} examination", e.RequestedAt));
        s.MedicalExams.Add(new ExamSummary(e.ExamId, e.Kind, e.RequestedAt, e.Reason));
        Touch(s, e.RequestedAt);
    }

    public void Apply(MedicalExamCompleted e, CaseSummary s)
    {
        Close(s, "medical-exam", e.ExamId);
        var i = s.MedicalExams.FindIndex(x => x.ExamId == e.ExamId);
        if (i >= 0) s.MedicalExams[i] = s.MedicalExams[i] with { ExaminedAt = e.ExaminedAt, Facility = e.Facility, Findings = e.Findings };
        Touch(s, e.ExaminedAt);
    }

    public void Apply(InterviewScheduled e, CaseSummary s)
    {
        s.OpenWork.Add(new OpenWork("interview", e.InterviewId, "Child-friendly interview session", e.ScheduledFor, e.ScheduledFor));
        s.Interviews.Add(new InterviewSummary(e.InterviewId, e.ScheduledFor, e.Location));
    }

    public void Apply(InterviewConducted e, CaseSummary s)
    {
        Close(s, "interview", e.InterviewId);
        var i = s.Interviews.FindIndex(x => x.InterviewId == e.InterviewId);
        if (i >= 0) s.Interviews[i] = s.Interviews[i] with { StartedAt = e.StartedAt, Duration = e.Duration, Notes = e.Notes };
        Touch(s, e.StartedAt);
    }

    public void Apply(PsychosocialSupportProvided e, CaseSummary s) => Touch(s, e.ProvidedAt);

    public void Apply(LegalAidProvided e, CaseSummary s) => Touch(s, e.ProvidedAt);

    public void Apply(SchoolReintegrationPlanned e, CaseSummary s)
    {
        s.OpenWork.Add(new OpenWork("school-reintegration", null, "Return to school", e.PlannedAt, VietnamTime.StartOf(e.TargetDate.AddDays(1))));
        Touch(s, e.PlannedAt);
    }

    public void Apply(SchoolReintegrationCompleted e, CaseSummary s)
    {
        Close(s, "school-reintegration", null);
        Touch(s, e.CompletedAt);
    }

    public void Apply(CaseReviewed e, CaseSummary s)
    {
        s.LastReview = e.Recommendation;
        s.ReviewedRisk = e.Risk ?? s.ReviewedRisk;
        s.NextReviewDueAt = null;
        s.Stage = CaseStage.Reviewed;
        Touch(s, e.ReviewedAt);
    }

    public void Apply(CaseClosed e, CaseSummary s)
    {
        s.Status = CaseStatus.Closed;
        s.Stage = CaseStage.Closed;
        s.ClosedAt = e.ClosedAt;
        s.OpenWork.Clear();
        StopClocks(s, e);
        Touch(s, e.ClosedAt);
    }

    public void Apply(CaseReopened e, CaseSummary s)
    {
        s.Status = CaseStatus.Open;
        s.Stage = CaseStage.Reopened;
        s.ClosedAt = null;
        s.Closure = null;
        s.LastReview = null;
        s.TimesReopened++;
        Touch(s, e.ReopenedAt);
    }

    private static void Advance(CaseSummary s, CaseStage stage)
    {
        if (stage > s.Stage || s.Stage == CaseStage.Reopened) s.Stage = stage;
    }

    private static void Close(CaseSummary s, string kind, Guid? id) => s.OpenWork.RemoveAll(w => w.Kind == kind && w.Id == id);

    private static void Meet(CaseSummary s, string clock, DateTimeOffset at)
    {
        var i = s.Clocks.FindIndex(c => c.Name == clock && c.MetAt is null);
        if (i >= 0) s.Clocks[i] = s.Clocks[i] with { MetAt = at };
    }

    private static DateTimeOffset? Due(CaseSummary s, string clock) => s.Clocks.Find(c => c.Name == clock)?.DueAt;

    private static void Touch(CaseSummary s, DateTimeOffset at)
    {
        if (at > s.LastStepAt) s.LastStepAt = at;
    }
}
