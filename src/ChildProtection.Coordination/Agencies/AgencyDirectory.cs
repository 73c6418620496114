using ChildProtection.Coordination.LegalTime;
using Marten;
namespace ChildProtection.Coordination.Agencies;

/// <summary>
/// The directory as the rest of the service asks it: which agency serves a commune, who supervises an
/// agency, which commune answers for a code. Times are instants; the directory counts in Vietnam
/// calendar days (an agency retired on D no longer serves from 00:00 on D, Vietnam time).
/// Registered scoped; it reads through the request's <see cref="IQuerySession"/>.
/// </summary>
public sealed class AgencyDirectory(IQuerySession session)
{
    public Task<Agency?> GetAsync(string agencyId, CancellationToken ct = default) => session.LoadAsync<Agency>(agencyId, ct);

    public Task<Commune?> GetCommuneAsync(string code, CancellationToken ct = default) => session.LoadAsync<Commune>(code, ct);

    /// <summary>The commune answering at <paramref name="at"/> for the unit named <paramref name="communeCode"/> (see <see cref="Jurisdictions"/>).</summary>
    public Task<Commune?> ResolveCommuneAsync(string communeCode, DateTimeOffset at, CancellationToken ct = default) =>
        Jurisdictions.ResolveAsync(session, communeCode, VietnamTime.DateOf(at), ct);

    /// <summary>
    /// The active agency of <paramref name="kind"/> serving <paramref name="communeCode"/> at <paramref name="at"/>, after
    /// following mergers: commune-level kinds in the commune itself (or a commune it absorbed), provincial kinds in
    /// its province, the hotline nationally, and the rest preferring the commune, then the province
    /// (<see cref="ServingRules"/>). Agencies in <paramref name="excluding"/> (e.g. those that declined a hand-off)
    /// are passed over. Null when none serves.
    /// </summary>
    public async Task<Agency?> ServingAsync(AgencyKind kind, string communeCode, DateTimeOffset at,
        IEnumerable<string>? excluding = null, CancellationToken ct = default)
    {
        var day = VietnamTime.DateOf(at);
        if (await PlaceAsync(communeCode, day, ct) is not { } place) return null;
        // The nearest first: an agency of the commune, of a commune it absorbed or of the province itself ranks before any of
        // another commune (ServingRules.Tier), so when one of them serves, the province's schools or health stations in every
        // other commune (hundreds in a province) need not be read to find it.
        if (ServingRules.LevelOf(kind) is AgencyLevel.CommuneOrProvince or AgencyLevel.Province
            && (await RankedAsync(kind, place, day, excluding, nearOnly: true, ct)).FirstOrDefault() is { } near)
            return near;
        return (await RankedAsync(kind, place, day, excluding, nearOnly: false, ct)).FirstOrDefault();
    }

    /// <summary>The active school serving <paramref name="communeCode"/> whose id or name is <paramref name="named"/> (<see cref="ServingRules.SchoolNamed"/>).</summary>
    public async Task<Agency?> SchoolNamedAsync(string named, string communeCode, DateTimeOffset at, CancellationToken ct = default) =>
        ServingRules.SchoolNamed(await CandidatesAsync(AgencyKind.School, communeCode, at, null, ct), named);

    /// <summary>Every agency that <see cref="ServingAsync"/> could answer, best first.</summary>
    public async Task<IReadOnlyList<Agency>> CandidatesAsync(AgencyKind kind, string communeCode, DateTimeOffset at,
        IEnumerable<string>? excluding = null, CancellationToken ct = default)
    {
        var day = VietnamTime.DateOf(at);
        return await PlaceAsync(communeCode, day, ct) is { } place ? await RankedAsync(kind, place, day, excluding, nearOnly: false, ct) : [];
    }

    /// <summary>The commune answering for <paramref name="communeCode"/> on <paramref name="day"/>, with the codes of those it absorbed.</summary>
    private async Task<(Commune Commune, IReadOnlySet<string> Absorbed)?> PlaceAsync(string communeCode, DateOnly day, CancellationToken ct) =>
        await Jurisdictions.ResolveAsync(session, communeCode, day, ct) is { } commune
            ? (commune, await Jurisdictions.AbsorbedAsync(session, commune, ct))
            : null;

