using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>
/// What the pathway records for one case event, as pure functions of the case, the event and the directory's
/// answers. The I/O around them — loading the case, asking the directory, appending — is the subscription's
/// (<see cref="PathwaySubscription"/>); <see cref="Pathway"/> holds the rules of the versioned definition.
/// </summary>
public static class PathwayOutcomes
{
    /// <summary>The open hand-offs the event fulfils are completed; a closure cancels all open work.</summary>
    public static List<object> Settle(Case current, Guid eventId, string eventTypeName, object data, DateTimeOffset now)
    {
        var events = new List<object>();
        foreach (var handoff in current.Handoffs.Where(h => h.IsOpen && Fulfilment.Fulfils(data, current, h)))
            events.Add(new HandoffCompleted(current.Id, handoff.HandoffId, now, eventId, eventTypeName));
        if (data is CaseClosed)
        {
            var completed = events.OfType<HandoffCompleted>().Select(c => c.HandoffId).ToHashSet();
            foreach (var handoff in current.Handoffs.Where(h => h.IsOpen && !completed.Contains(h.HandoffId)))
                events.Add(new HandoffCancelled(current.Id, handoff.HandoffId, now, "The case was closed."));
        }
        return events;
    }

    /// <summary>
    /// What the pathway knows of the case, with the kind of agency that received the report and the child's school in the
    /// directory. The work goes to the commune that owns the case: where it happened, until a transfer moved it with the
    /// child; the police's criminal work goes with it unless the transfer left it where it was.
    /// </summary>
    public static CaseFacts Facts(Case current, AgencyKind? receivedBy, string? childsSchool = null) =>
        new(current.Id, current.ReceivedAt, current.OwningCommune, current.ChildCommune, current.HarmForms, receivedBy, current.PlanServices,
            current.CrimeSigns, childsSchool, current.Handoffs.Select(h => h.Task).Distinct().ToArray(), current.CriminalWorkCommune);

    /// <summary>The hand-offs the definition calls for on an open case that are not requested yet, each with its derived id.</summary>
    public static IEnumerable<(HandoffRequest Request, Guid HandoffId)> Pending(Case current, PathwayDefinition definition, CaseFacts facts,
        Guid eventId, object data, DateTimeOffset triggeredAt)
    {
        if (current.IsClosed || data is CaseClosed) yield break;
        foreach (var request in Pathway.Decide(definition, facts, data, triggeredAt))
        {
            var handoffId = Pathway.HandoffId(current.Id, eventId, request.RuleId, request.ServiceId);
            if (current.FindHandoff(handoffId) is null) yield return (request, handoffId);
        }
    }

    /// <summary>A pending hand-off, routed: requested of <paramref name="to"/>, or unroutable when no agency serves the place.</summary>
    public static object Routed(Case current, HandoffRequest request, Guid handoffId, string fromAgency, string? to, DateTimeOffset now) =>
        to is null
            ? new HandoffUnroutable(current.Id, request.RuleId, request.Task, request.Kind, request.Commune, now, "No active agency of this kind serves the place.")
            : new HandoffRequested(current.Id, handoffId, fromAgency, to, request.Kind, request.Task, request.Description, request.LegalBasis,
                now, request.DueAt, request.RuleId, request.PathwayVersion, request.ServiceId, Commune: request.Commune);

    /// <summary>Declined work still to send on: the declined hand-off, the id of what replaces it and where; null when nothing is to do.</summary>
    public sealed record SendOnPlan(Case.Handoff Declined, Guid NextId, string Commune);

    public static SendOnPlan? PlanSendOn(Case current, Guid eventId, HandoffDeclined decline)
    {
        if (current.IsClosed || current.FindHandoff(decline.HandoffId) is not { } declined) return null;
        var nextId = Pathway.HandoffId(current.Id, eventId, BuiltInRules.SendOn.Id);
        if (current.FindHandoff(nextId) is not null) return null;
        return new SendOnPlan(declined, nextId, declined.Commune ?? current.OwningCommune);
    }

    /// <summary>
    /// A decline sends the work to <paramref name="next"/>, the next suitable agency of the same kind; without one it escalates
    /// to the decliner's <paramref name="supervisor"/>; without either it is unroutable.
    /// </summary>
    public static object SendOn(Case current, SendOnPlan plan, HandoffDeclined decline, string? next, (string Id, AgencyKind Kind)? supervisor,
        int definitionVersion, DateTimeOffset now)
    {
        var (declined, nextId, commune) = plan;
        if (next is not null)
        {
            return new HandoffRequested(current.Id, nextId, decline.Agency, next, declined.ToKind, declined.Task,
                $"Sent on after {decline.Agency} declined: {decline.Reason}", BuiltInRules.SendOn.Basis,
                now, declined.DueAt, BuiltInRules.SendOn.Id, definitionVersion, declined.ServiceId, declined.EscalatesHandoffId, commune, declined.HandoffId);
        }
        if (supervisor is { } boss)
        {
            return new HandoffRequested(current.Id, nextId, decline.Agency, boss.Id, boss.Kind, HandoffTask.Escalation,
                $"No other {declined.ToKind} can take '{declined.Task}' after {decline.Agency} declined: {decline.Reason}",
                BuiltInRules.SendOnEscalation.Basis, now, declined.DueAt, BuiltInRules.SendOnEscalation.Id,
                definitionVersion, declined.ServiceId, declined.HandoffId, commune, declined.HandoffId);
        }
        return new HandoffUnroutable(current.Id, BuiltInRules.SendOn.Id, declined.Task, declined.ToKind, commune, now, "Declined, and no other agency or supervisor can take it.");
    }
}

/// <summary>The rules the service applies besides a definition's: sending declined work on, and escalating overdue work.</summary>
public sealed record BuiltInRule(string Id, string Citation, string Says)
{
    public string Basis => $"{Says} ({LegalBasis.Find(Citation)!.Text})";

    public override string ToString() => Id;
}

public static class BuiltInRules
{
    public static readonly BuiltInRule SendOn = new("send-on", "coordination", "Declined work goes to the next suitable agency.");
    public static readonly BuiltInRule SendOnEscalation = new("send-on-escalation", "escalation", "Work no suitable agency accepts escalates to the supervising agency.");
    public static readonly BuiltInRule Escalation = new("escalation", "escalation", "Overdue work escalates to the supervising agency.");
    public static readonly IReadOnlyList<BuiltInRule> All = [SendOn, SendOnEscalation, Escalation];
}
