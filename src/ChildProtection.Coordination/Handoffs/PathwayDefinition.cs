using System.Text.Json;
using System.Text.Json.Serialization;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>Where a rule finds the agency: the commune where the harm happened or where the child lives.</summary>
public enum RoutingPlace { IncidentCommune, ChildCommune }

/// <summary>What a rule's clock runs from.</summary>
public enum ClockStart { Report, Trigger, ServiceDueDate }

/// <summary>
/// When the work falls due: a legal clock of <see cref="LegalClocks"/> by its id (how the shipped pathway says it, so a
/// figure of the law lives once), or a file's own clock hours or working days for a rule the law does not time.
/// </summary>
public sealed record DueRule(int? ClockHours = null, int? WorkingDays = null, ClockStart From = ClockStart.Report, string? Clock = null);

/// <summary>
/// One pathway rule: on which case event, under which conditions, which kind of agency gets which task,
/// by when, and why in law. Rules are data: a new definition gets a new version, and every hand-off
/// records the rule id and version it came from, so changing the definition never rewrites the past.
/// </summary>
public sealed record PathwayRule(
    string Id,
    string On,
    HandoffTask Task,
    string Description,
    DueRule Due,
    string LegalBasis,
    RoutingPlace Where = RoutingPlace.IncidentCommune,
    AgencyKind? To = null,
    AgencyKind[]? ReceivedByAnyOf = null,
    HarmForm[]? HarmAnyOf = null,
    bool? CrimeSigns = null,
    bool? EmergencyMeasuresNeeded = null,
    bool ForEachService = false,
    ServiceKind[]? ServiceKinds = null,
    ServiceKind[]? ExcludeServiceKinds = null);

public sealed record PathwayDefinition(int Version, PathwayRule[] Rules)
{
    private static readonly JsonSerializerOptions Json = CaseJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>The definition shipped with the service (Handoffs/pathway.v1.json), or the file named by <c>Pathway:DefinitionFile</c>.</summary>
    public static PathwayDefinition Load(string? file = null)
    {
        using var stream = file is { Length: > 0 }
            ? File.OpenRead(file)
            : typeof(PathwayDefinition).Assembly.GetManifestResourceStream("ChildProtection.Coordination.Handoffs.pathway.v1.json")!;
        var definition = JsonSerializer.Deserialize<PathwayDefinition>(stream, Json)
                         ?? throw new InvalidOperationException("The pathway definition is empty.");
        definition.Validate();
        return definition;
    }

    public void Validate()
    {
        var known = typeof(CaseReported).Assembly.GetTypes().Where(t => t.Namespace == typeof(CaseReported).Namespace).Select(t => t.Name).ToHashSet();
        foreach (var rule in Rules)
        {
            if (!known.Contains(rule.On)) throw new InvalidOperationException($"Pathway rule '{rule.Id}': no case event '{rule.On}'.");
            if (rule.To is null && !rule.ForEachService) throw new InvalidOperationException($"Pathway rule '{rule.Id}' names no agency kind.");
            if (rule.Due.Clock is { } clock && LegalClocks.Find(clock) is null)
                throw new InvalidOperationException($"Pathway rule '{rule.Id}': no legal clock '{clock}' (Cases/LegalClocks.cs).");
            if (rule.Due is { ClockHours: null, WorkingDays: null, Clock: null } && rule.Due.From != ClockStart.ServiceDueDate)
                throw new InvalidOperationException($"Pathway rule '{rule.Id}' has no clock.");
        }
        if (Rules.Select(r => r.Id).Distinct().Count() != Rules.Length) throw new InvalidOperationException("Pathway rule ids must be unique.");
    }
}
