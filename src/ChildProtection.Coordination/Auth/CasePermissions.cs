using ChildProtection.Coordination.Cases.Access;

namespace ChildProtection.Coordination.Auth;

using static Roles;
using static CaseAction;

/// <summary>Every action a caller can take on a case.</summary>
public enum CaseAction
{
    Read, Report, RecordCrimeReport, Verify, AssessRisk, OrderEmergencyProtection, ExtendSeparation,
    EndEmergencyProtection, AssessNeeds, DraftPlan, ApprovePlan, RequestMedicalExam, RecordMedicalExam,
    ScheduleInterview, ConductInterview, ProvidePsychosocialSupport, ProvideLegalAid,
    PlanSchoolReintegration, CompleteSchoolReintegration, Review, Close, Reopen,
    RequestHandoff, RespondToHandoff, ManageClock,
    GiveConsent, WithdrawConsent, EraseIdentity,
    ReadHistory, CheckIntegrity, Export, ReadAccessLog,
    CloseWithoutPlan, ReturnPlan, RecordPlanningMeeting, RecordServiceProgress,
    Transfer, EstablishSpecialCircumstance, EndSpecialCircumstance,
    DecideCriminalProceedings,
    FindDuplicates, LinkCases, RejectDuplicate, MergeCases,
    CorrectIdentity,
}

/// <summary>
/// How the caller's agency stands to a case; a caller may hold several at once. <see cref="Any"/> is the
/// relation of the system-wide roles (auditor, admin) to every case, and of a reporter to the case it opens.
/// </summary>
[Flags]
public enum CaseRelation
{
    None = 0,
    /// <summary>R: the caller's agency recorded the report.</summary>
    Reporting = 1,
    /// <summary>H: work on the case was handed to the caller's agency.</summary>
    Handed = 2,
    /// <summary>J: a commune agency of the incident commune, or a province-level agency of its province.</summary>
    Jurisdiction = 4,
    /// <summary>S: the caller's agency supervises a reporting, handed or jurisdiction agency (<see cref="Agencies.SupervisionRules"/>).</summary>
    Supervising = 8,
    /// <summary>A: whatever the relation.</summary>
    Any = 16,
    /// <summary>
    /// F: former owner — a commune-level agency of a commune that owned the case until it was transferred away (and does
    /// not own it again). It reads the case as it stood at that transfer, nothing recorded later.
    /// </summary>
    Former = 32,
}

