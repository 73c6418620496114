using ChildProtection.Coordination.Cases;
namespace ChildProtection.Coordination.Handoffs;

/// <summary>Which case step fulfils which handed-off task: the step's event completes the hand-off.</summary>
public static class Fulfilment
{
    public static bool Fulfils(object step, Case current, Case.Handoff handoff)
    {
        if (handoff.Task == HandoffTask.Escalation)
            return handoff.EscalatesHandoffId is { } escalated && current.FindHandoff(escalated) is { } original && Fulfils(step, current, original);

        return (handoff.Task, step) switch
        {
            (HandoffTask.VerifyAndAssess, InitialRiskAssessed) => true,
            (HandoffTask.EmergencyDecision, EmergencyProtectionOrdered) => true,
            (HandoffTask.MedicalExamination, MedicalExamCompleted) => true,
            (HandoffTask.CrimeReport, CrimeReportRecorded) => true,
            (HandoffTask.ChildFriendlyInterview, InterviewConducted) => true,
            (HandoffTask.DraftPlan, SupportPlanDrafted) => true,
            (HandoffTask.ApprovePlan, SupportPlanApproved) => true,
            (HandoffTask.SchoolReintegration, SchoolReintegrationCompleted) => true,
            (HandoffTask.ReviewCase, CaseReviewed) => true,
            (HandoffTask.CloseCase, CaseClosed) => true,
            (HandoffTask.SeparationEnding, SeparationExtended or EmergencyProtectionEnded) => true,
            (HandoffTask.FollowUp, _) => FollowUpRules.MovesTheCase(step),
            // The providing agency's outcome note completes its service, whatever the kind of service.
            (HandoffTask.ProvideService or HandoffTask.SchoolReintegration, ServiceProgressRecorded { Kind: ProgressKind.Outcome } note) =>
                note.ServiceId == handoff.ServiceId,
            (HandoffTask.ForensicExamination, MedicalExamCompleted c) => current.Exams.Any(x => x.ExamId == c.ExamId && x.Kind == ExamKind.Forensic),
            (HandoffTask.CriminalProceedings, CriminalProceedingsDecided) => true,
            (HandoffTask.ProvideService, _) => ServiceKindOf(current, handoff) is { } kind && ServiceFulfils(kind, step),
            _ => false,
        };
    }

    /// <summary>The step events a task may be completed with by hand.</summary>
    public static bool IsStepEvent(object data) => data.GetType().Namespace == typeof(CaseReported).Namespace;

    private static ServiceKind? ServiceKindOf(Case current, Case.Handoff handoff) =>
        handoff.ServiceId is { } id ? current.ServiceOf(id)?.Kind : null;

    private static bool ServiceFulfils(ServiceKind kind, object step) => (kind, step) switch
    {
        (ServiceKind.MedicalCare or ServiceKind.ForensicExamination, MedicalExamCompleted) => true,
        (ServiceKind.ChildFriendlyInterview, InterviewConducted) => true,
        (ServiceKind.PsychosocialSupport or ServiceKind.Shelter or ServiceKind.Counselling, PsychosocialSupportProvided p) => p.Kind == kind,
        (ServiceKind.LegalAid, LegalAidProvided) => true,
        (ServiceKind.SchoolReintegration, SchoolReintegrationCompleted) => true,
        _ => false,
    };
}
