using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using JasperFx.Events;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Handoffs;

public sealed record AcceptHandoff(DateTimeOffset? OccurredAt = null) : ICaseCommand;

public sealed record DeclineHandoff(string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

/// <summary>The agency that handed the work on withdraws it, with a reason.</summary>
public sealed record CancelHandoff(string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

/// <summary>Completes a hand-off by hand, naming the case step event that fulfilled it.</summary>
public sealed record CompleteHandoff(Guid FulfilledByEventId, DateTimeOffset? OccurredAt = null) : ICaseCommand;

/// <summary>The receiving agency accepts, declines or completes the work handed to it.</summary>
public static class RespondToHandoffEndpoints
{
    [WolverinePost("/api/cases/{caseId}/handoffs/{handoffId}/accept", OperationId = "AcceptHandoff")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Accept(Guid caseId, Guid handoffId, AcceptHandoff command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.RespondToHandoff, (c, cmd, ctx) => DecideAccept(c, handoffId, cmd, ctx));

    [WolverinePost("/api/cases/{caseId}/handoffs/{handoffId}/decline", OperationId = "DeclineHandoff")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Decline(Guid caseId, Guid handoffId, DeclineHandoff command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.RespondToHandoff, (c, cmd, ctx) => DecideDecline(c, handoffId, cmd, ctx));

    [WolverinePost("/api/cases/{caseId}/handoffs/{handoffId}/complete", OperationId = "CompleteHandoff")]
    [NonTransactional]
    [StepResponses]
    public static async Task<IResult> Complete(Guid caseId, Guid handoffId, CompleteHandoff command, IDocumentSession session, HttpContext http)
    {
        var step = command is null ? null : await session.Events.LoadAsync(command.FulfilledByEventId, http.RequestAborted);
        return await CaseSteps.Step(session, http, caseId, command, CaseAction.RespondToHandoff, (c, cmd, ctx) => DecideComplete(c, handoffId, cmd, step, ctx));
    }

    [WolverinePost("/api/cases/{caseId}/handoffs/{handoffId}/cancel", OperationId = "CancelHandoff")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Cancel(Guid caseId, Guid handoffId, CancelHandoff command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.RequestHandoff, (c, cmd, ctx) => DecideCancel(c, handoffId, cmd, ctx));

    /// <summary>Only the agency that handed the work on (or the commune Chair, who directs the case) withdraws it.</summary>
    public static Decision DecideCancel(Case current, Guid handoffId, CancelHandoff command, StepContext context)
    {
        if (current.FindHandoff(handoffId) is not { } handoff) return Decision.NotFound($"No hand-off {handoffId} on this case.");
        if (handoff.FromAgency != context.Actor.Agency && context.Actor.Role != Roles.CommuneChair)
            return Decision.Forbidden($"This work was handed on by {handoff.FromAgency}; only that agency or the commune Chair withdraws it.");
        if (!handoff.IsOpen) return Decision.Conflict(ProblemKinds.HandoffClosed, "This work is no longer open.");
        return CaseDecisions.Required(command.Reason, "reason")
               ?? Decision.Accept(new HandoffCancelled(current.Id, handoffId, context.At(command.OccurredAt), command.Reason));
    }

    public static Decision DecideAccept(Case current, Guid handoffId, AcceptHandoff command, StepContext context)
    {
        if (Addressed(current, handoffId, context) is { } problem) return problem;
        if (current.FindHandoff(handoffId)!.Status != Case.HandoffStatus.Requested)
            return Decision.Conflict(ProblemKinds.HandoffNotRequested, "Only requested work can be accepted.");
        return Decision.Accept(new HandoffAccepted(current.Id, handoffId, context.Actor.Agency, context.At(command.OccurredAt)));
    }

    public static Decision DecideDecline(Case current, Guid handoffId, DeclineHandoff command, StepContext context)
    {
        if (Addressed(current, handoffId, context) is { } problem) return problem;
        if (current.FindHandoff(handoffId)!.Status != Case.HandoffStatus.Requested)
            return Decision.Conflict(ProblemKinds.HandoffNotRequested, "Only work not yet accepted can be declined.");
        return CaseDecisions.Required(command.Reason, "reason")
               ?? Decision.Accept(new HandoffDeclined(current.Id, handoffId, context.Actor.Agency, context.At(command.OccurredAt), command.Reason));
    }

    public static Decision DecideComplete(Case current, Guid handoffId, CompleteHandoff command, IEvent? step, StepContext context)
    {
        if (Addressed(current, handoffId, context) is { } problem) return problem;
        if (!current.FindHandoff(handoffId)!.IsOpen) return Decision.Conflict(ProblemKinds.HandoffClosed, "This work is no longer open.");
        if (step is null || step.StreamId != current.Id || !Fulfilment.IsStepEvent(step.Data))
            return Decision.Invalid("fulfilledByEventId", "Name a step event of this case that fulfilled the work.");
        return Decision.Accept(new HandoffCompleted(current.Id, handoffId, context.At(command.OccurredAt), step.Id, step.EventTypeName));
    }

    /// <summary>The hand-off exists and the caller belongs to the agency it is addressed to.</summary>
    private static Decision? Addressed(Case current, Guid handoffId, StepContext context)
    {
        if (current.FindHandoff(handoffId) is not { } handoff) return Decision.NotFound($"No hand-off {handoffId} on this case.");
        return handoff.ToAgency == context.Actor.Agency
            ? null
            : Decision.Forbidden($"This work is handed to {handoff.ToAgency}; only that agency answers it.");
    }
}
