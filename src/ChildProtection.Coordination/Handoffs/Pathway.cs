using System.Security.Cryptography;
using System.Text;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>What the pathway knows of a case when it decides where work goes.</summary>
/// <param name="CrimeSigns">The report shows signs of a crime as recorded on it; null: by version 1's fixed list of harms.</param>
/// <param name="ChildsSchool">The directory id of the child's own school, when the directory holds it.</param>
/// <param name="TasksHandedOff">The tasks the case has already handed off (a rule marked <c>once</c> asks for nothing more).</param>
/// <param name="CriminalWorkCommune">
/// Where the police's criminal-procedure work goes when a rule routes it by the incident's commune: the commune that owns
/// the case, unless a transfer left that work where it was; null: <paramref name="IncidentCommune"/>.
/// </param>
public sealed record CaseFacts(
    Guid CaseId,
    DateTimeOffset ReceivedAt,
    string IncidentCommune,
    string ChildCommune,
    HarmForm[] HarmForms,
    AgencyKind? ReceivedByKind,
    PlannedService[] PlanServices,
    bool? CrimeSigns = null,
    string? ChildsSchool = null,
    HandoffTask[]? TasksHandedOff = null,
    string? CriminalWorkCommune = null);

/// <summary>
/// Work the pathway asks for: which kind of agency, where, what, by when and under which rule; <paramref name="Agency"/>
/// names the agency itself where the rule finds it without the directory's help (the child's own school).
/// </summary>
public sealed record HandoffRequest(
    string RuleId,
    int PathwayVersion,
    HandoffTask Task,
    AgencyKind Kind,
    string Commune,
    string Description,
    string LegalBasis,
    DateTimeOffset DueAt,
    Guid? ServiceId = null,
    string? Agency = null);

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
            // The child's own school takes the child back when the directory holds it; else the education office does.
            if (rule.ToChildsSchool && facts.ChildsSchool is { } school)
                for (var i = requests.Count - 1; i >= 0 && requests[i].RuleId == rule.Id; i--)
                    requests[i] = requests[i] with { Kind = AgencyKind.School, Agency = school };
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
        if (rule.CrimeSigns is { } signs && (facts.CrimeSigns ?? LegalClocks.ShowsCrimeSigns(facts.HarmForms)) != signs) return false;
        if (rule.EmergencyMeasuresNeeded is { } needed && (@event is not InitialRiskAssessed risk || risk.EmergencyMeasuresNeeded != needed)) return false;
        // An assessment recorded before it said whether it calls for a plan called for one.
        if (rule.PlanCalledFor is { } plan && (@event is not InitialRiskAssessed assessed || (assessed.PlanCalledFor ?? true) != plan)) return false;
        if (rule.SuspectedCrime is { } suspected && (@event is not ReportVerified verified || verified.SuspectedCrime != suspected)) return false;
        if (rule.ForwardedToInvestigation is { } forwarded && (@event is not CrimeReportRecorded crime || crime.ForwardedToInvestigation != forwarded)) return false;
        if (rule.ExamKinds is { } exams && (@event is not MedicalExamRequested exam || !exams.Contains(exam.Kind))) return false;
        if (rule.Once && facts.TasksHandedOff?.Contains(rule.Task) == true) return false;
        return true;
    }

    private static bool Includes(PathwayRule rule, ServiceKind kind) =>
        (rule.ServiceKinds is null || rule.ServiceKinds.Contains(kind))
        && (rule.ExcludeServiceKinds is null || !rule.ExcludeServiceKinds.Contains(kind));

    private static HandoffRequest Request(PathwayDefinition definition, PathwayRule rule, CaseFacts facts, AgencyKind kind,
        DateTimeOffset triggeredAt, PlannedService? service)
    {
        var commune = rule.Where == RoutingPlace.ChildCommune ? facts.ChildCommune
            : HandoffTasks.IsCriminalProcedure(rule.Task) ? facts.CriminalWorkCommune ?? facts.IncidentCommune
            : facts.IncidentCommune;
        var description = service is null ? rule.Description : $"{rule.Description}: {service.Description}";
        return new HandoffRequest(rule.Id, definition.Version, rule.Task, kind, commune, description, rule.Basis,
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
