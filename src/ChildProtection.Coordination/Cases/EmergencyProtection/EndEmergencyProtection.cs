using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.EmergencyProtection;

/// <summary>Emergency protection or separation ends; the child returns home or moves to another arrangement.</summary>
public sealed record EndEmergencyProtection(string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class EndEmergencyProtectionEndpoint
{
    [WolverinePost("/api/cases/{caseId}/emergency-protection/{orderId}/end", OperationId = "EndEmergencyProtection")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, Guid orderId, EndEmergencyProtection command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.EndEmergencyProtection, (c, cmd, ctx) => Decide(c, orderId, cmd, ctx));

    public static Decision Decide(Case current, Guid orderId, EndEmergencyProtection command, StepContext context)
    {
        var order = current.Orders.Find(o => o.OrderId == orderId);
        if (order is null) return Decision.NotFound($"No emergency protection order {orderId} on this case.");
        if (order.Ended) return Decision.Conflict(ProblemKinds.OrderEnded, "This order has already ended.");
        var endedAt = context.At(command.OccurredAt);
        if (endedAt < order.OrderedAt) return Decision.Invalid("occurredAt", "An order cannot end before it was made.");
        return CaseDecisions.Required(command.Reason, "reason")
               ?? Decision.Accept(new EmergencyProtectionEnded(current.Id, orderId, endedAt, command.Reason));
    }
}
