using System.Security.Cryptography;
using System.Text;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>What the pathway knows of a case when it decides where work goes.</summary>
public sealed record CaseFacts(
    Guid CaseId,
    DateTimeOffset ReceivedAt,
    string IncidentCommune,
    string ChildCommune,
    HarmForm[] HarmForms,
    AgencyKind? ReceivedByKind,
    PlannedService[] PlanServices);

/// <summary>Work the pathway asks for: which kind of agency, where, what, by when and under which rule.</summary>
public sealed record HandoffRequest(
    string RuleId,
    int PathwayVersion,
    HandoffTask Task,
    AgencyKind Kind,
    string Commune,
    string Description,
    string LegalBasis,
    DateTimeOffset DueAt,
    Guid? ServiceId = null);

/// <summary>The pathway as a pure function: a case event and the case's facts in, the hand-offs it calls for out.</summary>
public static class Pathway
{
    public static IReadOnlyList<HandoffRequest> Decide(PathwayDefinition definition, CaseFacts facts, object @event, DateTimeOffset triggeredAt)
    {
        var requests = new List<HandoffRequest>();
        foreach (var rule in definition.Rules.Where(r => r.On == @event.GetType().Name && Matches(r, facts, @event)))
        {
            if (rule.ForEachService)
            {
                foreach (var service in facts.PlanServices.Where(s => Includes(rule, s.Kind)))
                    requests.Add(Request(definition, rule, facts, rule.To ?? service.Provider, triggeredAt, service));
            }
            else requests.Add(Request(definition, rule, facts, rule.To!.Value, triggeredAt, null));
        }
        return requests;
    }

    /// <summary>The same trigger and rule always give the same hand-off id, so a replayed event requests nothing twice.</summary>
    public static Guid HandoffId(Guid caseId, Guid triggerEventId, string ruleId, Guid? serviceId = null)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{caseId:N}/{triggerEventId:N}/{ruleId}/{serviceId:N}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static bool Matches(PathwayRule rule, CaseFacts facts, object @event)
    {
        if (rule.ReceivedByAnyOf is { } receivers && (facts.ReceivedByKind is not { } kind || !receivers.Contains(kind))) return false;
        if (rule.HarmAnyOf is { } harms && !facts.HarmForms.Any(harms.Contains)) return false;
        if (rule.CrimeSigns is { } signs && LegalClocks.ShowsCrimeSigns(facts.HarmForms) != signs) return false;
        if (rule.EmergencyMeasuresNeeded is { } needed && (@event is not InitialRiskAssessed risk || risk.EmergencyMeasuresNeeded != needed)) return false;
        return true;
    }

    private static bool Includes(PathwayRule rule, ServiceKind kind) =>
        (rule.ServiceKinds is null || rule.ServiceKinds.Contains(kind))
        && (rule.ExcludeServiceKinds is null || !rule.ExcludeServiceKinds.Contains(kind));

    private static HandoffRequest Request(PathwayDefinition definition, PathwayRule rule, CaseFacts facts, AgencyKind kind,
        DateTimeOffset triggeredAt, PlannedService? service)
    {
        var commune = rule.Where == RoutingPlace.ChildCommune ? facts.ChildCommune : facts.IncidentCommune;
        var description = service is null ? rule.Description : $"{rule.Description}: {service.Description}";
        return new HandoffRequest(rule.Id, definition.Version, rule.Task, kind, commune, description, rule.LegalBasis,
            DueAt(rule.Due, facts, triggeredAt, service), service?.ServiceId);
    }

    private static DateTimeOffset DueAt(DueRule due, CaseFacts facts, DateTimeOffset triggeredAt, PlannedService? service)
    {
        if (due.From == ClockStart.ServiceDueDate && service is not null) return VietnamTime.StartOf(service.DueDate.AddDays(1));
        var start = due.From == ClockStart.Trigger ? triggeredAt : facts.ReceivedAt;
        if (due.Clock is { } id) return LegalClocks.Find(id)!.DueFrom(start);
        if (due.ClockHours is { } hours) return start.AddHours(hours);
        return WorkingDays.DeadlineAfter(start, due.WorkingDays ?? 0);
    }
}
