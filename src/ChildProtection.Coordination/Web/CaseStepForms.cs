using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.FollowUp;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.SpecialCircumstances;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Transfer;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Privacy;
using System.Text.Json.Nodes;
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

    /// <summary>Targets read from the case as stored alone.</summary>
    private static Func<FormScope, IEnumerable<Target>> On(Func<CaseSummary, IEnumerable<Target>> targets) => scope => targets(scope.Summary);

    private static IEnumerable<Target> Case(bool applies, bool due = false) => applies ? [new Target(null, null, due)] : [];

    /// <summary>The case's open work of <paramref name="kind"/>: due work, one form each.</summary>
    private static IEnumerable<Target> Work(CaseSummary s, string kind, Func<OpenWork, string?>? label = null) =>
        !Open(s) ? [] : s.OpenWork.Where(w => w.Kind == kind).Select(w => new Target(w.Id, label?.Invoke(w), true));

    /// <summary>Work of <paramref name="kind"/> waits on the case (a closed case waits for nothing: the API refuses its steps).</summary>
    private static bool HasWork(CaseSummary s, string kind) => Open(s) && s.OpenWork.Any(w => w.Kind == kind);

    private static string Since(OpenWork w) => $"{Of("work", w.Kind)} — {When(w.Since)}";

    private static bool IsOpen(HandoffSummary h) => h.State is HandoffState.Requested or HandoffState.Accepted;

    /// <summary>Work of the caller's agency that an examination fulfils: a handed examination, or a medical service of the plan.</summary>
    private static bool ExamHanded(FormScope x) =>
        x.Summary.Handoffs.Any(h => h.ToAgency == x.Actor.Agency && IsOpen(h)
            && (h.Task is HandoffTask.MedicalExamination or HandoffTask.ForensicExamination
                || x.Summary.Plan?.Services.FirstOrDefault(p => p.ServiceId == h.ServiceId)?.Kind is ServiceKind.MedicalCare or ServiceKind.ForensicExamination));

    /// <summary>
    /// The services of the approved plan whose progress the caller records (RecordServiceProgress's rule): those handed to its
    /// agency and not declined or withdrawn, or every one for the commune officer who follows the case. Due while handed and open.
    /// </summary>
    private static IEnumerable<Target> Services(FormScope x)
    {
        if (!Open(x.Summary) || x.Summary.Plan is not { Status: PlanStatus.Approved } plan) return [];
        return plan.Services
            .Select(p => (p, handed: x.Summary.Handoffs.Where(h => h.ServiceId == p.ServiceId && h.ToAgency == x.Actor.Agency
                && h.State is not (HandoffState.Declined or HandoffState.Cancelled)).ToList()))
            .Where(s => s.handed.Count > 0 || x.Actor.Role == Roles.CommuneOfficer)
            .Select(s => new Target(s.p.ServiceId, $"{Of(s.p.Kind)} — {s.p.Description}", s.handed.Any(IsOpen)));
    }

    /// <summary>The groups of Law Art. 10 the child is in now, as the caller's view shows them (a sealed health group opened).</summary>
    private static IEnumerable<Target> CurrentGroups(FormScope x) =>
        !Open(x.Summary) ? [] : (x.View["specialCircumstances"] as JsonArray ?? [])
            .Where(p => p?["endedOn"] is null && p?["group"]?.GetValue<string>() is { Length: > 0 })
            .Select(p => p!["group"]!.GetValue<string>())
            .Select(g => new Target(Target.Keyed(g), $"{Of("SpecialCircumstanceGroup", g)}", false));

    /// <summary>The group a form for one of <see cref="CurrentGroups"/> acts on ("" when the target names none: the API's 400 on <c>group</c>).</summary>
    private static string GroupOf(Guid target) => Groups.FirstOrDefault(g => Target.Keyed(g) == target) ?? "";

    /// <summary>The 14 groups of Law on Children Art. 10 (not the stored form of a sealed one).</summary>
    private static readonly string[] Groups = Enum.GetNames<SpecialCircumstanceGroup>().Where(g => g != nameof(SpecialCircumstanceGroup.SealedHealthGroup)).ToArray();

    /// <summary>The possible duplicates the caller may read and that are not confirmed yet.</summary>
    private static IEnumerable<Target> Candidates(FormScope x) =>
        (x.Duplicates?.Candidates ?? []).Where(c => c.LinkId is null)
            .Select(c => new Target(c.CaseId, $"{c.CaseId.ToString()[..8]} — {c.Score:0.00}", false));

    /// <summary>Hand-offs still open; for withdrawing, only those the caller's agency handed on (or any, for the commune Chair).</summary>
    private static IEnumerable<Target> OpenHandoffs(FormScope x, bool ownOnly) =>
        !Open(x.Summary) ? [] : x.Summary.Handoffs
            .Where(h => IsOpen(h) && (!ownOnly || h.FromAgency == x.Actor.Agency || x.Actor.Role == Roles.CommuneChair))
            .Select(h => new Target(h.HandoffId, $"{Of(h.Task)} — {x.NameOf(h.ToAgency)} — {When(h.DueAt)}", false));

    /// <summary>The forms the caller may take on the case now: the matrix allows its role under its relations, and the case has something for the form.</summary>
    public static IReadOnlyList<(StepForm Form, Target Target)> For(FormScope scope, CaseRelation relations) =>
        All.Where(f => CasePermissions.Allows(f.Action, scope.Actor.Role, relations))
            .SelectMany(f => f.Targets(scope).Select(t => (f, t)))
            .OrderByDescending(x => x.t.Due)
            .ToList();

    private static readonly Input[] RiskInputs =
    [
        Input.Choice<RiskLevel>("severityOfHarm", "field.severityOfHarm"), Input.Choice<RiskLevel>("abuserAccess", "field.abuserAccess"),
        Input.Choice<RiskLevel>("careObstacles", "field.careObstacles"), Input.Choice<RiskLevel>("overall", "field.overall"),
    ];

    public static readonly IReadOnlyList<StepForm> All =
    [
        new("RecordCrimeReport", CaseAction.RecordCrimeReport,
            [new("receiptNumber", InputKind.Text, "field.receiptNumber"), new("forwardedToInvestigation", InputKind.Check, "field.forwardedToInvestigation", Checked: true)],
            On(s => Work(s, "crime-report")),
            c => RecordCrimeReportEndpoint.Post(c.CaseId, c.Command<RecordCrimeReport>(), c.Session, c.Http)),
        new("Verify", CaseAction.Verify,
            [new("substantiated", InputKind.Check, "field.substantiated", Checked: true), new("suspectedCrime", InputKind.Check, "field.suspectedCrime"),
             new("findings", InputKind.LongText, "field.findings")],
            On(s => Case(HasWork(s, "verification"), due: true)),
            c => VerifyReportEndpoint.Post(c.CaseId, c.Command<VerifyReport>(), c.Session, c.Http)),
        new("AssessRisk", CaseAction.AssessRisk,
            [.. RiskInputs, new("emergencyMeasuresNeeded", InputKind.Check, "field.emergencyMeasuresNeeded"), new("notes", InputKind.LongText, "field.notes", Optional: true)],
            On(s => Case(HasWork(s, "initial-risk-assessment"), due: true)),
            c => AssessInitialRiskEndpoint.Post(c.CaseId, c.Command<AssessInitialRisk>(), c.Session, c.Http)),
        new("OrderEmergencyProtection", CaseAction.OrderEmergencyProtection,
            [new("measures", InputKind.LongText, "field.measures"), new("temporarySeparation", InputKind.Check, "field.temporarySeparation"),
             new("placement", InputKind.Text, "field.placement", Optional: true), new("separationEndsAt", InputKind.Moment, "field.separationEndsAt", Optional: true)],
            On(s => Case(Open(s), due: HasWork(s, "emergency-decision"))),
            c => OrderEmergencyProtectionEndpoint.Post(c.CaseId, c.Command<OrderEmergencyProtection>(), c.Session, c.Http)),
        new("ExtendSeparation", CaseAction.ExtendSeparation,
            [new("newEndsAt", InputKind.Moment, "field.newEndsAt"), new("reason", InputKind.LongText, "field.reason")],
            // A separation is an order with an end; it is due when the pathway warned that the end is near.
            On(s => s.OpenWork.Where(w => Open(s) && w.Kind == "emergency-protection" && w.DueAt is not null)
                .Select(w => new Target(w.Id, $"{Of("work", w.Kind)} — {When(w.DueAt)}", s.OpenWork.Any(x => x.Kind == "separation-ending" && x.Id == w.Id)))),
            c => ExtendSeparationEndpoint.Post(c.CaseId, c.Target, c.Command<ExtendSeparation>(), c.Session, c.Http)),
        new("EndEmergencyProtection", CaseAction.EndEmergencyProtection,
            [new("reason", InputKind.LongText, "field.reason")],
            On(s => s.OpenWork.Where(w => Open(s) && w.Kind == "emergency-protection").Select(w => new Target(w.Id, Since(w), false))),
            c => EndEmergencyProtectionEndpoint.Post(c.CaseId, c.Target, c.Command<EndEmergencyProtection>(), c.Session, c.Http)),
        new("AssessNeeds", CaseAction.AssessNeeds,
            [new("needs", InputKind.Lines, "field.needs"), new("summary", InputKind.LongText, "field.findings")],
            On(s => Case(HasWork(s, "detailed-assessment"), due: true)),
            c => AssessNeedsEndpoint.Post(c.CaseId, c.Command<AssessNeeds>(), c.Session, c.Http)),
        new("DraftPlan", CaseAction.DraftPlan,
            [new("goals", InputKind.LongText, "field.goals"),
             Input.Choice<ServiceKind>("services[0].kind", "field.serviceKind"), Input.Choice<AgencyKind>("services[0].provider", "field.provider"),
             new("services[0].description", InputKind.Text, "field.serviceDescription"), new("services[0].dueDate", InputKind.Date, "field.dueDate")],
            // Due while the plan is to be drafted (or redrafted after the Chair returned it); again after a review asking for a new plan.
            On(s => Case(HasWork(s, "support-plan") || (Open(s) && s.LastReview == ReviewRecommendation.Replan), due: true)),
            c => DraftPlanEndpoint.Post(c.CaseId, c.Command<DraftPlan>(), c.Session, c.Http)) { Rows = 3 },
        new("RecordPlanningMeeting", CaseAction.RecordPlanningMeeting,
            [new("heldAt", InputKind.Moment, "field.heldAt"),
             new("participants[0].role", InputKind.Text, "field.participantRole"), new("participants[0].agency", InputKind.Text, "field.participantAgency", Optional: true, Words: "agency"),
             new("childViews", InputKind.LongText, "field.childViews"), new("familyViews", InputKind.LongText, "field.familyViews"),
             new("notes", InputKind.LongText, "field.notes", Optional: true)],
            // The API's own precondition on its write model (a reopened case keeps its assessment), not a guess from the summary.
            x => Case(Open(x.Summary) && x.Written is { } written && RecordPlanningMeetingEndpoint.InOrder(written)),
            c => RecordPlanningMeetingEndpoint.Post(c.CaseId, c.Command<RecordPlanningMeeting>(), c.Session, c.Http)) { Rows = 4, RowCaption = "field.anotherParticipant" },
        new("ApprovePlan", CaseAction.ApprovePlan,
            [new("decision", InputKind.LongText, "field.decision", Optional: true)],
            On(s => Work(s, "plan-approval")),
            c => { c.Body["planId"] = c.Target; return ApprovePlanEndpoint.Post(c.CaseId, c.Command<ApprovePlan>(), c.Session, c.Http); }),
        new("ReturnPlan", CaseAction.ReturnPlan,
            [new("reasons", InputKind.LongText, "field.reasons")],
            On(s => Work(s, "plan-approval").Select(t => t with { Due = false })),
            c => { c.Body["planId"] = c.Target; return ReturnPlanEndpoint.Post(c.CaseId, c.Command<ReturnPlan>(), c.Session, c.Http); }),
        new("RequestMedicalExam", CaseAction.RequestMedicalExam,
            [Input.Choice<ExamKind>("kind", "field.examKind"), new("reason", InputKind.LongText, "field.reason")],
            // Due for a health agency handed an examination none has asked for yet: it asks, then records what it did.
            x => Case(Open(x.Summary), due: ExamHanded(x) && !HasWork(x.Summary, "medical-exam")),
            c => RequestMedicalExamEndpoint.Post(c.CaseId, c.Command<RequestMedicalExam>(), c.Session, c.Http)),
        new("RecordMedicalExam", CaseAction.RecordMedicalExam,
            [new("facility", InputKind.Text, "field.facility"), new("guardianPresent", InputKind.Check, "field.guardianPresent", Checked: true),
             new("privateRoom", InputKind.Check, "field.privateRoom", Checked: true), new("findings", InputKind.LongText, "field.examFindings")],
            On(s => Work(s, "medical-exam", Since)),
            c => RecordMedicalExamEndpoint.Post(c.CaseId, c.Target, c.Command<RecordMedicalExam>(), c.Session, c.Http)),
        new("ScheduleInterview", CaseAction.ScheduleInterview,
            [new("scheduledFor", InputKind.Moment, "field.scheduledFor"), new("location", InputKind.Text, "field.location"),
             new("interviewer", InputKind.Text, "field.interviewer"), new("guardianNotified", InputKind.Check, "field.guardianNotified")],
            On(s => Case(Open(s))),
            c => ScheduleInterviewEndpoint.Post(c.CaseId, c.Command<ScheduleInterview>(), c.Session, c.Http)),
        new("ConductInterview", CaseAction.ConductInterview,
            [new("startedAt", InputKind.Moment, "field.startedAt"), new("duration", InputKind.Minutes, "field.durationMinutes"),
             new("guardianPresent", InputKind.Check, "field.guardianPresent", Checked: true), new("recorded", InputKind.Check, "field.recorded"),
             new("representative.representedBy", InputKind.Text, "field.representedBy", Optional: true),
             new("representative.reason", InputKind.Text, "field.representativeReason", Optional: true),
             new("notes", InputKind.LongText, "field.notes", Optional: true)],
            On(s => Work(s, "interview", w => $"{Of("work", w.Kind)} — {When(w.DueAt)}")),
            c => ConductInterviewEndpoint.Post(c.CaseId, c.Target, c.Command<ConductInterview>(), c.Session, c.Http)),
        new("DecideCriminalProceedings", CaseAction.DecideCriminalProceedings,
            [Input.Choice<ProceedingsDecision>("decision", "field.proceedingsDecision"), new("decisionNumber", InputKind.Text, "field.decisionNumber")],
            On(s => Case(Open(s) && s.CrimeReport is { ForwardedToInvestigation: true }, due: true)),
            c => DecideCriminalProceedingsEndpoint.Post(c.CaseId, c.Command<DecideCriminalProceedings>(), c.Session, c.Http)),
        new("ProvidePsychosocialSupport", CaseAction.ProvidePsychosocialSupport,
            [Input.Choice<ServiceKind>("kind", "field.serviceKind"), new("provider", InputKind.Text, "field.providerName"), new("summary", InputKind.LongText, "field.summary")],
            On(s => Case(Open(s))),
            c => ProvidePsychosocialSupportEndpoint.Post(c.CaseId, c.Command<ProvidePsychosocialSupport>(), c.Session, c.Http)),
        new("ProvideLegalAid", CaseAction.ProvideLegalAid,
            [new("provider", InputKind.Text, "field.providerName"), new("summary", InputKind.LongText, "field.summary")],
            On(s => Case(Open(s))),
            c => ProvideLegalAidEndpoint.Post(c.CaseId, c.Command<ProvideLegalAid>(), c.Session, c.Http)),
        new("PlanSchoolReintegration", CaseAction.PlanSchoolReintegration,
            [new("school", InputKind.Text, "field.school"), new("targetDate", InputKind.Date, "field.targetDate"), new("arrangements", InputKind.LongText, "field.arrangements")],
            On(s => Case(Open(s) && !HasWork(s, "school-reintegration"))),
            c => PlanSchoolReintegrationEndpoint.Post(c.CaseId, c.Command<PlanSchoolReintegration>(), c.Session, c.Http)),
        new("CompleteSchoolReintegration", CaseAction.CompleteSchoolReintegration,
            [new("school", InputKind.Text, "field.school"), new("notes", InputKind.LongText, "field.notes", Optional: true)],
            On(s => Case(HasWork(s, "school-reintegration"), due: true)),
            c => CompleteSchoolReintegrationEndpoint.Post(c.CaseId, c.Command<CompleteSchoolReintegration>(), c.Session, c.Http)),
        new("RecordServiceProgress", CaseAction.RecordServiceProgress,
            [Input.Choice<ProgressKind>("kind", "field.progressKind"), new("summary", InputKind.LongText, "field.summary")],
            Services,
            c => RecordServiceProgressEndpoint.Post(c.CaseId, c.Target, c.Command<RecordServiceProgress>(), c.Session, c.Http)),
        new("Review", CaseAction.Review,
            [Input.Choice<ReviewRecommendation>("recommendation", "field.recommendation"), .. RiskInputs.Select(i => i with { Name = "risk." + i.Name }),
             new("summary", InputKind.LongText, "field.summary")],
            On(s => Case(Open(s) && s.Plan is { Status: PlanStatus.Approved }, due: s.NextReviewDueAt is not null)),
            c => ReviewCaseEndpoint.Post(c.CaseId, c.Command<ReviewCase>(), c.Session, c.Http)),
        new("Close", CaseAction.Close,
            [new("reason", InputKind.LongText, "field.reason")],
            On(s => Case(Open(s) && s.LastReview == ReviewRecommendation.Close, due: true)),
            c => CloseCaseEndpoint.Post(c.CaseId, c.Command<CloseCase>(), c.Session, c.Http)),
        new("CloseWithoutPlan", CaseAction.CloseWithoutPlan,
            [new("reasonCode", InputKind.Choice, "field.reasonCode", Choices: ClosureReasonCodes.All, Words: "closure"), new("reason", InputKind.LongText, "field.reason"),
             new("duplicateOfCaseId", InputKind.Text, "field.duplicateOfCaseId", Optional: true), new("referredTo", InputKind.Text, "field.referredTo", Optional: true, Words: "agency")],
            On(s => Case(Open(s) && s.Plan is not { Status: PlanStatus.Approved })),
            c => CloseWithoutPlanEndpoint.Post(c.CaseId, c.Command<CloseWithoutPlan>(), c.Session, c.Http)),
        new("Reopen", CaseAction.Reopen,
            [new("reason", InputKind.LongText, "field.reason")],
            On(s => Case(!Open(s))),
            c => ReopenCaseEndpoint.Post(c.CaseId, c.Command<ReopenCase>(), c.Session, c.Http)),
        new("GiveConsent", CaseAction.GiveConsent,
            [Input.Choice<ConsentGiver>("givenBy", "field.givenBy"), Input.Choice<ConsentPurpose>("purpose", "field.purpose"),
             Input.Multi("recipientKinds", "field.recipientKinds", Enum.GetValues<RecipientKind>().Where(k => !ConsentLedger.Statutory.Contains(k))),
             new("expiresAt", InputKind.Moment, "field.expiresAt", Optional: true)],
            On(s => Case(Open(s))),
            c => GiveConsentEndpoint.Post(c.CaseId, c.Command<GiveConsent>(), c.Session, c.Http)),
        new("WithdrawConsent", CaseAction.WithdrawConsent,
            [Input.Choice<ConsentGiver>("withdrawnBy", "field.withdrawnBy")],
            On(s => s.Consents.Where(k => k.WithdrawnAt is null)
                .Select(k => new Target(k.ConsentId, $"{Of(k.GivenBy)} — {Of(k.Purpose)} — {string.Join(", ", k.RecipientKinds.Select(r => Of(r)))} — {When(k.GivenAt)}", false))),
            c => WithdrawConsentEndpoint.Post(c.CaseId, c.Target, c.Command<WithdrawConsent>(), c.Session, c.Http)),
        new("Transfer", CaseAction.Transfer,
            [new("toCommune", InputKind.Text, "field.toCommune", Words: "commune"), new("reason", InputKind.LongText, "field.reason")],
            On(s => Case(Open(s))),
            c => TransferCaseEndpoint.Post(c.CaseId, c.Command<TransferCase>(), c.Session, c.Http)),
        new("EstablishSpecialCircumstance", CaseAction.EstablishSpecialCircumstance,
            [new("group", InputKind.Choice, "field.group", Choices: Groups, Words: nameof(SpecialCircumstanceGroup)),
             new("establishedOn", InputKind.Date, "field.establishedOn"), new("basis", InputKind.LongText, "field.basis", Optional: true)],
            On(s => Case(Open(s))),
            c => SpecialCircumstanceEndpoints.Establish(c.CaseId, c.Command<EstablishSpecialCircumstance>(), c.Session, c.Http)),
        new("EndSpecialCircumstance", CaseAction.EndSpecialCircumstance,
            [new("endedOn", InputKind.Date, "field.endedOn"), new("reason", InputKind.LongText, "field.reason")],
            CurrentGroups,
            c => { c.Body["group"] = GroupOf(c.Target); return SpecialCircumstanceEndpoints.End(c.CaseId, c.Command<EndSpecialCircumstance>(), c.Session, c.Http); }),
        new("RequestHandoff", CaseAction.RequestHandoff,
            [new("toAgency", InputKind.Text, "field.toAgency", Words: "agency"), Input.Choice<HandoffTask>("task", "field.task"),
             new("description", InputKind.LongText, "field.description"), new("dueAt", InputKind.Moment, "field.dueAt")],
            On(s => Case(Open(s))),
            c => RequestHandoffEndpoint.Post(c.CaseId, c.Command<RequestHandoff>(), c.Session, c.Http.RequestServices.GetRequiredService<IAgencyRouting>(), c.Http)),
        new("CancelHandoff", CaseAction.RequestHandoff,
            [new("reason", InputKind.LongText, "field.reason")],
            x => OpenHandoffs(x, ownOnly: true),
            c => RespondToHandoffEndpoints.Cancel(c.CaseId, c.Target, c.Command<CancelHandoff>(), c.Session, c.Http)),
        new("ManageClock", CaseAction.ManageClock,
            [Input.Choice<ClockAction>("action", "field.clockAction"), new("reason", InputKind.LongText, "field.reason")],
            x => OpenHandoffs(x, ownOnly: false),
            c => ManageClockEndpoint.Post(c.CaseId, c.Target, c.Command<ManageClock>(), c.Session, c.Http)),
        new("ConfirmDuplicate", CaseAction.LinkCases,
            [new("reason", InputKind.LongText, "field.reason")],
            Candidates,
            c =>
            {
                c.Body["otherCaseId"] = c.Target;
                c.Body["kind"] = nameof(CaseLinkKind.SameChild);
                return LinkCasesEndpoint.Post(c.CaseId, c.Command<LinkCases>(), c.Session, c.Http);
            }),
        new("RejectDuplicate", CaseAction.RejectDuplicate,
            [new("reason", InputKind.LongText, "field.reason")],
            Candidates,
            c => RejectDuplicateEndpoint.Post(c.CaseId, c.Target, c.Command<RejectDuplicate>(), c.Session, c.Http)),
        new("LinkCases", CaseAction.LinkCases,
            [new("otherCaseId", InputKind.Text, "field.otherCaseId"), Input.Choice<CaseLinkKind>("kind", "field.linkKind"), new("reason", InputKind.LongText, "field.reason")],
            On(_ => Case(true)),
            c => LinkCasesEndpoint.Post(c.CaseId, c.Command<LinkCases>(), c.Session, c.Http)),
        new("UnlinkCases", CaseAction.LinkCases,
            [new("reason", InputKind.LongText, "field.reason")],
            On(s => s.Links.Select(l => new Target(l.LinkId, $"{Of(l.Kind)} — {l.OtherCaseId.ToString()[..8]}", false))),
            c => UnlinkCasesEndpoint.Delete(c.CaseId, c.Target, c.Command<UnlinkCases>(), c.Session, c.Http)),
        // Merging this case into the other case of a same-child link (the lead), which takes over its open work; the API
        // refuses what the page cannot see (the lead closed or merged itself, emergency protection in force).
        new("MergeCases", CaseAction.MergeCases,
            [new("reason", InputKind.LongText, "field.reason")],
            On(s => Open(s) && s.MergedInto is null
                ? s.Links.Where(l => l.Kind == CaseLinkKind.SameChild && !s.MergedCases.Exists(m => m.LinkId == l.LinkId))
                    .Select(l => new Target(l.OtherCaseId, l.OtherCaseId.ToString()[..8], false))
                : []),
            c => { c.Body["leadCaseId"] = c.Target; return MergeCasesEndpoint.Post(c.CaseId, c.Command<MergeCases>(), c.Session, c.Http); }),
        new("UnmergeCases", CaseAction.MergeCases,
            [new("reason", InputKind.LongText, "field.reason")],
            On(s => (s.MergedInto is { } into ? [into] : Enumerable.Empty<MergeSummary>()).Concat(s.MergedCases)
                .Select(m => new Target(m.LinkId, $"{m.CaseId.ToString()[..8]} — {When(m.MergedAt)}", false))),
            c => UnmergeCasesEndpoint.Delete(c.CaseId, c.Target, c.Command<UnmergeCases>(), c.Session, c.Http)),
        new("EraseIdentity", CaseAction.EraseIdentity,
            [new("reason", InputKind.LongText, "field.reason")],
            On(s => Case(!s.IdentityErased)),
            c => EraseIdentityEndpoint.Post(c.CaseId, c.Command<EraseIdentity>(), c.Session, c.Http)),
    ];

    public static StepForm? Find(string? name) => All.FirstOrDefault(f => f.Name == name);
}
