using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Transfer;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Privacy;
using static ChildProtection.Coordination.Web.Text;

namespace ChildProtection.Coordination.Web;

/// <summary>
/// The step forms of the case page, in the order of the law's steps. Each calls its endpoint's own <c>Post</c> with the body
/// the API would get; where it applies is read from the case summary (the work open on it, the orders in force, the
/// examinations and interviews waiting, the consents not withdrawn), and whether the caller may take it from the matrix.
/// </summary>
public static class CaseStepForms
{
    private static bool Open(CaseSummary s) => s.Status == CaseStatus.Open;

    private static IEnumerable<Target> Case(bool applies, bool due = false) => applies ? [new Target(null, null, due)] : [];

    /// <summary>The case's open work of <paramref name="kind"/>: due work, one form each.</summary>
    private static IEnumerable<Target> Work(CaseSummary s, string kind, Func<OpenWork, string?>? label = null) =>
        s.OpenWork.Where(w => w.Kind == kind).Select(w => new Target(w.Id, label?.Invoke(w), true));

    private static bool HasWork(CaseSummary s, string kind) => s.OpenWork.Any(w => w.Kind == kind);

    private static string Since(OpenWork w) => $"{Of("work", w.Kind)} — {When(w.Since)}";

    private static readonly Input[] RiskInputs =
    [
        Input.Choice<RiskLevel>("severityOfHarm", "field.severityOfHarm"), Input.Choice<RiskLevel>("abuserAccess", "field.abuserAccess"),
        Input.Choice<RiskLevel>("careObstacles", "field.careObstacles"), Input.Choice<RiskLevel>("overall", "field.overall"),
    ];

