using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using Marten;
using Microsoft.Extensions.Options;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>A hand-off's legal clock, scheduled durably in Wolverine's inbox for the moment it falls due.</summary>
public sealed record HandoffClockDue(Guid CaseId, Guid HandoffId, DateTimeOffset DueAt);

public sealed class HandoffOptions
{
    public const string Section = "Handoffs";

    /// <summary>How long the supervising agency has to act on escalated work.</summary>
    public TimeSpan EscalationWindow { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// When a clock falls due and the work is still open, the case records the breach and the work
/// escalates to the supervising agency (provincial health department above the commune,
/// provincial police above commune police). A paused, stopped, met or moved clock does nothing.
/// </summary>
public static class HandoffClockHandler
{
    public static async Task Handle(HandoffClockDue due, IDocumentSession session, IAgencyRouting routing, TimeProvider time,
        IOptions<HandoffOptions> options, CancellationToken ct)
    {
        await CaseWriteLock.TakeAsync(session, due.CaseId, ct);
        var stream = await session.Events.FetchForWriting<Case>(due.CaseId, ct);
        if (stream.Aggregate is not { } current || current.FindHandoff(due.HandoffId) is not { } handoff) return;
        if (Decide(current, handoff, due) is false) return;

        var now = time.GetUtcNow();
        var events = new List<object> { new ClockBreached(current.Id, handoff.HandoffId, handoff.ToAgency, handoff.Task, handoff.DueAt, now) };
        if (await routing.SupervisorOfAsync(handoff.ToAgency, now, ct) is { } supervisor)
            events.Add(new HandoffRequested(current.Id, Pathway.HandoffId(current.Id, handoff.HandoffId, "escalation"), EventHeaders.System.Agency,
                supervisor.Id, supervisor.Kind, HandoffTask.Escalation,
                $"Overdue: '{handoff.Task}' handed to {handoff.ToAgency} was due {handoff.DueAt:u} and is still open.",
                $"Clock breach: the supervising agency is asked to see the work done ({LegalBasis.Find(BuiltInRules.Escalation.Citation)!.Text})",
                now, now + options.Value.EscalationWindow, BuiltInRules.Escalation.Id, null, handoff.ServiceId, handoff.HandoffId, handoff.Commune));

        EventHeaders.Stamp(session, EventHeaders.System, $"clock-{handoff.HandoffId:N}");
        stream.AppendMany(events.ToArray());
    }

    /// <summary>Breach only open work whose clock runs and still falls due at the time this message was scheduled for.</summary>
    public static bool Decide(Case current, Case.Handoff handoff, HandoffClockDue due) =>
        !current.IsClosed && handoff.IsOpen && handoff.ClockRunning && !handoff.Breached && handoff.DueAt == due.DueAt;
}
