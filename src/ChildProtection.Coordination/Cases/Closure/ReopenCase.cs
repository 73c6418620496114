using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Closure;

/// <summary>A closed case reopened, for example when the child is at risk again.</summary>
public sealed record ReopenCase(string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class ReopenCaseEndpoint
{
    [WolverinePost("/api/cases/{caseId}/reopening", OperationId = "ReopenCase")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, ReopenCase command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.Reopen, Decide, allowedWhenClosed: true);

    public static Decision Decide(Case current, ReopenCase command, StepContext context)
    {
        if (!current.IsClosed) return Decision.Conflict(ProblemKinds.CaseNotClosed, "Only a closed case can be reopened.");
        if (context.At(command.OccurredAt) < current.ClosedAt)
            return Decision.Invalid("occurredAt", "A case cannot be reopened before it was closed.");
        return CaseDecisions.Required(command.Reason, "reason")
               ?? Decision.Accept(new CaseReopened(current.Id, context.At(command.OccurredAt), command.Reason));
    }
}
