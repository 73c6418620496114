using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Closure;

/// <summary>
/// Most reports end here: the commune closes a report without a plan, with a reason code (<see cref="ClosureReasonCodes"/>)
/// and the reason in words. <paramref name="DuplicateOfCaseId"/> is required for <c>duplicate</c>, <paramref name="ReferredTo"/>
/// for <c>referred-elsewhere</c>.
/// </summary>
public sealed record CloseWithoutPlan(
    string ReasonCode,
    string Reason,
    Guid? DuplicateOfCaseId = null,
    string? ReferredTo = null,
    DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class CloseWithoutPlanEndpoint
{
    [WolverinePost("/api/cases/{caseId}/closure/without-plan", OperationId = "CloseWithoutPlan")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, CloseWithoutPlan command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.CloseWithoutPlan, Decide);

    public static Decision Decide(Case current, CloseWithoutPlan command, StepContext context)
    {
        if (!ClosureReasonCodes.All.Contains(command.ReasonCode))
            return Decision.Invalid("reasonCode", $"'reasonCode' is one of {string.Join(", ", ClosureReasonCodes.All)}.");
        if (CaseDecisions.Required(command.Reason, "reason") is { } missing) return missing;
        if (command.ReasonCode == ClosureReasonCodes.Duplicate)
        {
            if (command.DuplicateOfCaseId is not { } other) return Decision.Invalid("duplicateOfCaseId", "A duplicate names the case it duplicates.");
            if (other == current.Id) return Decision.Invalid("duplicateOfCaseId", "A case does not duplicate itself.");
        }
        if (command.ReasonCode == ClosureReasonCodes.ReferredElsewhere && CaseDecisions.Required(command.ReferredTo, "referredTo") is { } where)
            return where;

        if (current.PlanApprovedSinceOpened)
            return Decision.Conflict(ProblemKinds.NotClosableWithoutPlan, "A plan is approved on this case: it closes after a review recommending closure.");
        if (Grounds(current, command.ReasonCode) is { } lacking)
            return Decision.Conflict(ProblemKinds.NotClosableWithoutPlan, lacking);
        if (current.Orders.Any(o => !o.Ended))
            return Decision.Conflict(ProblemKinds.ProtectionInForce, "End the emergency protection still in force before closing the case.");

        return Decision.Accept(new CaseClosed(current.Id, context.At(command.OccurredAt), command.Reason, command.ReasonCode,
            command.ReasonCode == ClosureReasonCodes.Duplicate ? command.DuplicateOfCaseId : null,
            command.ReasonCode == ClosureReasonCodes.ReferredElsewhere ? command.ReferredTo : null));
    }

    /// <summary>What the case must show for the code, as the commune found it since the case was last opened; null when it does.</summary>
    private static string? Grounds(Case current, string code) => code switch
    {
        ClosureReasonCodes.Unfounded when current.Substantiated is not false =>
            "'unfounded' closes a report that a verification found unsubstantiated; the latest verification found it substantiated or none is recorded.",
        ClosureReasonCodes.Unfounded when current.Risk > RiskLevel.Low || current.EmergencyMeasuresNeeded =>
            "The risk is rated above Low or emergency measures are needed: the report is not unfounded.",
        ClosureReasonCodes.NoProtectionNeed when current.Risk is not RiskLevel.Low || current.EmergencyMeasuresNeeded =>
            "'no-protection-need' closes a case whose risk is rated Low with no emergency measures; it is not, or no rating is recorded.",
        ClosureReasonCodes.ReferredElsewhere or ClosureReasonCodes.Duplicate when current.Substantiated is null =>
            $"'{code}' is a finding of verification; no verification is recorded since the case was opened.",
        _ => null,
    };
}