/// <summary>
/// Who may take which action on a case, by role and by the caller's agency's relation to the case: the one
/// permission matrix, as data. A cell lists the relations under which the role may take the action; a missing
/// cell means never. docs/permissions-and-privacy.md prints this table and a test keeps the two equal.
/// </summary>
public static class CasePermissions
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<CaseAction, string>> Matrix =
        new Dictionary<string, IReadOnlyDictionary<CaseAction, string>>
        {
            [HotlineOperator] = new Dictionary<CaseAction, string>
            {
                [Read] = "RH", [Report] = "A", [RequestHandoff] = "RH", [FindDuplicates] = "RH",
                // The agency that took the report corrects what it took down (a name misheard on the call); ND56 Art. 25.
                [CorrectIdentity] = "R",
            },
            [CommuneOfficer] = new Dictionary<CaseAction, string>
            {
                [Read] = "RHJSF", [Report] = "A", [Verify] = "J", [AssessRisk] = "J", [AssessNeeds] = "J", [DraftPlan] = "J",
                [RequestMedicalExam] = "J", [ProvideLegalAid] = "HJ", [PlanSchoolReintegration] = "J", [Review] = "J", [Reopen] = "J",
                [RequestHandoff] = "RHJ", [RespondToHandoff] = "H", [ReadHistory] = "J", [CheckIntegrity] = "J", [ReadAccessLog] = "J",
                [GiveConsent] = "J", [WithdrawConsent] = "J",
                [CloseWithoutPlan] = "J", [RecordPlanningMeeting] = "J", [RecordServiceProgress] = "HJ",
                [Transfer] = "J", [EstablishSpecialCircumstance] = "J", [EndSpecialCircumstance] = "J",
                [FindDuplicates] = "J", [LinkCases] = "J", [RejectDuplicate] = "J", [MergeCases] = "J",
                // The owning commune's officer verifies the report (ND56 Art. 26) and learns the child's true identity there.
                [CorrectIdentity] = "RJ",
            },
            [CommuneChair] = new Dictionary<CaseAction, string>
            {
                [Read] = "RHJSF", [Report] = "A", [Verify] = "J", [AssessRisk] = "J", [OrderEmergencyProtection] = "J",
                [ExtendSeparation] = "J", [EndEmergencyProtection] = "J", [ApprovePlan] = "J", [RequestMedicalExam] = "J",
                [Close] = "J", [Reopen] = "J", [RequestHandoff] = "RHJ", [RespondToHandoff] = "H", [ManageClock] = "J",
                [ReadHistory] = "J", [CheckIntegrity] = "J", [ReadAccessLog] = "J",
                [CloseWithoutPlan] = "J", [ReturnPlan] = "J", [RecordPlanningMeeting] = "J",
                [Transfer] = "J", [EstablishSpecialCircumstance] = "J", [EndSpecialCircumstance] = "J",
                [FindDuplicates] = "J", [LinkCases] = "J", [RejectDuplicate] = "J", [MergeCases] = "J",
                [CorrectIdentity] = "R",
            },
            [PoliceOfficer] = new Dictionary<CaseAction, string>
            {
                [Read] = "RHJS", [Report] = "A", [RecordCrimeReport] = "RHJ", [Verify] = "RHJ", [RequestMedicalExam] = "RHJ",
                [ScheduleInterview] = "RHJ", [ConductInterview] = "RHJ", [RequestHandoff] = "RHJ", [RespondToHandoff] = "H",
                [RecordServiceProgress] = "H",
                [DecideCriminalProceedings] = "HJ",
                [FindDuplicates] = "RHJ", [LinkCases] = "RHJ",
                [CorrectIdentity] = "R",
            },
            [HealthWorker] = new Dictionary<CaseAction, string>
            {
                [Read] = "RHJS", [Report] = "A", [Verify] = "RHJ", [RequestMedicalExam] = "RHJ", [RecordMedicalExam] = "HJ",
                [ProvidePsychosocialSupport] = "HJ", [RequestHandoff] = "RHJ", [RespondToHandoff] = "H",
                [RecordServiceProgress] = "H",
                // The provincial Department of Health holds the child-protection duty (since 2025) and J on every case of its
                // province: it confirms or rejects the possible duplicates that lie in two communes.
                [FindDuplicates] = "J", [LinkCases] = "J", [RejectDuplicate] = "J", [MergeCases] = "J",
                [CorrectIdentity] = "R",
            },
            [SocialWorker] = new Dictionary<CaseAction, string>
            {
                [Read] = "RHJS", [Report] = "A", [AssessNeeds] = "HJ", [ProvidePsychosocialSupport] = "HJ", [ProvideLegalAid] = "HJ", [Review] = "HJ",
                [RequestHandoff] = "HJ", [RespondToHandoff] = "H", [GiveConsent] = "HJ", [WithdrawConsent] = "HJ",
                [RecordServiceProgress] = "H",
                [EstablishSpecialCircumstance] = "HJ", [EndSpecialCircumstance] = "HJ",
                [FindDuplicates] = "HJ",
                [CorrectIdentity] = "R",
            },
            [EducationOfficer] = new Dictionary<CaseAction, string>
            {
                [Read] = "RHJ", [Report] = "A", [PlanSchoolReintegration] = "HJ", [CompleteSchoolReintegration] = "HJ", [RequestHandoff] = "HJ",
                [RespondToHandoff] = "H", [RecordServiceProgress] = "H",
                [CorrectIdentity] = "R",
            },
            // Not a statutory agency: it reads only a case it was handed work on, and what it sees of the child's
            // identity will depend on consent (see Disclosure.NeedsConsent).
            [MassOrganisation] = new Dictionary<CaseAction, string>
            {
                [Read] = "H", [RespondToHandoff] = "H", [RecordServiceProgress] = "H",
            },
            // Reads everything and changes nothing (issue 5); its reads are logged like anyone else's.
            [Auditor] = new Dictionary<CaseAction, string>
            {
                [Read] = "A", [ReadHistory] = "A", [CheckIntegrity] = "A", [Export] = "A", [ReadAccessLog] = "A",
            },
            [Admin] = new Dictionary<CaseAction, string>
            {
                [Read] = "A", [ReadHistory] = "A", [CheckIntegrity] = "A", [Export] = "A", [ReadAccessLog] = "A",
                [EraseIdentity] = "A",
            },
            // Integrators follow the event feed; they read no case.
            [Integrator] = new Dictionary<CaseAction, string>(),
            // The ministry reads the nation's indicators (Auth/IndicatorPermissions.cs), never a case.
            [MinistryOfficer] = new Dictionary<CaseAction, string>(),
        };

    /// <summary>The relation letters of the docs table, in column order.</summary>
    public static readonly IReadOnlyList<(char Letter, CaseRelation Relation)> Letters =
    [
        ('R', CaseRelation.Reporting), ('H', CaseRelation.Handed), ('J', CaseRelation.Jurisdiction),
        ('S', CaseRelation.Supervising), ('F', CaseRelation.Former), ('A', CaseRelation.Any),
    ];

    /// <summary>The roles that stand in the same relation (<see cref="CaseRelation.Any"/>) to every case.</summary>
    public static bool IsSystemWide(string role) => role is Auditor or Admin;

    /// <summary>The relations under which <paramref name="role"/> may take <paramref name="action"/>; None for never.</summary>
    public static CaseRelation Cell(string role, CaseAction action) =>
        Matrix.TryGetValue(role, out var row) && row.TryGetValue(action, out var letters) ? Parse(letters) : CaseRelation.None;

    /// <summary>The roles that may take the action under some relation.</summary>
    public static IReadOnlyList<string> RolesFor(CaseAction action) => Matrix.Keys.Where(role => AllowsSomewhere(action, role)).ToList();

    /// <summary>The role may take the action under some relation: if not, it is refused before any case is looked at.</summary>
    public static bool AllowsSomewhere(CaseAction action, string role) => Cell(role, action) != CaseRelation.None;

    /// <summary>The role may take the action on a case to which its agency stands in <paramref name="relations"/>.</summary>
    public static bool Allows(CaseAction action, string role, CaseRelation relations)
    {
        var cell = Cell(role, action);
        return cell.HasFlag(CaseRelation.Any) ? relations != CaseRelation.None : (cell & relations) != CaseRelation.None;
    }

    public static CaseRelation Parse(string letters) =>
        letters.Aggregate(CaseRelation.None, (all, c) => all | Letters.Single(l => l.Letter == c).Relation);

    public static string LettersOf(CaseRelation relations) =>
        string.Concat(Letters.Where(l => relations.HasFlag(l.Relation)).Select(l => l.Letter));

    /// <summary>Readable names of the relations, for a refusal's reason.</summary>
    public static string Describe(CaseRelation relations) => relations == CaseRelation.None
        ? "none"
        : string.Join(", ", Enum.GetValues<CaseRelation>().Where(r => r != CaseRelation.None && relations.HasFlag(r)).Select(r => r.ToString().ToLowerInvariant()));
}
