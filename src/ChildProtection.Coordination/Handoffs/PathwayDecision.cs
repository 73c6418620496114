using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Common.Keys;
using JasperFx.Events;
using Marten;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>
/// The pathway's decision on one case event, with its I/O: the directory's answers (and the child's school, opened with the
/// case's key) for what the pure functions <see cref="PathwayOutcomes"/>, <see cref="Pathway"/> and <see cref="FollowUpRules"/>
/// decide. The subscription asks it for every event of a page (<see cref="PathwaySubscription"/>); the report asks it in its
/// own transaction (<see cref="PathwayAtReport"/>). What it returns is appended with the pathway's provenance by the caller.
/// </summary>
public sealed class PathwayDecision(IAgencyRouting routing, PathwayCatalogue catalogue, FollowUpOptions followUp, IKeyEncryptionKeys keys)
{
    /// <summary>
    /// What the pathway records on one event <paramref name="e"/> of <paramref name="current"/>: settled and requested work, a
    /// declined hand-off sent on, and a follow-up when nothing would be open. <paramref name="triggeredAt"/> is when the
    /// event was recorded (the start of a clock that runs from the trigger).
    /// </summary>
    public async Task<List<object>> DecideAsync(IQuerySession session, Case current, IEvent e, DateTimeOffset triggeredAt, DateTimeOffset now,
        CancellationToken ct)
    {
        var appended = e.Data is HandoffDeclined declined
            ? await SendOnAsync(current, e, declined, now, ct)
            : await DecideOneAsync(session, current, e, triggeredAt, now, ct);
        if (FollowUpRules.KeepInViewAfter(current, e.Data, appended, now, followUp, catalogue.For(current.PathwayVersion).Version) is { } keep
            && Pathway.HandoffId(current.Id, e.Id, keep.RuleId) is var keepId && current.FindHandoff(keepId) is null)
            appended.Add(await RouteAsync(current, keep, keepId, e, now, ct));
        return appended;
    }

    /// <summary>The I/O of one event: the directory's answers for what <see cref="PathwayOutcomes"/> decides.</summary>
    private async Task<List<object>> DecideOneAsync(IQuerySession session, Case current, IEvent e, DateTimeOffset triggeredAt, DateTimeOffset now,
        CancellationToken ct)
    {
        if (e.Data is CaseTransferred transfer) return [.. await Rerouting.TransferAsync(current, transfer, routing, now, ct)];
        // A case is decided under the rules of the version its report recorded, for its whole life.
        var definition = catalogue.For(current.PathwayVersion);
        var events = PathwayOutcomes.Settle(current, e.Id, e.EventTypeName, e.Data, now);
        events.AddRange(FollowUpRules.Settle(current, e.Data, now));
        var receivedBy = e.Data is CaseReported && EventHeaders.AgencyOf(e) is { } receiver ? await routing.KindOfAsync(receiver, ct) : null;
        var school = await ChildsSchoolAsync(session, definition, current, e, now, ct);
        foreach (var (request, handoffId) in PathwayOutcomes.Pending(current, definition, PathwayOutcomes.Facts(current, receivedBy, school), e.Id, e.Data, triggeredAt))
            events.Add(await RouteAsync(current, FollowUpRules.Adjust(current, request, e.Data, followUp), handoffId, e, now, ct));
        if (!current.IsClosed)
        {
            foreach (var request in FollowUpRules.Decide(current, e.Data, followUp, definition.Version))
            {
                var handoffId = Pathway.HandoffId(current.Id, e.Id, request.RuleId);
                if (current.FindHandoff(handoffId) is null) events.Add(await RouteAsync(current, request, handoffId, e, now, ct));
            }
        }
        return events;
    }

    private async Task<object> RouteAsync(Case current, HandoffRequest request, Guid handoffId, IEvent e, DateTimeOffset now, CancellationToken ct) =>
        PathwayOutcomes.Routed(current, request, handoffId, EventHeaders.AgencyOf(e) ?? EventHeaders.System.Agency,
            request.Agency ?? await routing.ServingAsync(request.Kind, request.Commune, now, [], ct), now);

    /// <summary>
    /// The child's own school in the directory, asked only for an event a rule sends to it: the school the report gave
    /// is sealed, so it is opened here with the case's key, compared, and never written anywhere but as the addressee.
    /// </summary>
    private async Task<string?> ChildsSchoolAsync(IQuerySession session, PathwayDefinition definition, Case current, IEvent e,
        DateTimeOffset now, CancellationToken ct)
    {
        if (current.ChildSchool is not { } sealedSchool || !definition.Rules.Any(r => r.ToChildsSchool && r.On == e.Data.GetType().Name)) return null;
        var open = await new Cases.Identity.IdentityVault(session, keys).RevealerAsync(current.Id, ct);
        return await routing.SchoolNamedAsync(open(sealedSchool), current.ChildCommune, now, ct);
    }

    private async Task<List<object>> SendOnAsync(Case current, IEvent e, HandoffDeclined decline, DateTimeOffset now, CancellationToken ct)
    {
        if (PathwayOutcomes.PlanSendOn(current, e.Id, decline) is not { } plan) return [];
        var next = await routing.ServingAsync(plan.Declined.ToKind, plan.Commune, now, plan.Declined.DeclinedBy, ct);
        var supervisor = next is null ? await routing.SupervisorOfAsync(decline.Agency, now, ct) : null;
        return [PathwayOutcomes.SendOn(current, plan, decline, next, supervisor, catalogue.For(current.PathwayVersion).Version, now)];
    }
}
