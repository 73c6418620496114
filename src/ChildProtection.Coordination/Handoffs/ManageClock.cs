using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Handoffs;

public enum ClockAction { Pause, Resume, Stop }

/// <summary>Pause, resume or stop a hand-off's legal clock, always with a reason.</summary>
public sealed record ManageClock(ClockAction Action, string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class ManageClockEndpoint
{
    [WolverinePost("/api/cases/{caseId}/handoffs/{handoffId}/clock", OperationId = "ManageHandoffClock")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, Guid handoffId, ManageClock command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.ManageClock, (c, cmd, ctx) => Decide(c, handoffId, cmd, ctx));

    public static Decision Decide(Case current, Guid handoffId, ManageClock command, StepContext context)
    {
        if (current.FindHandoff(handoffId) is not { } handoff) return Decision.NotFound($"No hand-off {handoffId} on this case.");
        if (CaseDecisions.Required(command.Reason, "reason") is { } missing) return missing;
        if (!handoff.IsOpen || handoff.ClockStopped) return Decision.Conflict(ProblemKinds.ClockStopped, "This clock no longer runs.");
        var at = context.At(command.OccurredAt);
        return command.Action switch
        {
            ClockAction.Pause when handoff.ClockRunning => Decision.Accept(new ClockPaused(current.Id, handoffId, at, command.Reason)),
            // The time spent paused is added to the due time.
            ClockAction.Resume when !handoff.ClockRunning && handoff.PausedAt is { } pausedAt =>
                Decision.Accept(new ClockResumed(current.Id, handoffId, at, handoff.DueAt + (at - pausedAt))),
            ClockAction.Stop => Decision.Accept(new ClockStopped(current.Id, handoffId, at, command.Reason)),
            _ => Decision.Conflict(ProblemKinds.ClockAlreadyThere, $"The clock cannot {command.Action.ToString().ToLowerInvariant()} now."),
        };
    }
}
