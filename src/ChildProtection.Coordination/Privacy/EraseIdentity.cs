using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Identity;
namespace ChildProtection.Coordination.Privacy;

/// <summary>Erasure of the case's identity (crypto-shredding), with the reason on record.</summary>
public sealed record EraseIdentity(string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class EraseIdentityEndpoint
{
    /// <summary>Admins only. The write path (<see cref="IdentityVault.SealAsync"/>) deletes the key in the same transaction as the event.</summary>
    [WolverinePost("/api/cases/{caseId}/erasure", OperationId = "EraseIdentity")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, EraseIdentity command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.EraseIdentity, Decide, allowedWhenClosed: true);

    public static Decision Decide(Case current, EraseIdentity command, StepContext context)
    {
        if (current.IdentityErased) return Decision.Conflict(ProblemKinds.IdentityErased, "The case's identity is already erased.");
        return CaseDecisions.Required(command.Reason, "reason")
               ?? Decision.Accept(new IdentityErased(current.Id, context.At(command.OccurredAt), context.Actor.UserId, command.Reason.Trim()));
    }
}
