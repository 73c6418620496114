using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.EmergencyProtection;

/// <summary>The commune Chair extends a temporary separation beyond its first term, with a reason.</summary>
public sealed record ExtendSeparation(DateTimeOffset NewEndsAt, string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class ExtendSeparationEndpoint
{
    [WolverinePost("/api/cases/{caseId}/emergency-protection/{orderId}/extend", OperationId = "ExtendSeparation")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, Guid orderId, ExtendSeparation command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.ExtendSeparation, (c, cmd, ctx) => Decide(c, orderId, cmd, ctx));

    public static Decision Decide(Case current, Guid orderId, ExtendSeparation command, StepContext context)
    {
        var order = current.Orders.Find(o => o.OrderId == orderId);
        if (order is null) return Decision.NotFound($"No emergency protection order {orderId} on this case.");
        if (!order.Separation) return Decision.Conflict(ProblemKinds.NotASeparation, "This order is not a temporary separation.");
        if (order.Ended) return Decision.Conflict(ProblemKinds.OrderEnded, "This order has already ended.");
        if (CaseDecisions.WithinHorizon(command.NewEndsAt, context, "newEndsAt") is { } far) return far;
        if (context.At(command.OccurredAt) < order.OrderedAt)
            return Decision.Invalid("occurredAt", "A separation cannot be extended before it was ordered.");
        if (command.NewEndsAt <= order.EndsAt)
            return Decision.Invalid("newEndsAt", "'newEndsAt' must be later than the current end of the separation.");
        return CaseDecisions.Required(command.Reason, "reason")
               ?? Decision.Accept(new SeparationExtended(current.Id, orderId, context.At(command.OccurredAt), command.NewEndsAt, command.Reason));
    }
}
