using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs.Inbox;
using ChildProtection.Coordination.LegalTime;
using Marten;
namespace ChildProtection.Coordination.Handoffs;

/// <summary>Communes merged: on the day it takes effect, open work addressed to their agencies moves to the commune that answers now.</summary>
public sealed record ApplyJurisdictionChange(string[] FromCodes, string IntoCode, DateOnly EffectiveFrom);

/// <summary>
/// Re-routes open hand-offs after a merger. Each is asked of the directory again for the commune that now
/// answers; where another agency serves it, the case records <see cref="HandoffRerouted"/> — the hand-off to
/// the old agency stays in the history as what was true then.
/// </summary>
public static class JurisdictionReroutingHandler
{
    public static async Task Handle(ApplyJurisdictionChange change, IDocumentSession session, IAgencyRouting routing, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var effective = VietnamTime.StartOf(change.EffectiveFrom);
        var at = effective > now ? effective : now;
        var oldAgencies = (await session.Query<Agency>().Where(a => a.CommuneCode != null && a.CommuneCode.IsOneOf(change.FromCodes)).ToListAsync(ct))
            .Select(a => a.Id).ToArray();
        if (oldAgencies.Length == 0) return;

        var open = await session.Query<InboxItem>().Where(i => i.ToAgency.IsOneOf(oldAgencies)).ToListAsync(ct);
        EventHeaders.Stamp(session, EventHeaders.System, $"merger-{change.IntoCode}-{change.EffectiveFrom:yyyyMMdd}");
        await CaseWriteLock.TakeAsync(session, open.Select(i => i.CaseId), ct);
        foreach (var caseItems in open.GroupBy(i => i.CaseId))
        {
            var stream = await session.Events.FetchForWriting<Case>(caseItems.Key, ct);
            if (stream.Aggregate is not { IsClosed: false } current) continue;
            foreach (var item in caseItems)
            {
                if (current.FindHandoff(item.Id) is not { IsOpen: true } handoff || !oldAgencies.Contains(handoff.ToAgency)) continue;
                var next = await routing.ServingAsync(handoff.ToKind, change.IntoCode, at, [], ct);
                if (next is null || next == handoff.ToAgency) continue;
                stream.AppendOne(new HandoffRerouted(current.Id, handoff.HandoffId, handoff.ToAgency, next, now,
                    $"Communes {string.Join(", ", change.FromCodes)} merged into {change.IntoCode} from {change.EffectiveFrom:yyyy-MM-dd}."));
            }
        }
    }
}
