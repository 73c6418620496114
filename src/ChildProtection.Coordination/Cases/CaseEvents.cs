using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Cases;

// Every legal step of a case is one of these events, in one Marten stream per case.
// Who recorded it (user, agency, role) and the request's correlation id travel as event
// metadata; the "...At" member of each event is when the step happened, which may be earlier
// than when it was recorded (a late entry).
// Once shipped an event only grows; a breaking change is a new ...V2 type with an upcaster.

/// <summary>Tiếp nhận thông tin: a report of abuse or risk received (ND56 Art. 25, Form 01).</summary>
/// <param name="SealedChildDateOfBirth">
/// As stored, the child's date of birth is sealed here (and <c>Child.DateOfBirth</c> is null, <c>Child.AgeYears</c> the
/// age at the report); see Privacy/IdentityFields.cs. Null in the clear form the decisions and the answers see.
/// </param>
/// <param name="PathwayVersion">The version of the pathway's rules the case is decided under for its whole life; null: version 1.</param>
/// <param name="CrimeSigns">The report shows signs of a crime by the rules in force at the report (<see cref="Cases.CrimeSigns"/>); null: by version 1's fixed list.</param>
/// <param name="PathwayDecided">
/// True: the pathway's rules on the report were applied in the report's own transaction, and the hand-offs they called for
/// follow it in the stream (Cases/Reporting/IReportPathway.cs); the pathway does not decide the report again. Null: the
/// pathway decides it later, on its own (the service with the pathway off, or a report recorded before this existed).
/// </param>
public sealed record CaseReported(
    Guid CaseId,
    DateTimeOffset ReceivedAt,
    ReportChannel Channel,
    Reporter Reporter,
    ChildDetails Child,
    IncidentDetails Incident,
    string? SealedChildDateOfBirth = null,
    CaseType? CaseType = null,
    Carer[]? Carers = null,
    int? PathwayVersion = null,
    bool? CrimeSigns = null,
    bool? PathwayDecided = null);

/// <summary>Tố giác tội phạm: commune police record the crime report and pass it on (ND56 Art. 25; police receipt).</summary>
public sealed record CrimeReportRecorded(
    Guid CaseId,
    DateTimeOffset RecordedAt,
    string ReceiptNumber,
    bool ForwardedToInvestigation);

/// <summary>Kiểm tra, xác minh: the report verified (ND56 Art. 26); <c>SuspectedCrime</c>: the verifying officer suspects a crime, so the police are called in.</summary>
public sealed record ReportVerified(
    Guid CaseId,
    DateTimeOffset VerifiedAt,
    bool Substantiated,
    string Findings,
    bool SuspectedCrime = false);

/// <summary>Đánh giá nguy cơ ban đầu: initial risk assessment on the three criteria (ND56 Art. 27, Form 02).</summary>
/// <param name="PlanCalledFor">The assessment calls for a support plan (its risk level or emergency measures, by the rules in force); null: recorded before this was decided, and a plan is called for.</param>
public sealed record InitialRiskAssessed(
    Guid CaseId,
    DateTimeOffset AssessedAt,
    RiskLevel SeverityOfHarm,
    RiskLevel AbuserAccess,
    RiskLevel CareObstacles,
    RiskLevel Overall,
    bool EmergencyMeasuresNeeded,
    string? Notes,
    bool? PlanCalledFor = null);

/// <summary>Bảo vệ khẩn cấp / cách ly tạm thời: emergency protection ordered by the commune Chair (ND56 Art. 28, Form 07).</summary>
public sealed record EmergencyProtectionOrdered(
    Guid CaseId,
    Guid OrderId,
    DateTimeOffset OrderedAt,
    string Measures,
    bool TemporarySeparation,
    string? Placement,
    DateTimeOffset? SeparationEndsAt);

/// <summary>A temporary separation extended beyond its first term by the commune Chair (ND56 Art. 28).</summary>
public sealed record SeparationExtended(
    Guid CaseId,
    Guid OrderId,
    DateTimeOffset ExtendedAt,
    DateTimeOffset NewEndsAt,
    string Reason);

/// <summary>Emergency protection / separation ended (ND56 Art. 28, Form 07).</summary>
public sealed record EmergencyProtectionEnded(
    Guid CaseId,
    Guid OrderId,
    DateTimeOffset EndedAt,
    string Reason);

