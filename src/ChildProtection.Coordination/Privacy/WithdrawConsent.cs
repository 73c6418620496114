using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Identity;
namespace ChildProtection.Coordination.Privacy;

/// <summary>A consent withdrawn by the child or a parent or guardian; disclosure under it stops.</summary>
public sealed record WithdrawConsent(ConsentGiver WithdrawnBy, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class WithdrawConsentEndpoint
{
    // Withdrawal stays possible on a closed case: the consent outlives the case's handling.
    [WolverinePost("/api/cases/{caseId}/consents/{consentId}/withdrawal", OperationId = "WithdrawConsent")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, Guid consentId, WithdrawConsent command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.WithdrawConsent, (c, cmd, ctx) => Decide(c, consentId, cmd, ctx),
            allowedWhenClosed: true);

    public static Decision Decide(Case current, Guid consentId, WithdrawConsent command, StepContext context)
    {
        var consent = current.Consents.Find(c => c.ConsentId == consentId);
        if (consent is null) return Decision.NotFound($"No consent {consentId} on this case.");
        if (consent.WithdrawnAt is not null) return Decision.Conflict(ProblemKinds.ConsentWithdrawn, "This consent is already withdrawn.");
        var at = context.At(command.OccurredAt);
        if (at < consent.GivenAt) return Decision.Invalid("occurredAt", "A consent cannot be withdrawn before it was given.");
        return Decision.Accept(new ConsentWithdrawn(current.Id, consentId, command.WithdrawnBy, at));
    }
}
