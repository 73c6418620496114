namespace ChildProtection.Coordination.Auth;

using static Roles;

/// <summary>Every action a caller can take on a case.</summary>
public enum CaseAction
{
    Read, Report, RecordCrimeReport, Verify, AssessRisk, OrderEmergencyProtection, ExtendSeparation,
    EndEmergencyProtection, AssessNeeds, DraftPlan, ApprovePlan, RequestMedicalExam, RecordMedicalExam,
    ScheduleInterview, ConductInterview, ProvidePsychosocialSupport, ProvideLegalAid,
    PlanSchoolReintegration, CompleteSchoolReintegration, Review, Close, Reopen,
    RequestHandoff, RespondToHandoff, ManageClock,
    GiveConsent, WithdrawConsent, EraseIdentity
}

/// <summary>
/// Which roles may take which action, in one place. The agency-relation dimension
/// (reporting agency, agency handed work, jurisdiction) is added with agency scoping.
/// </summary>
public static class CasePermissions
{
    private static readonly string[] Receivers = [HotlineOperator, CommuneOfficer, CommuneChair, PoliceOfficer, HealthWorker];
    private static readonly string[] Agencies = [HotlineOperator, CommuneOfficer, CommuneChair, PoliceOfficer, HealthWorker, SocialWorker, EducationOfficer];

    public static readonly IReadOnlyDictionary<CaseAction, string[]> Matrix = new Dictionary<CaseAction, string[]>
    {
        [CaseAction.Read] = [HotlineOperator, CommuneOfficer, CommuneChair, PoliceOfficer, HealthWorker, SocialWorker, EducationOfficer, Auditor, Admin],
        [CaseAction.Report] = Receivers,
        [CaseAction.RecordCrimeReport] = [PoliceOfficer],
        [CaseAction.Verify] = [CommuneOfficer, CommuneChair, PoliceOfficer, HealthWorker],
        [CaseAction.AssessRisk] = [CommuneOfficer, CommuneChair],
        [CaseAction.OrderEmergencyProtection] = [CommuneChair],
        [CaseAction.ExtendSeparation] = [CommuneChair],
        [CaseAction.EndEmergencyProtection] = [CommuneChair],
        [CaseAction.AssessNeeds] = [CommuneOfficer, SocialWorker],
        [CaseAction.DraftPlan] = [CommuneOfficer],
        [CaseAction.ApprovePlan] = [CommuneChair],
        [CaseAction.RequestMedicalExam] = [CommuneOfficer, CommuneChair, PoliceOfficer, HealthWorker],
        [CaseAction.RecordMedicalExam] = [HealthWorker],
        [CaseAction.ScheduleInterview] = [PoliceOfficer],
        [CaseAction.ConductInterview] = [PoliceOfficer],
        [CaseAction.ProvidePsychosocialSupport] = [SocialWorker, HealthWorker],
        [CaseAction.ProvideLegalAid] = [CommuneOfficer, SocialWorker],
        [CaseAction.PlanSchoolReintegration] = [EducationOfficer, CommuneOfficer],
        [CaseAction.CompleteSchoolReintegration] = [EducationOfficer],
        [CaseAction.Review] = [CommuneOfficer, SocialWorker],
        [CaseAction.Close] = [CommuneChair],
        [CaseAction.Reopen] = [CommuneChair, CommuneOfficer],
        [CaseAction.RequestHandoff] = Agencies,
        // Only members of the agency the work was handed to answer it; the endpoints check the agency.
        [CaseAction.RespondToHandoff] = Agencies,
        [CaseAction.ManageClock] = [CommuneChair],
        [CaseAction.GiveConsent] = [CommuneOfficer, SocialWorker],
        [CaseAction.WithdrawConsent] = [CommuneOfficer, SocialWorker],
        [CaseAction.EraseIdentity] = [Admin],
    };

    public static bool Allows(CaseAction action, string role) => Matrix[action].Contains(role);
}