/// <summary>Đánh giá chi tiết: detailed assessment of the child's needs (ND56 Art. 29, Form 03).</summary>
public sealed record DetailedAssessmentCompleted(
    Guid CaseId,
    DateTimeOffset AssessedAt,
    string[] Needs,
    string Summary);

/// <summary>Kế hoạch hỗ trợ, can thiệp: support and intervention plan drafted (ND56 Art. 30, Form 04).</summary>
public sealed record SupportPlanDrafted(
    Guid CaseId,
    Guid PlanId,
    DateTimeOffset DraftedAt,
    string Goals,
    PlannedService[] Services);

/// <summary>Phê duyệt kế hoạch: the plan approved by the commune Chair (ND56 Art. 30, Form 05).</summary>
public sealed record SupportPlanApproved(
    Guid CaseId,
    Guid PlanId,
    DateTimeOffset ApprovedAt,
    string? Decision);

/// <summary>Khám, chữa bệnh / giám định pháp y requested from health.</summary>
public sealed record MedicalExamRequested(
    Guid CaseId,
    Guid ExamId,
    DateTimeOffset RequestedAt,
    ExamKind Kind,
    string Reason);

/// <summary>The medical or forensic examination carried out; a guardian is present for a child under 13.</summary>
public sealed record MedicalExamCompleted(
    Guid CaseId,
    Guid ExamId,
    DateTimeOffset ExaminedAt,
    string Facility,
    bool GuardianPresent,
    bool PrivateRoom,
    string Findings);

/// <summary>Lấy lời khai thân thiện: a child-friendly interview scheduled by police (Law 59/2024).</summary>
public sealed record InterviewScheduled(
    Guid CaseId,
    Guid InterviewId,
    DateTimeOffset ScheduledFor,
    string Location,
    string Interviewer,
    bool GuardianNotified);

/// <summary>A child-friendly interview session held: at most 2 a day of at most 2 hours each (Law 59/2024).</summary>
public sealed record InterviewConducted(
    Guid CaseId,
    Guid InterviewId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    bool GuardianPresent,
    bool Recorded,
    string? Notes,
    ChildRepresentative? Representative = null);

/// <summary>Hỗ trợ tâm lý: psychological support, shelter or counselling given, as the plan says (ND56 Art. 31).</summary>
public sealed record PsychosocialSupportProvided(
    Guid CaseId,
    DateTimeOffset ProvidedAt,
    ServiceKind Kind,
    string Provider,
    string Summary);

/// <summary>Trợ giúp pháp lý: legal aid given.</summary>
public sealed record LegalAidProvided(
    Guid CaseId,
    DateTimeOffset ProvidedAt,
    string Provider,
    string Summary);

/// <summary>Hỗ trợ trở lại trường học: the child's return to school planned by education.</summary>
public sealed record SchoolReintegrationPlanned(
    Guid CaseId,
    DateTimeOffset PlannedAt,
    string School,
    DateOnly TargetDate,
    string Arrangements);

/// <summary>The child back at school, identity protected.</summary>
public sealed record SchoolReintegrationCompleted(
    Guid CaseId,
    DateTimeOffset CompletedAt,
    string School,
    string? Notes);

/// <summary>Đánh giá lại: review of the plan's results recommending continue, re-plan or close (ND56 Art. 32, Form 06).</summary>
public sealed record CaseReviewed(
    Guid CaseId,
    DateTimeOffset ReviewedAt,
    ReviewRecommendation Recommendation,
    string Summary,
    RiskRating? Risk = null);

/// <summary>Đóng hồ sơ: the case closed by the commune Chair once the child is safe and stable (ND56 Art. 32).</summary>
/// <param name="ReasonCode">Set when the case closed without a plan (<see cref="ClosureReasonCodes"/>); null after a review recommending closure.</param>
/// <param name="DuplicateOfCaseId">The case this report duplicates, for the code <c>duplicate</c>.</param>
/// <param name="ReferredTo">Where the report was referred, for the code <c>referred-elsewhere</c>.</param>
public sealed record CaseClosed(
    Guid CaseId,
    DateTimeOffset ClosedAt,
    string Reason,
    string? ReasonCode = null,
    Guid? DuplicateOfCaseId = null,
    string? ReferredTo = null);

/// <summary>Quyết định khởi tố hoặc không: the investigation agency's decision on a crime report (Criminal Procedure Code 2015 Art. 147).</summary>
public sealed record CriminalProceedingsDecided(
    Guid CaseId,
    DateTimeOffset DecidedAt,
    ProceedingsDecision Decision,
    string DecisionNumber);

