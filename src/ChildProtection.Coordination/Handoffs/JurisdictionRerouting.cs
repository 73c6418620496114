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
/// Open work moved to another place: each open hand-off that moves is asked of the directory again for the commune that
/// now answers; where another agency serves it, the case records <see cref="HandoffRerouted"/> — the hand-off to the old
/// agency stays in the history as what was true then, and its clock runs on unchanged. Two causes use it: communes
/// merging (<see cref="JurisdictionReroutingHandler"/>) and a case transferred with the child (<see cref="CaseTransferred"/>,
/// decided by the pathway).
/// </summary>
public static class Rerouting
{
    public static async Task<List<HandoffRerouted>> RerouteAsync(Case current, Func<Case.Handoff, bool> moves, string intoCommune,
        DateTimeOffset at, DateTimeOffset now, string reason, IAgencyRouting routing, CancellationToken ct)
    {
        var events = new List<HandoffRerouted>();
        foreach (var handoff in current.Handoffs.Where(h => h.IsOpen && moves(h)).ToList())
        {
            var next = await routing.ServingAsync(handoff.ToKind, intoCommune, at, [], ct);
            if (next is null || next == handoff.ToAgency) continue;
            events.Add(new HandoffRerouted(current.Id, handoff.HandoffId, handoff.ToAgency, next, now, reason, intoCommune));
        }
        return events;
    }

    /// <summary>
    /// What a transfer takes along: all open work, the police's criminal-procedure work (crime report, interview, the
    /// investigation agency's decision) too where the transfer recorded that it moves; else that stays with the police where
    /// it was handed (investigation follows the place of the crime, Criminal Procedure Code 2015 Art. 163).
    /// </summary>
    public static bool MovesWithTheChild(Case.Handoff handoff, CaseTransferred transfer) =>
        transfer.CriminalWorkMoves == true || !HandoffTasks.IsCriminalProcedure(handoff.Task);

    /// <summary>A transferred case's open work, re-addressed to the agencies serving the commune it moved to.</summary>
    public static Task<List<HandoffRerouted>> TransferAsync(Case current, CaseTransferred transfer, IAgencyRouting routing, DateTimeOffset now,
        CancellationToken ct) =>
        RerouteAsync(current, h => MovesWithTheChild(h, transfer), transfer.ToCommune, now, now,
            $"The case was transferred from {transfer.FromCommune} to {transfer.ToCommune}.", routing, ct);
}

/// <summary>Re-routes open hand-offs after a merger, through <see cref="Rerouting"/>.</summary>
public static class JurisdictionReroutingHandler
{
    public static async Task Handle(ApplyJurisdictionChange change, IDocumentSession session, IAgencyRouting routing, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var effective = VietnamTime.StartOf(change.EffectiveFrom);
        var at = effective > now ? effective : now;
        var oldAgencies = (await session.Query<Agency>().Where(a => a.CommuneCode != null && a.CommuneCode.IsOneOf(change.FromCodes)).ToListAsync(ct))
            .Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        if (oldAgencies.Count == 0) return;

        var oldIds = oldAgencies.ToArray();
        var open = await session.Query<InboxItem>().Where(i => i.ToAgency.IsOneOf(oldIds)).ToListAsync(ct);
        EventHeaders.Stamp(session, EventHeaders.System, $"merger-{change.IntoCode}-{change.EffectiveFrom:yyyyMMdd}");
        await CaseWriteLock.TakeAsync(session, open.Select(i => i.CaseId), ct);
        var reason = $"Communes {string.Join(", ", change.FromCodes)} merged into {change.IntoCode} from {change.EffectiveFrom:yyyy-MM-dd}.";
        foreach (var caseId in open.Select(i => i.CaseId).Distinct())
        {
            var stream = await session.Events.FetchForWriting<Case>(caseId, ct);
            if (stream.Aggregate is not { IsClosed: false } current) continue;
            stream.AppendMany(await Rerouting.RerouteAsync(current, h => oldAgencies.Contains(h.ToAgency), change.IntoCode, at, now, reason, routing, ct));
        }
    }
}
