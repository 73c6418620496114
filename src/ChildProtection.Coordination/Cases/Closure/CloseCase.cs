using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Closure;

/// <summary>The commune Chair closes the case once a review finds the child safe and stable (ND56 Art. 32).</summary>
public sealed record CloseCase(string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class CloseCaseEndpoint
{
    [WolverinePost("/api/cases/{caseId}/closure", OperationId = "CloseCase")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, CloseCase command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.Close, Decide);

    public static Decision Decide(Case current, CloseCase command, StepContext context)
    {
        if (current.LastReview != ReviewRecommendation.Close)
            return Decision.Conflict(ProblemKinds.ClosureNotRecommended, "A case is closed only after a review that recommends closing it.");
        if (current.Orders.Any(o => !o.Ended))
            return Decision.Conflict(ProblemKinds.ProtectionInForce, "End the emergency protection still in force before closing the case.");
        return CaseDecisions.Required(command.Reason, "reason")
               ?? Decision.Accept(new CaseClosed(current.Id, context.At(command.OccurredAt), command.Reason));
    }
}