/// <summary>A closed case reopened, for example on a new report about the same child.</summary>
public sealed record CaseReopened(
    Guid CaseId,
    DateTimeOffset ReopenedAt,
    string Reason);

/// <summary>The commune Chair returns a drafted plan (Form 04) to the planner with reasons, instead of approving it (ND56 Art. 30).</summary>
public sealed record SupportPlanReturned(
    Guid CaseId,
    Guid PlanId,
    DateTimeOffset ReturnedAt,
    string Reasons);

/// <summary>The planning meeting (ND56 Art. 30): who took part, by role and agency, and the child's and the family's views.</summary>
public sealed record PlanningMeetingHeld(
    Guid CaseId,
    Guid MeetingId,
    DateTimeOffset HeldAt,
    MeetingParticipant[] Participants,
    string ChildViews,
    string FamilyViews,
    Guid? PlanId = null,
    string? Notes = null);

/// <summary>A progress note on one service of the approved plan by the agency providing it: a visit, a session or the outcome (ND56 Art. 31).</summary>
public sealed record ServiceProgressRecorded(
    Guid CaseId,
    Guid ServiceId,
    Guid NoteId,
    DateTimeOffset At,
    ProgressKind Kind,
    string Agency,
    string Summary);

/// <summary>A temporary separation ends soon: the Chair is warned to end or extend it before its term runs out (ND56 Art. 28).</summary>
public sealed record SeparationEndingSoon(
    Guid CaseId,
    Guid OrderId,
    DateTimeOffset EndsAt,
    DateTimeOffset WarnedAt);

/// <summary>
/// The child's identity as the report took it, corrected (a name misspelt on the call, the date of birth found on the birth
/// certificate at verification, the school, the parents' names): only the parts named in <paramref name="Parts"/> change,
/// each to the value given here. Sealed like the report's (Cases/Identity/IdentityFields.cs): the name, the school, the carers'
/// names and contacts, the reason and the date of birth (moved to <paramref name="SealedDateOfBirth"/>, the age at the report
/// left in clear as on the report); the sex and the commune of residence stay in clear as on the report.
/// </summary>
/// <param name="Parts">The corrected parts, by their JSON names: <c>name</c>, <c>sex</c>, <c>dateOfBirth</c> (with the age at the
/// report it gives), <c>ageYears</c> (an age without a date of birth: the date is then unknown), <c>communeOfResidence</c>,
/// <c>school</c>, <c>carers</c> (the parents or carers, all of them, replacing those recorded).</param>
public sealed record ChildIdentityCorrected(
    Guid CaseId,
    DateTimeOffset CorrectedAt,
    string[] Parts,
    string Reason,
    string? Name = null,
    Sex? Sex = null,
    DateOnly? DateOfBirth = null,
    int? AgeYears = null,
    string? CommuneOfResidence = null,
    string? School = null,
    Carer[]? Carers = null,
    string? SealedDateOfBirth = null)
{
    public const string NamePart = "name", SexPart = "sex", DateOfBirthPart = "dateOfBirth", AgePart = "ageYears",
        CommunePart = "communeOfResidence", SchoolPart = "school", CarersPart = "carers";

    /// <summary>Every part a correction may name, in the order of Form 01.</summary>
    public static readonly IReadOnlyList<string> AllParts = [NamePart, SexPart, DateOfBirthPart, AgePart, CommunePart, SchoolPart, CarersPart];

    public bool Corrects(string part) => Parts.Contains(part);

    /// <summary>
    /// The child and the carers with the correction applied: clear values to clear values (matching), stored (sealed) values
    /// to stored values (the case summary). The date of birth as this event holds it: clear, or null once sealed.
    /// </summary>
    public (ChildDetails Child, Carer[]? Carers) ApplyTo(ChildDetails child, Carer[]? carers)
    {
        if (Corrects(NamePart) && Name is { } name) child = child with { Name = name };
        if (Corrects(SexPart) && Sex is { } sex) child = child with { Sex = sex };
        if (Corrects(DateOfBirthPart) || Corrects(AgePart)) child = child with { DateOfBirth = DateOfBirth, AgeYears = AgeYears };
        if (Corrects(CommunePart) && CommuneOfResidence is { } commune) child = child with { CommuneOfResidence = commune };
        if (Corrects(SchoolPart) && School is { } school) child = child with { School = school };
        if (Corrects(CarersPart)) carers = Carers is { Length: > 0 } given ? given : null;
        return (child, carers);
    }
}
