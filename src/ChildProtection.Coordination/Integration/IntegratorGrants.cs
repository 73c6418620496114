using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Access;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.LegalTime;
using Marten;

namespace ChildProtection.Coordination.Integration;

/// <summary>
/// What one integrator (an <c>agency</c> claim with the role <c>integrator</c>) may receive on the feed and its webhooks:
/// the events of cases in some provinces, or of cases some agencies work on, or the whole country; of some public types or
/// all; with the child's identity or never. Configured per agency under <c>Integration:Grants:{agency}</c>, beside the
/// issuer's registration of the integrator's client; an integrator without a grant receives nothing.
/// </summary>
public sealed class IntegratorGrant
{
    /// <summary>Every case in the country. Otherwise <see cref="Provinces"/> and/or <see cref="Agencies"/> say which.</summary>
    public bool National { get; set; }

    /// <summary>Province codes (e.g. <c>44</c>): cases owned by a commune of one of them, as the directory answers today.</summary>
    public string[] Provinces { get; set; } = [];

    /// <summary>Agency ids: cases one of them reported, was handed work on, or has jurisdiction over (relations R, H, J).</summary>
    public string[] Agencies { get; set; } = [];

    /// <summary>Public type names (<c>vn.childprotection.case.reported.v1</c>, …); empty for every type.</summary>
    public string[] EventTypes { get; set; } = [];

    /// <summary>Whether a token of this agency holding <c>case:identity</c> receives the child's identity where consent permits.</summary>
    public bool Identity { get; set; }

    /// <summary>Why the grant is malformed, or null.</summary>
    public string? Problem(string agency)
    {
        if (National && (Provinces.Length > 0 || Agencies.Length > 0))
            return $"Integration:Grants:{agency} is National and names provinces or agencies too: choose one.";
        if (!National && Provinces.Length == 0 && Agencies.Length == 0)
            return $"Integration:Grants:{agency} names no province and no agency, and is not National.";
        if (Provinces.FirstOrDefault(p => global::ChildProtection.Coordination.Agencies.Provinces.All.All(known => known.Code != p)) is { } unknown)
            return $"Integration:Grants:{agency} names the unknown province code '{unknown}'.";
        if (EventTypes.FirstOrDefault(t => !CaseContractsV1.TypeNames.Contains(t)) is { } type)
            return $"Integration:Grants:{agency} names the unknown event type '{type}'.";
        return null;
    }
}

/// <summary>The integrators' grants (section <c>Integration</c>), read afresh on each use so a changed grant applies without a restart.</summary>
public sealed class IntegrationOptions
{
    public const string Section = "Integration";

    public Dictionary<string, IntegratorGrant> Grants { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IntegratorGrant? GrantOf(string agency) =>
        Grants.TryGetValue(agency, out var grant) ? grant : Grants.FirstOrDefault(g => string.Equals(g.Key, agency, StringComparison.OrdinalIgnoreCase)).Value;

    public string? Problem() => Grants.Select(g => g.Value.Problem(g.Key)).FirstOrDefault(p => p is not null);

    /// <summary>Refuses to start with a malformed grant, naming it.</summary>
    public sealed class Validation : Microsoft.Extensions.Options.IValidateOptions<IntegrationOptions>
    {
        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, IntegrationOptions options) =>
            options.Problem() is { } problem
                ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
                : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }
}

