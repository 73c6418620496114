using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Plan;

/// <summary>The commune Chair returns the drafted plan to the planner with reasons; the planner revises and drafts it again.</summary>
public sealed record ReturnPlan(Guid PlanId, string Reasons, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class ReturnPlanEndpoint
{
    [WolverinePost("/api/cases/{caseId}/plan/return", OperationId = "ReturnPlan")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, ReturnPlan command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.ReturnPlan, Decide);

    public static Decision Decide(Case current, ReturnPlan command, StepContext context)
    {
        if (context.Actor.Role != Roles.CommuneChair)
            return Decision.Forbidden("Only the commune Chair, who approves a plan, returns it (ND56 Art. 30).");
        if (CaseDecisions.Required(command.Reasons, "reasons") is { } missing) return missing;
        if (current.PlanId is null) return Decision.Conflict(ProblemKinds.StepOutOfOrder, "There is no drafted plan to return.");
        if (current.PlanId != command.PlanId)
            return Decision.Conflict(ProblemKinds.PlanNotCurrent, $"Plan {command.PlanId} is not the case's current plan ({current.PlanId}).");
        if (current.PlanStatus == PlanStatus.Approved) return Decision.Conflict(ProblemKinds.PlanAlreadyApproved, "The plan is already approved.");
        if (current.PlanStatus == PlanStatus.Returned) return Decision.Conflict(ProblemKinds.PlanReturned, "The plan is already returned to the planner.");
        var at = context.At(command.OccurredAt);
        if (at < current.PlanDraftedAt) return Decision.Invalid("occurredAt", "A plan cannot be returned before it was drafted.");
        return Decision.Accept(new SupportPlanReturned(current.Id, command.PlanId, at, command.Reasons));
    }
}
