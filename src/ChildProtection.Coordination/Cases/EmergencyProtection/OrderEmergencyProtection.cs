using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.EmergencyProtection;

/// <summary>Form 07: the commune Chair orders emergency protection, possibly a temporary separation until a given time.</summary>
public sealed record OrderEmergencyProtection(
    string Measures,
    bool TemporarySeparation,
    string? Placement = null,
    DateTimeOffset? SeparationEndsAt = null,
    DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class OrderEmergencyProtectionEndpoint
{
    [WolverinePost("/api/cases/{caseId}/emergency-protection", OperationId = "OrderEmergencyProtection")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, OrderEmergencyProtection command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.OrderEmergencyProtection, Decide);

    public static Decision Decide(Case current, OrderEmergencyProtection command, StepContext context)
    {
        if (CaseDecisions.Required(command.Measures, "measures") is { } problem) return problem;
        var orderedAt = context.At(command.OccurredAt);
        if (command.TemporarySeparation)
        {
            if (CaseDecisions.Required(command.Placement, "placement") is { } missing) return missing;
            if (command.SeparationEndsAt is not { } endsAt)
                return Decision.Invalid("separationEndsAt", "A temporary separation needs its end ('separationEndsAt').");
            if (CaseDecisions.WithinHorizon(endsAt, context, "separationEndsAt") is { } far) return far;
            if (endsAt <= orderedAt)
                return Decision.Invalid("separationEndsAt", "'separationEndsAt' must be after the order.");
            if (endsAt - orderedAt > TimeSpan.FromDays(context.Rules.MaxSeparationDays))
                return Decision.Invalid("separationEndsAt",
                    $"A temporary separation lasts at most {context.Rules.MaxSeparationDays} days (ND56 Art. 28); extend it by a further decision.");
        }
        else if (command.SeparationEndsAt is not null)
            return Decision.Invalid("separationEndsAt", "'separationEndsAt' applies only to a temporary separation.");

        var orderId = Guid.CreateVersion7();
        return Decision.AcceptCreating(orderId, new EmergencyProtectionOrdered(current.Id, orderId, orderedAt, command.Measures,
            command.TemporarySeparation, command.Placement, command.TemporarySeparation ? command.SeparationEndsAt : null));
    }
}
