using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using Marten;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>A temporary separation's term is near its end: scheduled durably, <see cref="FollowUpOptions.SeparationWarningLead"/> before it.</summary>
public sealed record SeparationWarningDue(Guid CaseId, Guid OrderId, DateTimeOffset EndsAt);

/// <summary>
/// Before a separation's term runs out the case records the warning (<see cref="SeparationEndingSoon"/>), and the pathway
/// hands the Chair the decision to end or extend it, due at the term's end. An ended, extended or closed order warns of nothing.
/// </summary>
public static class SeparationWarningHandler
{
    public static async Task Handle(SeparationWarningDue due, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        await CaseWriteLock.TakeAsync(session, due.CaseId, ct);
        var stream = await session.Events.FetchForWriting<Case>(due.CaseId, ct);
        if (stream.Aggregate is not { } current || Decide(current, due, time.GetUtcNow()) is not { } warning) return;
        EventHeaders.Stamp(session, EventHeaders.System, $"separation-{due.OrderId:N}");
        stream.AppendOne(warning);
    }

    /// <summary>Warn only of a separation still in force whose term still ends when this message was scheduled for, once.</summary>
    public static SeparationEndingSoon? Decide(Case current, SeparationWarningDue due, DateTimeOffset now) =>
        !current.IsClosed && current.Orders.Find(o => o.OrderId == due.OrderId) is { Separation: true, Ended: false } order
        && order.EndsAt == due.EndsAt && order.WarnedFor != due.EndsAt
            ? new SeparationEndingSoon(current.Id, order.OrderId, due.EndsAt, now)
            : null;
}