/// <summary>
/// What one reader of public events reaches: an integrator its grant, a provincial auditor its province, an admin or a
/// national auditor everything. The feed, webhook fan-out, sends and replays all filter through this.
/// </summary>
public sealed record FeedScope(bool National, IReadOnlySet<string> Provinces, IReadOnlySet<string> Agencies, IReadOnlySet<string> EventTypes, bool Identity)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    public static readonly FeedScope Everything = new(true, None, None, None, true);

    /// <summary>Nothing at all: an integrator without a grant, an auditor whose agency has no province.</summary>
    public static readonly FeedScope Nothing = new(false, None, None, None, false);

    public static FeedScope Of(IntegratorGrant grant) => new(grant.National, grant.Provinces.ToHashSet(StringComparer.Ordinal),
        grant.Agencies.ToHashSet(StringComparer.Ordinal), grant.EventTypes.ToHashSet(StringComparer.Ordinal), grant.Identity);

    public static FeedScope Province(string? province) =>
        province is null ? Nothing : new(false, new HashSet<string> { province }, None, None, true);

    public bool Wants(string type) => EventTypes.Count == 0 || EventTypes.Contains(type);

    /// <summary>
    /// Whether a case with these <paramref name="parties"/> (null: not found) is within reach (<see cref="National"/> reaches every
    /// case, known or not); <paramref name="agencies"/> are the granted agencies as the directory has them (an unknown one can still
    /// have reported or been handed work).
    /// </summary>
    public bool Reaches(CaseParties? parties, IReadOnlyDictionary<string, Agency> agencies)
    {
        if (National) return true;
        if (parties is null) return false;
        if (parties.OwningProvince is { } province && Provinces.Contains(province)) return true;
        return Agencies.Any(id => (CaseRelations.Direct(id, agencies.GetValueOrDefault(id), parties) & ~CaseRelation.Former) != CaseRelation.None);
    }

    /// <summary>The scope of a caller of the feed: an integrator by its agency's grant, an auditor by its reach, an admin everything.</summary>
    public static async Task<FeedScope> ForAsync(Actor actor, IntegrationOptions options, IQuerySession session, CancellationToken ct)
    {
        if (actor.Role == Roles.Integrator) return options.GrantOf(actor.Agency) is { } grant ? Of(grant) : Nothing;
        if (!CaseReach.IsProvincial(actor)) return Everything;
        var agency = await session.LoadAsync<Agency>(actor.Agency, ct);
        return Province(agency?.ProvinceCode);
    }
}

/// <summary>
/// Which public events of a batch a scope reaches: each event's case (its CloudEvents <c>subject</c>) is looked up once,
/// with the commune that owns it as the directory answers today (after mergers), so a case follows its transfers.
/// </summary>
public sealed class EventReach(IQuerySession session, DateTimeOffset now)
{
    private readonly Dictionary<Guid, CaseParties?> parties = new();
    private readonly Dictionary<string, (Commune? Commune, IReadOnlySet<string>? Absorbed)> communes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Agency> agencies = new(StringComparer.Ordinal);
    private readonly HashSet<string> agenciesLooked = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<CloudEvent>> FilterAsync(FeedScope scope, IReadOnlyList<CloudEvent> events, CancellationToken ct)
    {
        var wanted = events.Where(e => scope.Wants(e.Type)).ToList();
        if (scope.National || wanted.Count == 0) return wanted;
        await LoadAsync(wanted.Select(e => Guid.Parse(e.Subject)), scope.Agencies, ct);
        return wanted.Where(e => scope.Reaches(parties.GetValueOrDefault(Guid.Parse(e.Subject)), agencies)).ToList();
    }

    public async Task<bool> ReachesAsync(FeedScope scope, CloudEvent e, CancellationToken ct) => (await FilterAsync(scope, [e], ct)).Count == 1;

    private async Task LoadAsync(IEnumerable<Guid> caseIds, IReadOnlySet<string> grantedAgencies, CancellationToken ct)
    {
        var day = VietnamTime.DateOf(now);
        var missing = caseIds.Distinct().Where(id => !parties.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
        {
            var summaries = (await session.LoadManyAsync<CaseSummary>(ct, missing)).ToDictionary(s => s.Id);
            foreach (var id in missing)
            {
                if (!summaries.TryGetValue(id, out var summary))
                {
                    parties[id] = null;
                    continue;
                }
                var owner = summary.Owner();
                if (!communes.TryGetValue(owner, out var commune))
                {
                    var resolved = await Jurisdictions.ResolveAsync(session, owner, day, ct);
                    communes[owner] = commune = (resolved, resolved is null ? null : await Jurisdictions.AbsorbedAsync(session, resolved, ct));
                }
                parties[id] = CaseParties.Of(summary, commune.Commune, commune.Absorbed);
            }
        }
        var unlooked = grantedAgencies.Where(agenciesLooked.Add).ToArray();
        if (unlooked.Length > 0)
            foreach (var agency in await session.LoadManyAsync<Agency>(ct, unlooked))
                if (agency.IsActiveOn(day)) agencies[agency.Id] = agency;
    }
}
