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
/// The law is cited by <paramref name="Citation"/>, a row of <see cref="Cases.LegalBasis"/>; version 1 also kept
/// its own <paramref name="LegalBasis"/> text, which its hand-offs go on carrying.
/// </summary>
/// <param name="CrimeSigns">The report shows signs of a crime (recorded on it by <see cref="Cases.CrimeSigns"/>).</param>
/// <param name="SuspectedCrime">The verifying officer marked the report as a suspected crime.</param>
/// <param name="PlanCalledFor">The initial assessment calls for a support plan (CaseRules:PlanAtRiskLevels).</param>
/// <param name="ForwardedToInvestigation">The police passed the crime report on to the investigation agency.</param>
/// <param name="ExamKinds">The examination requested is of one of these kinds.</param>
/// <param name="Once">Nothing is requested when the case already has a hand-off of this task (another trigger asked first).</param>
/// <param name="ToChildsSchool">The child's own school takes the work when the directory holds it; else an agency of <paramref name="To"/>.</param>
public sealed record PathwayRule(
    string Id,
    string On,
    HandoffTask Task,
    string Description,
    DueRule Due,
    string? LegalBasis = null,
    RoutingPlace Where = RoutingPlace.IncidentCommune,
    AgencyKind? To = null,
    AgencyKind[]? ReceivedByAnyOf = null,
    HarmForm[]? HarmAnyOf = null,
    bool? CrimeSigns = null,
    bool? EmergencyMeasuresNeeded = null,
    bool ForEachService = false,
    ServiceKind[]? ServiceKinds = null,
    ServiceKind[]? ExcludeServiceKinds = null,
    string? Citation = null,
    bool? SuspectedCrime = null,
    bool? PlanCalledFor = null,
    bool? ForwardedToInvestigation = null,
    ExamKind[]? ExamKinds = null,
    bool Once = false,
    bool ToChildsSchool = false)
{
    /// <summary>What a hand-off of this rule carries as its legal basis: the rule's own text (version 1), else its citation's.</summary>
    public string Basis => LegalBasis ?? Cases.LegalBasis.Find(Citation)?.Text ?? "";
}

public sealed record PathwayDefinition(int Version, PathwayRule[] Rules)
{
    private static readonly JsonSerializerOptions Json = CaseJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>The versions shipped with the service (Handoffs/pathway.v{N}.json).</summary>
    public static readonly IReadOnlyList<int> Shipped = [1, 2];

    /// <summary>A shipped definition, <c>Handoffs/pathway.v{version}.json</c>; without a version, the newest.</summary>
    public static PathwayDefinition Load(int? version = null)
    {
        using var stream = typeof(PathwayDefinition).Assembly.GetManifestResourceStream(
            $"ChildProtection.Coordination.Handoffs.pathway.v{version ?? Shipped[^1]}.json")
            ?? throw new InvalidOperationException($"No pathway definition version {version} is shipped.");
        return Read(stream);
    }

    /// <summary>A definition from a file (<c>Pathway:DefinitionFile</c>).</summary>
    public static PathwayDefinition LoadFile(string file)
    {
        using var stream = File.OpenRead(file);
        return Read(stream);
    }

    private static PathwayDefinition Read(Stream stream)
    {
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
            if (Cases.LegalBasis.Find(rule.Citation) is null)
                throw new InvalidOperationException($"Pathway rule '{rule.Id}': no citation '{rule.Citation}' in the legal-basis table (Cases/LegalBasis.cs).");
        }
        if (Rules.Select(r => r.Id).Distinct().Count() != Rules.Length) throw new InvalidOperationException("Pathway rule ids must be unique.");
    }
}

/// <summary>
/// Every version of the pathway's rules the service decides cases under: a case is decided under the version its report
/// recorded (<see cref="Case.PathwayVersion"/>) for its whole life, new cases under <see cref="CaseRulesOptions.PathwayVersion"/>.
/// </summary>
public sealed class PathwayCatalogue
{
    private readonly Dictionary<int, PathwayDefinition> versions;

    public PathwayCatalogue(IEnumerable<PathwayDefinition> definitions)
    {
        versions = [];
        // A definition file given by the operator replaces the shipped one of its version.
        foreach (var definition in definitions) versions[definition.Version] = definition;
        if (versions.Count == 0) throw new InvalidOperationException("No pathway definition is loaded.");
    }

    /// <summary>The shipped versions, and <paramref name="file"/> (when given) beside or instead of the one of its version.</summary>
    public static PathwayCatalogue Load(string? file = null) =>
        new(PathwayDefinition.Shipped.Select(v => PathwayDefinition.Load(v))
            .Concat(file is { Length: > 0 } ? [PathwayDefinition.LoadFile(file)] : []));

    public IReadOnlyCollection<int> Versions => versions.Keys;

    public bool Has(int version) => versions.ContainsKey(version);

    /// <summary>The rules of <paramref name="version"/>; a case of a version no longer loaded is decided under the newest one below it.</summary>
    public PathwayDefinition For(int version) =>
        versions.TryGetValue(version, out var definition) ? definition
        : versions.Where(v => v.Key < version).OrderByDescending(v => v.Key).Select(v => v.Value).FirstOrDefault()
          ?? versions.OrderBy(v => v.Key).First().Value;
}
