using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.FollowUp;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Privacy;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases.Transfer;
using ChildProtection.Coordination.Cases.SpecialCircumstances;
using CaseModel = ChildProtection.Coordination.Cases.Case;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>
/// Every step on an existing case, decided as the endpoints decide it: through <see cref="CaseDecisions.Decide{TCommand}"/>
/// with the step's own <c>Decide</c>, and the command dated <c>at</c> (null: now).
/// </summary>
internal static class EveryStep
{
    public delegate Decision Step(CaseModel current, StepContext context, DateTimeOffset? at);

    public static readonly IReadOnlyDictionary<string, Step> ButReopening = new Dictionary<string, Step>
    {
        ["RecordCrimeReport"] = (c, x, at) => CaseDecisions.Decide(c, new RecordCrimeReport("CA-1", true, at), x, RecordCrimeReportEndpoint.Decide),
        ["DecideCriminalProceedings"] = (c, x, at) => CaseDecisions.Decide(c, new DecideCriminalProceedings(ProceedingsDecision.Instituted, "QD-1", at), x,
            DecideCriminalProceedingsEndpoint.Decide),
        ["VerifyReport"] = (c, x, at) => CaseDecisions.Decide(c, new VerifyReport(true, "findings", at), x, VerifyReportEndpoint.Decide),
        ["AssessInitialRisk"] = (c, x, at) => CaseDecisions.Decide(c,
            new AssessInitialRisk(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false, null, at), x, AssessInitialRiskEndpoint.Decide),
        ["OrderEmergencyProtection"] = (c, x, at) => CaseDecisions.Decide(c,
            new OrderEmergencyProtection("supervision", false, OccurredAt: at), x, OrderEmergencyProtectionEndpoint.Decide),
        ["ExtendSeparation"] = (c, x, at) => CaseDecisions.Decide(c, new ExtendSeparation(Given.Now.AddDays(20), "still unsafe", at), x,
            (cc, cmd, cx) => ExtendSeparationEndpoint.Decide(cc, History.OrderId, cmd, cx)),
        ["EndEmergencyProtection"] = (c, x, at) => CaseDecisions.Decide(c, new EndEmergencyProtection("home is safe", at), x,
            (cc, cmd, cx) => EndEmergencyProtectionEndpoint.Decide(cc, History.OrderId, cmd, cx)),
        ["AssessNeeds"] = (c, x, at) => CaseDecisions.Decide(c, new AssessNeeds(["safety"], "summary", at), x, AssessNeedsEndpoint.Decide),
        ["DraftPlan"] = (c, x, at) => CaseDecisions.Decide(c,
            new DraftPlan("goals", [new PlanService(ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "counselling", new DateOnly(2026, 12, 31))], at),
            x, DraftPlanEndpoint.Decide),
        ["ApprovePlan"] = (c, x, at) => CaseDecisions.Decide(c, new ApprovePlan(History.PlanId, null, at), x, ApprovePlanEndpoint.Decide),
        ["RequestMedicalExam"] = (c, x, at) => CaseDecisions.Decide(c, new RequestMedicalExam(ExamKind.Medical, "injuries", at), x, RequestMedicalExamEndpoint.Decide),
        ["RecordMedicalExam"] = (c, x, at) => CaseDecisions.Decide(c, new RecordMedicalExam("hospital", true, true, "findings", at), x,
            (cc, cmd, cx) => RecordMedicalExamEndpoint.Decide(cc, History.ExamId, cmd, cx)),
        ["ScheduleInterview"] = (c, x, at) => CaseDecisions.Decide(c, new ScheduleInterview(Given.Now.AddDays(1), "room", "Lt. Hoa", true, at), x,
            ScheduleInterviewEndpoint.Decide),
        ["ConductInterview"] = (c, x, at) => CaseDecisions.Decide(c, new ConductInterview(Given.Now.AddHours(-3), TimeSpan.FromHours(1), true, true, null, at), x,
            (cc, cmd, cx) => ConductInterviewEndpoint.Decide(cc, History.InterviewId, cmd, cx)),
        ["ProvidePsychosocialSupport"] = (c, x, at) => CaseDecisions.Decide(c, new ProvidePsychosocialSupport(ServiceKind.Counselling, "social work centre", "sessions", at), x,
            ProvidePsychosocialSupportEndpoint.Decide),
        ["ProvideLegalAid"] = (c, x, at) => CaseDecisions.Decide(c, new ProvideLegalAid("legal aid centre", "advice", at), x, ProvideLegalAidEndpoint.Decide),
        ["PlanSchoolReintegration"] = (c, x, at) => CaseDecisions.Decide(c, new PlanSchoolReintegration("school", new DateOnly(2026, 12, 7), "new class", at), x,
            PlanSchoolReintegrationEndpoint.Decide),
        ["CompleteSchoolReintegration"] = (c, x, at) => CaseDecisions.Decide(c, new CompleteSchoolReintegration("school", null, at), x,
            CompleteSchoolReintegrationEndpoint.Decide),
        ["ReviewCase"] = (c, x, at) => CaseDecisions.Decide(c, new ReviewCase(ReviewRecommendation.Continue, "summary", at, Bodies.LowRisk), x, ReviewCaseEndpoint.Decide),
        ["CloseCase"] = (c, x, at) => CaseDecisions.Decide(c, new CloseCase("safe", at), x, CloseCaseEndpoint.Decide),
        ["CloseWithoutPlan"] = (c, x, at) => CaseDecisions.Decide(c, new CloseWithoutPlan(ClosureReasonCodes.Unfounded, "nothing found", OccurredAt: at), x,
            CloseWithoutPlanEndpoint.Decide),
        ["ReturnPlan"] = (c, x, at) => CaseDecisions.Decide(c, new ReturnPlan(History.PlanId, "services too vague", at), x, ReturnPlanEndpoint.Decide),
        ["RecordPlanningMeeting"] = (c, x, at) => CaseDecisions.Decide(c, new RecordPlanningMeeting(Given.Now.AddHours(-1),
            [new MeetingParticipant(Roles.CommuneOfficer, "agency-1")], "wants to stay at school", "agree", OccurredAt: at), x, RecordPlanningMeetingEndpoint.Decide),
        ["RecordServiceProgress"] = (c, x, at) => CaseDecisions.Decide(c, new RecordServiceProgress(ProgressKind.Visit, "home visit", at), x,
            (cc, cmd, cx) => RecordServiceProgressEndpoint.Decide(cc, cc.PlanServices.FirstOrDefault()?.ServiceId ?? Guid.Empty, cmd, cx)),
        ["GiveConsent"] = (c, x, at) => CaseDecisions.Decide(c,
            new GiveConsent(ConsentGiver.Parent, ConsentPurpose.CaseCoordination, [RecipientKind.Integrator], null, at), x, GiveConsentEndpoint.Decide),
        ["TransferCase"] = (c, x, at) => CaseDecisions.Decide(c, new TransferCase("le-chan-ward", "moved", at), x,
            (cc, cmd, cx) => TransferCaseEndpoint.Decide(cc, cmd, new Commune { Code = "le-chan-ward", ProvinceCode = "31" }, null, cx)),
        ["EstablishSpecialCircumstance"] = (c, x, at) => CaseDecisions.Decide(c,
            new EstablishSpecialCircumstance(SpecialCircumstanceGroup.Disabled, new DateOnly(2026, 1, 1), null, at), x, SpecialCircumstanceEndpoints.DecideEstablish),
        ["EndSpecialCircumstance"] = (c, x, at) => CaseDecisions.Decide(c,
            new EndSpecialCircumstance(SpecialCircumstanceGroup.Disabled, new DateOnly(2026, 1, 1), "reassessed", at), x, SpecialCircumstanceEndpoints.DecideEnd),
        // Merging moves open work, so a closed case is not merged (undoing a merge is allowed on it, as unlinking is).
        ["MergeCases"] = (c, x, at) => CaseDecisions.Decide(c, new ChildProtection.Coordination.Cases.Matching.MergeCases(Guid.NewGuid(), "same child", at), x,
            (cc, cmd, cx) => ChildProtection.Coordination.Cases.Matching.MergeCasesEndpoint.Decide(cc, null, null, cmd, cx)),
        ["CorrectChildIdentity"] = (c, x, at) => CaseDecisions.Decide(c, new CorrectChildIdentity("misspelt", Name: "Nguyễn Thị Mai", OccurredAt: at), x,
            (cc, cmd, cx) => CorrectChildIdentityEndpoint.Decide(cc, cmd, null, cx)),
    };

    /// <summary>Reopening, the one step the endpoint lets through on a closed case.</summary>
    public static Decision Reopen(CaseModel current, StepContext context, DateTimeOffset? at = null) =>
        CaseDecisions.Decide(current, new ReopenCase("at risk again", at), context, ReopenCaseEndpoint.Decide, allowedWhenClosed: true);

    public static readonly IReadOnlyDictionary<string, Step> All =
        new Dictionary<string, Step>(ButReopening) { ["ReopenCase"] = (c, x, at) => Reopen(c, x, at) };

    public static TheoryData<string> NamesButReopening => new(ButReopening.Keys);
    public static TheoryData<string> Names => new(All.Keys);
}
