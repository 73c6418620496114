namespace ChildProtection.Coordination.Cases;

/// <summary>
/// Where the law says so: the law, the article, the paper form, and what it says in one line. <see cref="Unconfirmed"/>
/// marks a figure or article the working knowledge (docs/, DOMAIN) has not confirmed: its figure stays configuration.
/// </summary>
public sealed record Citation(string Id, string Law, string Article, string? Form, string Says, bool Unconfirmed = false)
{
    /// <summary>"ND56/2017 Art. 27, Form 02: …", as hand-offs and clocks carry it.</summary>
    public string Text => $"{Law}, {Article}{(Form is null ? "" : $", {Form}")}{(Unconfirmed ? " (article unconfirmed)" : "")}: {Says}";
}

/// <summary>
/// The one table of the legal basis of everything the service records: each case event type and each pathway rule
/// names a row here (rules by <c>"citation"</c> in Handoffs/pathway.v*.json), the legal clocks too, and the docs print it.
/// A test fails when a case event type or a rule names none.
/// </summary>
public static class LegalBasis
{
    private const string Nd56 = "Decree 56/2017/NĐ-CP";
    private const string LawOnChildren = "Law on Children 102/2016/QH13";
    private const string Cpc = "Criminal Procedure Code 2015";
    private const string JuvenileJustice = "Law on Juvenile Justice 59/2024/QH15";
    private const string DataProtection = "Personal Data Protection Law 91/2025/QH15";

    public static readonly IReadOnlyList<Citation> Table =
    [
        new("report", Nd56, "Art. 25", "Form 01", "whoever learns of abuse or risk tells 111, health, the police or the commune at once; the receiver records it, the reporter's identity only with consent."),
        new("crime-report", Nd56 + " and " + Cpc, "ND56 Art. 25; CPC Art. 145", "police receipt", "the police record a crime report (tố giác), check it and pass it to the investigation agency within 24 hours."),
        new("criminal-proceedings", Cpc, "Art. 147", null, "the investigation agency decides within 20 days whether to institute criminal proceedings.", Unconfirmed: true),
        new("verification", Nd56, "Art. 26", null, "health, the police or the commune verify the report; schools and carers give information."),
        new("initial-assessment", Nd56, "Art. 27", "Form 02", "111, health or the police hand the case at once to the commune where it happened, which verifies and assesses the risk within 12 hours of the report."),
        new("emergency-protection", Nd56, "Art. 28", "Form 07", "where the child faces serious harm, the commune Chair orders emergency protection or temporary separation (at most 15 days unless extended) within 12 hours of the report."),
        new("detailed-assessment", Nd56, "Art. 29", "Form 03", "the commune officer assesses the child's needs in detail, with 111 or a social work centre."),
        new("plan", Nd56, "Art. 30", "Form 04", "where the assessment calls for one, the commune officer drafts the support and intervention plan with the agencies and the family within 5 working days."),
        new("plan-approval", Nd56, "Art. 30", "Form 05", "the commune Chair approves the plan; 7 working days in total from the report."),
        new("planning-meeting", Nd56, "Art. 30", "Form 04", "the plan is drafted in a meeting with the agencies, a residents' representative and the parents, hearing the child's and the family's views."),
        new("carrying-out", Nd56, "Art. 31", "progress notes", "the agencies named in the approved plan carry it out, each service by its due date."),
        new("review", Nd56, "Art. 32", "Form 06", "the commune officer reviews the plan's results with the providers: continue, re-plan or close."),
        new("closure", Nd56, "Art. 32", null, "the commune Chair closes the case once the child is safe and stable."),
        new("reopening", Nd56, "Art. 25", null, "a new report about the child reopens the case."),
        new("medical-examination", LawOnChildren + " and " + Nd56, "Law Art. 50; ND56 Art. 30", null, "health examines and treats the abused child at once; for sexual abuse the evidence window is about 72 hours."),
        new("forensic-examination", LawOnChildren + " and " + Cpc, "Law Art. 50; CPC Art. 206", null, "the province's forensic medicine centre examines the child for evidence of a crime.", Unconfirmed: true),
        new("child-friendly-interview", JuvenileJustice, "child-friendly procedure", null, "as few interviews as possible, at most 2 sessions a day of at most 2 hours, a trained interviewer, the guardian told and present."),
        new("school-reintegration", LawOnChildren + " and " + Nd56, "Law Art. 47; ND56 Art. 31", null, "the child's school takes the child back with their identity protected; else the education office arranges it."),
        new("special-circumstances", LawOnChildren, "Art. 10", null, "the groups of children in special circumstances, each established and ended on a date."),
        new("transfer", Nd56, "Chapter III, Arts. 25–32", null, "a child who moves takes the case along: the commune where the child now lives carries it on.", Unconfirmed: true),
        new("coordination", Nd56, "Chapter III, Arts. 25–32", null, "the agencies hand each other the work of a case and act within its clocks."),
        new("escalation", Nd56, "Chapter III, Arts. 25–32", null, "work left undone when its clock runs out goes to the agency that supervises the one it was handed to (the provincial Department of Health above the commune, the provincial police above commune police).", Unconfirmed: true),
        new("privacy", LawOnChildren + " and " + Nd56, "Law Arts. 6, 21; ND56 Art. 33", null, "the child's information, and the services given, are private; disclosure needs the consent of the child aged 7 or over and the parent or guardian."),
        new("linking", Nd56 + " and " + LawOnChildren, "ND56 Chapter III; Law Arts. 6, 21", null, "one child reported twice is one case to act on (a report found a duplicate of another case closes); linking reads the reports together while each keeps its history, and reveals no identity to an agency that could not read it.", Unconfirmed: true),
        new("erasure", DataProtection, "data subject's rights", null, "personal data is deleted when its purpose is spent or the subject asks, unless the law requires it kept.", Unconfirmed: true),
    ];

