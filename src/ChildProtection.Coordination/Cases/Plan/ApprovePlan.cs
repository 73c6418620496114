using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Plan;

/// <summary>Form 05: the commune Chair approves the drafted plan.</summary>
public sealed record ApprovePlan(Guid PlanId, string? Decision = null, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class ApprovePlanEndpoint
{
    [WolverinePost("/api/cases/{caseId}/plan/approval", OperationId = "ApprovePlan")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, ApprovePlan command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.ApprovePlan, Decide);

    public static Decision Decide(Case current, ApprovePlan command, StepContext context)
    {
        if (context.Actor.Role != Roles.CommuneChair)
            return Common.Decision.Forbidden("Only the commune Chair approves a support plan (ND56 Art. 30).");
        if (current.PlanId is null) return Common.Decision.Conflict(Common.ProblemKinds.StepOutOfOrder, "There is no drafted plan to approve.");
        if (current.PlanId != command.PlanId)
            return Common.Decision.Conflict(Common.ProblemKinds.PlanNotCurrent, $"Plan {command.PlanId} is not the case's current plan ({current.PlanId}).");
        if (current.PlanStatus == PlanStatus.Returned)
            return Common.Decision.Conflict(Common.ProblemKinds.PlanReturned, "The plan was returned to the planner; approve the revised draft.");
        if (current.PlanStatus != PlanStatus.Drafted) return Common.Decision.Conflict(Common.ProblemKinds.PlanAlreadyApproved, "The plan is already approved.");
        var approvedAt = context.At(command.OccurredAt);
        if (approvedAt < current.PlanDraftedAt)
            return Common.Decision.Invalid("occurredAt", "A plan cannot be approved before it was drafted.");
        return Common.Decision.Accept(new SupportPlanApproved(current.Id, command.PlanId, approvedAt, command.Decision));
    }
}