    public static readonly IReadOnlyList<StepForm> All =
    [
        new("RecordCrimeReport", CaseAction.RecordCrimeReport,
            [new("receiptNumber", InputKind.Text, "field.receiptNumber"), new("forwardedToInvestigation", InputKind.Check, "field.forwardedToInvestigation", Checked: true)],
            s => Work(s, "crime-report"),
            c => RecordCrimeReportEndpoint.Post(c.CaseId, c.Command<RecordCrimeReport>(), c.Session, c.Http)),
        new("Verify", CaseAction.Verify,
            [new("substantiated", InputKind.Check, "field.substantiated", Checked: true), new("suspectedCrime", InputKind.Check, "field.suspectedCrime"),
             new("findings", InputKind.LongText, "field.findings")],
            s => Case(HasWork(s, "verification"), due: true),
            c => VerifyReportEndpoint.Post(c.CaseId, c.Command<VerifyReport>(), c.Session, c.Http)),
        new("AssessRisk", CaseAction.AssessRisk,
            [.. RiskInputs, new("emergencyMeasuresNeeded", InputKind.Check, "field.emergencyMeasuresNeeded"), new("notes", InputKind.LongText, "field.notes", Optional: true)],
            s => Case(HasWork(s, "initial-risk-assessment"), due: true),
            c => AssessInitialRiskEndpoint.Post(c.CaseId, c.Command<AssessInitialRisk>(), c.Session, c.Http)),
        new("OrderEmergencyProtection", CaseAction.OrderEmergencyProtection,
            [new("measures", InputKind.LongText, "field.measures"), new("temporarySeparation", InputKind.Check, "field.temporarySeparation"),
             new("placement", InputKind.Text, "field.placement", Optional: true), new("separationEndsAt", InputKind.Moment, "field.separationEndsAt", Optional: true)],
            s => Case(Open(s), due: HasWork(s, "emergency-decision")),
            c => OrderEmergencyProtectionEndpoint.Post(c.CaseId, c.Command<OrderEmergencyProtection>(), c.Session, c.Http)),
        new("ExtendSeparation", CaseAction.ExtendSeparation,
            [new("newEndsAt", InputKind.Moment, "field.newEndsAt"), new("reason", InputKind.LongText, "field.reason")],
            // A separation is an order with an end; it is due when the pathway warned that the end is near.
            s => s.OpenWork.Where(w => w.Kind == "emergency-protection" && w.DueAt is not null)
                .Select(w => new Target(w.Id, $"{Of("work", w.Kind)} — {When(w.DueAt)}", s.OpenWork.Any(x => x.Kind == "separation-ending" && x.Id == w.Id))),
            c => ExtendSeparationEndpoint.Post(c.CaseId, c.Target, c.Command<ExtendSeparation>(), c.Session, c.Http)),
        new("EndEmergencyProtection", CaseAction.EndEmergencyProtection,
            [new("reason", InputKind.LongText, "field.reason")],
            s => s.OpenWork.Where(w => w.Kind == "emergency-protection").Select(w => new Target(w.Id, Since(w), false)),
            c => EndEmergencyProtectionEndpoint.Post(c.CaseId, c.Target, c.Command<EndEmergencyProtection>(), c.Session, c.Http)),
        new("AssessNeeds", CaseAction.AssessNeeds,
            [new("needs", InputKind.Lines, "field.needs"), new("summary", InputKind.LongText, "field.findings")],
            s => Case(HasWork(s, "detailed-assessment"), due: true),
            c => AssessNeedsEndpoint.Post(c.CaseId, c.Command<AssessNeeds>(), c.Session, c.Http)),
        new("DraftPlan", CaseAction.DraftPlan,
            [new("goals", InputKind.LongText, "field.goals"),
             Input.Choice<ServiceKind>("services[0].kind", "field.serviceKind"), Input.Choice<AgencyKind>("services[0].provider", "field.provider"),
             new("services[0].description", InputKind.Text, "field.serviceDescription"), new("services[0].dueDate", InputKind.Date, "field.dueDate")],
            // Due while the plan is to be drafted (or redrafted after the Chair returned it); again after a review asking for a new plan.
            s => Case(HasWork(s, "support-plan") || (Open(s) && s.LastReview == ReviewRecommendation.Replan), due: true),
            c => DraftPlanEndpoint.Post(c.CaseId, c.Command<DraftPlan>(), c.Session, c.Http)) { Rows = 3 },
        new("ApprovePlan", CaseAction.ApprovePlan,
            [new("decision", InputKind.LongText, "field.decision", Optional: true)],
            s => Work(s, "plan-approval"),
            c => { c.Body["planId"] = c.Target; return ApprovePlanEndpoint.Post(c.CaseId, c.Command<ApprovePlan>(), c.Session, c.Http); }),
        new("ReturnPlan", CaseAction.ReturnPlan,
            [new("reasons", InputKind.LongText, "field.reasons")],
            s => Work(s, "plan-approval").Select(t => t with { Due = false }),
            c => { c.Body["planId"] = c.Target; return ReturnPlanEndpoint.Post(c.CaseId, c.Command<ReturnPlan>(), c.Session, c.Http); }),
        new("RequestMedicalExam", CaseAction.RequestMedicalExam,
            [Input.Choice<ExamKind>("kind", "field.examKind"), new("reason", InputKind.LongText, "field.reason")],
            s => Case(Open(s)),
            c => RequestMedicalExamEndpoint.Post(c.CaseId, c.Command<RequestMedicalExam>(), c.Session, c.Http)),
        new("RecordMedicalExam", CaseAction.RecordMedicalExam,
            [new("facility", InputKind.Text, "field.facility"), new("guardianPresent", InputKind.Check, "field.guardianPresent", Checked: true),
             new("privateRoom", InputKind.Check, "field.privateRoom", Checked: true), new("findings", InputKind.LongText, "field.examFindings")],
            s => Work(s, "medical-exam", Since),
            c => RecordMedicalExamEndpoint.Post(c.CaseId, c.Target, c.Command<RecordMedicalExam>(), c.Session, c.Http)),
        new("ScheduleInterview", CaseAction.ScheduleInterview,
            [new("scheduledFor", InputKind.Moment, "field.scheduledFor"), new("location", InputKind.Text, "field.location"),
             new("interviewer", InputKind.Text, "field.interviewer"), new("guardianNotified", InputKind.Check, "field.guardianNotified")],
            s => Case(Open(s)),
            c => ScheduleInterviewEndpoint.Post(c.CaseId, c.Command<ScheduleInterview>(), c.Session, c.Http)),
        new("ConductInterview", CaseAction.ConductInterview,
            [new("startedAt", InputKind.Moment, "field.startedAt"), new("duration", InputKind.Minutes, "field.durationMinutes"),
             new("guardianPresent", InputKind.Check, "field.guardianPresent", Checked: true), new("recorded", InputKind.Check, "field.recorded"),
             new("representative.representedBy", InputKind.Text, "field.representedBy", Optional: true),
             new("representative.reason", InputKind.Text, "field.representativeReason", Optional: true),
             new("notes", InputKind.LongText, "field.notes", Optional: true)],
            s => Work(s, "interview", w => $"{Of("work", w.Kind)} — {When(w.DueAt)}"),
            c => ConductInterviewEndpoint.Post(c.CaseId, c.Target, c.Command<ConductInterview>(), c.Session, c.Http)),
        new("DecideCriminalProceedings", CaseAction.DecideCriminalProceedings,
            [Input.Choice<ProceedingsDecision>("decision", "field.proceedingsDecision"), new("decisionNumber", InputKind.Text, "field.decisionNumber")],
            s => Case(Open(s) && s.CrimeReport is { ForwardedToInvestigation: true }, due: true),
            c => DecideCriminalProceedingsEndpoint.Post(c.CaseId, c.Command<DecideCriminalProceedings>(), c.Session, c.Http)),
        new("ProvidePsychosocialSupport", CaseAction.ProvidePsychosocialSupport,
            [Input.Choice<ServiceKind>("kind", "field.serviceKind"), new("provider", InputKind.Text, "field.providerName"), new("summary", InputKind.LongText, "field.summary")],
            s => Case(Open(s)),
            c => ProvidePsychosocialSupportEndpoint.Post(c.CaseId, c.Command<ProvidePsychosocialSupport>(), c.Session, c.Http)),
        new("ProvideLegalAid", CaseAction.ProvideLegalAid,
            [new("provider", InputKind.Text, "field.providerName"), new("summary", InputKind.LongText, "field.summary")],
            s => Case(Open(s)),
            c => ProvideLegalAidEndpoint.Post(c.CaseId, c.Command<ProvideLegalAid>(), c.Session, c.Http)),
        new("PlanSchoolReintegration", CaseAction.PlanSchoolReintegration,
            [new("school", InputKind.Text, "field.school"), new("targetDate", InputKind.Date, "field.targetDate"), new("arrangements", InputKind.LongText, "field.arrangements")],
            s => Case(Open(s) && !HasWork(s, "school-reintegration")),
            c => PlanSchoolReintegrationEndpoint.Post(c.CaseId, c.Command<PlanSchoolReintegration>(), c.Session, c.Http)),
        new("CompleteSchoolReintegration", CaseAction.CompleteSchoolReintegration,
            [new("school", InputKind.Text, "field.school"), new("notes", InputKind.LongText, "field.notes", Optional: true)],
            s => Case(HasWork(s, "school-reintegration"), due: true),
            c => CompleteSchoolReintegrationEndpoint.Post(c.CaseId, c.Command<CompleteSchoolReintegration>(), c.Session, c.Http)),
        new("Review", CaseAction.Review,
            [Input.Choice<ReviewRecommendation>("recommendation", "field.recommendation"), .. RiskInputs.Select(i => i with { Name = "risk." + i.Name }),
             new("summary", InputKind.LongText, "field.summary")],
            s => Case(Open(s) && s.Plan is { Status: PlanStatus.Approved }, due: s.NextReviewDueAt is not null),
            c => ReviewCaseEndpoint.Post(c.CaseId, c.Command<ReviewCase>(), c.Session, c.Http)),
        new("Close", CaseAction.Close,
            [new("reason", InputKind.LongText, "field.reason")],
            s => Case(Open(s) && s.LastReview == ReviewRecommendation.Close, due: true),
            c => CloseCaseEndpoint.Post(c.CaseId, c.Command<CloseCase>(), c.Session, c.Http)),
        new("CloseWithoutPlan", CaseAction.CloseWithoutPlan,
            [new("reasonCode", InputKind.Choice, "field.reasonCode", Choices: ClosureReasonCodes.All, Words: "closure"), new("reason", InputKind.LongText, "field.reason"),
             new("duplicateOfCaseId", InputKind.Text, "field.duplicateOfCaseId", Optional: true), new("referredTo", InputKind.Text, "field.referredTo", Optional: true)],
            s => Case(Open(s) && s.Plan is not { Status: PlanStatus.Approved }),
            c => CloseWithoutPlanEndpoint.Post(c.CaseId, c.Command<CloseWithoutPlan>(), c.Session, c.Http)),
        new("Reopen", CaseAction.Reopen,
            [new("reason", InputKind.LongText, "field.reason")],
            s => Case(!Open(s)),
            c => ReopenCaseEndpoint.Post(c.CaseId, c.Command<ReopenCase>(), c.Session, c.Http)),
        new("GiveConsent", CaseAction.GiveConsent,
            [Input.Choice<ConsentGiver>("givenBy", "field.givenBy"), Input.Choice<ConsentPurpose>("purpose", "field.purpose"),
             Input.Multi("recipientKinds", "field.recipientKinds", Enum.GetValues<RecipientKind>().Where(k => !ConsentLedger.Statutory.Contains(k))),
             new("expiresAt", InputKind.Moment, "field.expiresAt", Optional: true)],
            s => Case(Open(s)),
            c => GiveConsentEndpoint.Post(c.CaseId, c.Command<GiveConsent>(), c.Session, c.Http)),
        new("WithdrawConsent", CaseAction.WithdrawConsent,
            [Input.Choice<ConsentGiver>("withdrawnBy", "field.withdrawnBy")],
            s => s.Consents.Where(k => k.WithdrawnAt is null)
                .Select(k => new Target(k.ConsentId, $"{Of(k.GivenBy)} — {Of(k.Purpose)} — {string.Join(", ", k.RecipientKinds.Select(r => Of(r)))} — {When(k.GivenAt)}", false)),
            c => WithdrawConsentEndpoint.Post(c.CaseId, c.Target, c.Command<WithdrawConsent>(), c.Session, c.Http)),
        new("Transfer", CaseAction.Transfer,
            [new("toCommune", InputKind.Text, "field.toCommune", Words: "commune"), new("reason", InputKind.LongText, "field.reason")],
            s => Case(Open(s)),
            c => TransferCaseEndpoint.Post(c.CaseId, c.Command<TransferCase>(), c.Session, c.Http)),
    ];

    public static StepForm? Find(string? name) => All.FirstOrDefault(f => f.Name == name);
}