    /// <summary>The legal basis of each case event type, by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Events = new Dictionary<string, string>
    {
        [nameof(CaseReported)] = "report",
        [nameof(CrimeReportRecorded)] = "crime-report",
        [nameof(CriminalProceedingsDecided)] = "criminal-proceedings",
        [nameof(ReportVerified)] = "verification",
        [nameof(InitialRiskAssessed)] = "initial-assessment",
        [nameof(EmergencyProtectionOrdered)] = "emergency-protection",
        [nameof(SeparationExtended)] = "emergency-protection",
        [nameof(EmergencyProtectionEnded)] = "emergency-protection",
        [nameof(DetailedAssessmentCompleted)] = "detailed-assessment",
        [nameof(SupportPlanDrafted)] = "plan",
        [nameof(SupportPlanApproved)] = "plan-approval",
        [nameof(MedicalExamRequested)] = "medical-examination",
        [nameof(MedicalExamCompleted)] = "medical-examination",
        [nameof(InterviewScheduled)] = "child-friendly-interview",
        [nameof(InterviewConducted)] = "child-friendly-interview",
        [nameof(PsychosocialSupportProvided)] = "carrying-out",
        [nameof(LegalAidProvided)] = "carrying-out",
        [nameof(SchoolReintegrationPlanned)] = "school-reintegration",
        [nameof(SchoolReintegrationCompleted)] = "school-reintegration",
        [nameof(CaseReviewed)] = "review",
        [nameof(CaseClosed)] = "closure",
        [nameof(SupportPlanReturned)] = "plan-approval",
        [nameof(PlanningMeetingHeld)] = "planning-meeting",
        [nameof(ServiceProgressRecorded)] = "carrying-out",
        [nameof(SeparationEndingSoon)] = "emergency-protection",
        [nameof(CaseTransferred)] = "transfer",
        [nameof(SpecialCircumstanceEstablished)] = "special-circumstances",
        [nameof(SpecialCircumstanceEnded)] = "special-circumstances",
        [nameof(CaseReopened)] = "reopening",
        [nameof(HandoffRequested)] = "coordination",
        [nameof(HandoffUnroutable)] = "coordination",
        [nameof(HandoffAccepted)] = "coordination",
        [nameof(HandoffDeclined)] = "coordination",
        [nameof(HandoffCompleted)] = "coordination",
        [nameof(HandoffCancelled)] = "coordination",
        [nameof(HandoffRerouted)] = "coordination",
        [nameof(ClockBreached)] = "escalation",
        [nameof(ClockPaused)] = "coordination",
        [nameof(ClockResumed)] = "coordination",
        [nameof(ClockStopped)] = "coordination",
        [nameof(Identity.ConsentGiven)] = "privacy",
        [nameof(Identity.ConsentWithdrawn)] = "privacy",
        [nameof(Identity.IdentityErased)] = "erasure",
        [nameof(ChildIdentityCorrected)] = "report",
        [nameof(CaseLinked)] = "linking",
        [nameof(CaseUnlinked)] = "linking",
        [nameof(DuplicateRejected)] = "linking",
        [nameof(CaseMerged)] = "linking",
        [nameof(CaseUnmerged)] = "linking",
    };

    public static Citation? Find(string? id) => Table.FirstOrDefault(c => c.Id == id);

    /// <summary>The citation of a case event type; null when the table has none (a test fails on that).</summary>
    public static Citation? ForEvent(Type eventType) => Events.TryGetValue(eventType.Name, out var id) ? Find(id) : null;

    /// <summary>
    /// Every case event type: the records of the case stream's namespaces (Cases, Cases.Identity) that name their case
    /// (<c>CaseId</c>). Found by reflection, so an event added anywhere in them is seen without a list to keep.
    /// </summary>
    public static IReadOnlyList<Type> CaseEventTypes { get; } = typeof(CaseReported).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                    && (t.Namespace == typeof(CaseReported).Namespace || t.Namespace == typeof(Identity.ConsentGiven).Namespace)
                    && t.GetProperty("CaseId")?.PropertyType == typeof(Guid)
                    && !typeof(ICaseCommand).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();
}