    /// <param name="nearOnly">Only the agencies of the commune, of those it absorbed, and of the province without a commune.</param>
    private async Task<IReadOnlyList<Agency>> RankedAsync(AgencyKind kind, (Commune Commune, IReadOnlySet<string> Absorbed) place, DateOnly day,
        IEnumerable<string>? excluding, bool nearOnly, CancellationToken ct)
    {
        var (commune, absorbed) = place;
        // Values go into the queries as variables: Marten reads a captured variable, but compiles (and the JIT compiles) an
        // expression such as a method call inside the query each time it runs.
        var (province, absorbedCodes, communeCodes) = (commune.ProvinceCode, absorbed.ToArray(), absorbed.Prepend(commune.Code).ToArray());
        var query = session.Query<Agency>().Where(a => a.Kind == kind);
        query = ServingRules.LevelOf(kind) switch
        {
            AgencyLevel.National => query,
            // Only an agency sitting in the commune or in one it absorbed serves at commune level (ServingRules.Tier): read those
            // through the commune index, not every People's Committee of the province (a hundred documents for one).
            AgencyLevel.Commune => query.Where(a => a.CommuneCode.IsOneOf(communeCodes)),
            _ when nearOnly => query.Where(a => a.CommuneCode.IsOneOf(communeCodes) || (a.ProvinceCode == province && a.CommuneCode == null)),
            // Absorbed communes may have sat in another province before a boundary change.
            _ => absorbed.Count == 0
                ? query.Where(a => a.ProvinceCode == province)
                : query.Where(a => a.ProvinceCode == province || a.CommuneCode.IsOneOf(absorbedCodes)),
        };
        return ServingRules.Rank(await query.ToListAsync(ct), kind, commune, day, excluding, absorbed);
    }

    /// <summary>
    /// The agency supervising <paramref name="agencyId"/> at <paramref name="at"/>: its explicit supervisor while that one
    /// is active, else the one <see cref="SupervisionRules"/> names. Null for an unknown agency or when nobody in the
    /// directory supervises it (province-level agencies answer to ministries).
    /// </summary>
    public async Task<Agency?> SupervisorOfAsync(string agencyId, DateTimeOffset at, CancellationToken ct = default)
    {
        if (await GetAsync(agencyId, ct) is not { } agency) return null;
        var day = VietnamTime.DateOf(at);
        if (agency.SupervisingAgencyId is { } explicitId && await GetAsync(explicitId, ct) is { } named && named.IsActiveOn(day))
            return named;

        var targets = SupervisionRules.For(agency.Kind, agency.CommuneCode is not null);
        if (targets.Count == 0 || agency.ProvinceCode is null) return null;
        var communeCode = agency.CommuneCode is { } own
            ? (await Jurisdictions.ResolveAsync(session, own, day, ct))?.Code ?? own
            : null;

        var candidates = new List<Agency>();
        foreach (var kind in targets.Select(t => t.Kind).Distinct())
            candidates.AddRange(await session.Query<Agency>().Where(a => a.Kind == kind && a.ProvinceCode == agency.ProvinceCode).ToListAsync(ct));
        return SupervisionRules.Choose(agency, candidates, communeCode, day);
    }

    /// <summary>The agencies matching every filter given, by id. <paramref name="communeCode"/> matches where an agency sits, not whom it serves.</summary>
    public async Task<IReadOnlyList<Agency>> ListAsync(string? provinceCode = null, string? communeCode = null, AgencyKind? kind = null,
        DateOnly? activeOn = null, CancellationToken ct = default)
    {
        var query = session.Query<Agency>().AsQueryable();
        if (provinceCode is not null) query = query.Where(a => a.ProvinceCode == provinceCode);
        if (communeCode is not null) query = query.Where(a => a.CommuneCode == communeCode);
        if (kind is { } k) query = query.Where(a => a.Kind == k);
        var agencies = await query.ToListAsync(ct);
        return agencies.Where(a => activeOn is not { } day || a.IsActiveOn(day)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The communes of a province (or all), by code; with <paramref name="activeOn"/>, only those in force that day.</summary>
    public async Task<IReadOnlyList<Commune>> CommunesAsync(string? provinceCode = null, DateOnly? activeOn = null, CancellationToken ct = default)
    {
        var query = session.Query<Commune>().AsQueryable();
        if (provinceCode is not null) query = query.Where(c => c.ProvinceCode == provinceCode);
        var communes = await query.ToListAsync(ct);
        return communes.Where(c => activeOn is not { } day || c.IsActiveOn(day)).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
    }
}
