using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Identity;
namespace ChildProtection.Coordination.Privacy;

/// <summary>Consent recorded by the commune officer or a social worker: who gave it, for what, to which kinds of recipient.</summary>
public sealed record GiveConsent(ConsentGiver GivenBy, ConsentPurpose Purpose, RecipientKind[] RecipientKinds,
    DateTimeOffset? ExpiresAt = null, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class GiveConsentEndpoint
{
    [WolverinePost("/api/cases/{caseId}/consents", OperationId = "GiveConsent")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, GiveConsent command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.GiveConsent, Decide);

    public static Decision Decide(Case current, GiveConsent command, StepContext context)
    {
        var givenAt = context.At(command.OccurredAt);
        if (command.RecipientKinds.Length == 0)
            return Decision.Invalid("recipientKinds", "Name at least one kind of recipient the consent is for.");
        if (command.RecipientKinds.Where(ConsentLedger.Statutory.Contains).ToArray() is [var statutory, ..])
            return Decision.Invalid("recipientKinds", $"{statutory} is a statutory agency and receives the case by law; consent is for the others.");
        if (command.ExpiresAt is { } expires && expires <= givenAt)
            return Decision.Invalid("expiresAt", "'expiresAt' is not after the consent was given.");
        if (command.ExpiresAt is { } far && CaseDecisions.WithinHorizon(far, context, "expiresAt") is { } tooFar) return tooFar;
        // The child's own consent counts from the age of 7 (Law on Children Art. 6); younger, the parent or guardian alone decides.
        if (command.GivenBy == ConsentGiver.Child && context.ChildAgeOn(current, VietnamTime.DateOf(givenAt)) is { } age && age < ConsentLedger.ChildConsentAge)
            return Decision.Invalid("givenBy", $"A child gives consent from the age of {ConsentLedger.ChildConsentAge}; this child is {age}, so a parent or guardian consents.");

        var consentId = Guid.CreateVersion7();
        return Decision.AcceptCreating(consentId, new ConsentGiven(current.Id, consentId, command.GivenBy, command.Purpose,
            command.RecipientKinds.Distinct().ToArray(), givenAt, command.ExpiresAt));
    }
}
