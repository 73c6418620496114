using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.LegalTime;
using Marten;
namespace ChildProtection.Coordination.Cases.Access;

/// <summary>
/// The agencies a case involves, as the relation rules need them: who reported it, who was handed work, the commune that
/// owns it as it answers today (after mergers: its code, province and the communes it absorbed) — where it happened, until a
/// transfer moved it with the child — and the communes that owned it before a transfer.
/// </summary>
public sealed record CaseParties(string? ReportingAgency, IReadOnlySet<string> HandedTo, string OwningCommune,
    string? OwningProvince, IReadOnlySet<string> AbsorbedCommunes, IReadOnlySet<string>? FormerCommunes = null)
{
    public static CaseParties Of(CaseSummary summary, Commune? owningCommune, IReadOnlySet<string>? absorbed) => new(
        summary.ReportingAgency,
        summary.Handoffs.Select(h => h.ToAgency).ToHashSet(StringComparer.Ordinal),
        owningCommune?.Code ?? summary.Owner(),
        owningCommune?.ProvinceCode,
        // The code the report (or the transfer) named stays a match even when the commune has since merged into another.
        new HashSet<string>((absorbed ?? new HashSet<string>()).Append(summary.Owner()), StringComparer.Ordinal),
        summary.Transfers.Select(t => t.FromCommune).ToHashSet(StringComparer.Ordinal));
}

/// <summary>The caller's relations to one case, and whether its agency is the owning commune's (whose reads are not logged).</summary>
public sealed record CaseAccess(CaseRelation Relations, bool OwningCommune)
{
    public static readonly CaseAccess Unrelated = new(CaseRelation.None, false);
    public static readonly CaseAccess SystemWide = new(CaseRelation.Any, false);
}

/// <summary>How an agency stands to a case: pure functions of the case's parties and the directory's entries.</summary>
public static class CaseRelations
{
    /// <param name="agencyId">The caller's <c>agency</c> claim.</param>
    /// <param name="agency">That agency in the directory, if it is there and active; an unknown agency can still have reported or been handed work.</param>
    /// <param name="supervised">Agencies the caller's agency supervises (explicitly or by <see cref="SupervisionRules"/>).</param>
    public static CaseAccess Relate(string role, string agencyId, Agency? agency, CaseParties parties, IEnumerable<Agency> supervised)
    {
        if (CasePermissions.IsSystemWide(role)) return CaseAccess.SystemWide;
        var relations = Direct(agencyId, agency, parties);
        // Supervision follows the agencies that work on the case now, not a commune it was transferred away from.
        if (supervised.Any(s => (Direct(s.Id, s, parties) & ~CaseRelation.Former) != CaseRelation.None)) relations |= CaseRelation.Supervising;
        return new CaseAccess(relations, agency is not null && OwnsCommune(agency, parties));
    }

    /// <summary>Reporting, handed, jurisdiction and former owner: what an agency is to the case by itself.</summary>
    public static CaseRelation Direct(string agencyId, Agency? agency, CaseParties parties)
    {
        var relations = CaseRelation.None;
        if (parties.ReportingAgency == agencyId) relations |= CaseRelation.Reporting;
        if (parties.HandedTo.Contains(agencyId)) relations |= CaseRelation.Handed;
        if (agency is not null && (OwnsCommune(agency, parties) || IsProvinceOf(agency, parties))) relations |= CaseRelation.Jurisdiction;
        else if (agency is not null && OwnedBefore(agency, parties)) relations |= CaseRelation.Former;
        return relations;
    }

    /// <summary>A commune-level agency of the commune that owns the case (or of one merged into it).</summary>
    public static bool OwnsCommune(Agency agency, CaseParties parties) =>
        agency.CommuneCode is { } commune && (commune == parties.OwningCommune || parties.AbsorbedCommunes.Contains(commune));

    /// <summary>A province-level agency of that commune's province.</summary>
    public static bool IsProvinceOf(Agency agency, CaseParties parties) =>
        agency.CommuneCode is null && agency.ProvinceCode is { } province && province == parties.OwningProvince;

    /// <summary>A commune-level agency of a commune the case was transferred away from.</summary>
    public static bool OwnedBefore(Agency agency, CaseParties parties) =>
        agency.CommuneCode is { } commune && parties.FormerCommunes is { } former && former.Contains(commune);

    /// <summary>
    /// The agencies <paramref name="supervisor"/> supervises on <paramref name="on"/>: those naming it explicitly, and those of
    /// its province that name nobody (or a retired supervisor) and whose rule picks it.
    /// </summary>
    public static IReadOnlyList<Agency> SupervisedBy(Agency supervisor, IReadOnlyCollection<Agency> candidates, DateOnly on)
    {
        var byId = candidates.ToDictionary(a => a.Id, StringComparer.Ordinal);
        return candidates.Where(a => a.Id != supervisor.Id && a.IsActiveOn(on) && (
                a.SupervisingAgencyId is { } named && byId.TryGetValue(named, out var explicitOne) && explicitOne.IsActiveOn(on)
                    ? named == supervisor.Id
                    : a.ProvinceCode == supervisor.ProvinceCode && SupervisionRules.Choose(a, candidates, a.CommuneCode, on)?.Id == supervisor.Id))
            .ToList();
    }
}

/// <summary>
/// What the gate needs from the directory for one case, added to the batch that reads the case (one round trip): the caller's
/// agency entry, and the communes around the case's owner — the owner, its successor and its predecessors — found in the
/// database from the stored summary. A walk that needs a commune beyond them reads it then, so the answer never depends on
/// what was read ahead.
/// </summary>
public sealed record GateReads(Task<Agency?> ActorsAgency, Task<IReadOnlyList<Commune>>? Communes = null)
{
    public static GateReads Add(Marten.Services.BatchQuerying.IBatchedQuery batch, string schema, Actor actor, Guid caseId)
    {
        // The case's owner as CaseSummary.Owner() answers it: the owning commune, else where it happened; read once (the CTE),
        // and the codes gathered into one array so that the communes are found by their primary key, not by a scan of the
        // directory's every commune testing each against three subqueries.
        var communes = batch.Query<Commune>(
            $"where d.id = any(array(with o as (select coalesce(s.data ->> 'owningCommune', s.data ->> 'incidentCommune') as code " +
            $"from {schema}.mt_doc_casesummary s where s.id = ?) select o.code from o union all select n.code from o " +
            $"join {schema}.mt_doc_commune c on c.id = o.code cross join lateral (select c.data ->> 'successorCode' " +
            "union all select jsonb_array_elements_text(c.data -> 'predecessorCodes')) as n(code)))",
            caseId);
        return new GateReads(batch.Load<Agency>(actor.Agency), communes);
    }
}

/// <summary>Loads what <see cref="CaseRelations"/> needs from the directory, for one case or for the case list.</summary>
public static class CaseRelationsLoader
{
    public static Task<CaseAccess> LoadAsync(IQuerySession session, Actor actor, CaseSummary summary, DateTimeOffset now, CancellationToken ct) =>
        LoadAsync(session, actor, summary, now, null, ct);

    /// <param name="read">What was already read with the case (a step reads it in the same round trip); null to read it here.</param>
    public static async Task<CaseAccess> LoadAsync(IQuerySession session, Actor actor, CaseSummary summary, DateTimeOffset now,
        GateReads? read, CancellationToken ct)
    {
        if (CasePermissions.IsSystemWide(actor.Role) && !CaseReach.IsProvincial(actor)) return CaseAccess.SystemWide;
        var day = VietnamTime.DateOf(now);
        var agency = ActiveOn(await (read?.ActorsAgency ?? session.LoadAsync<Agency>(actor.Agency, ct)), day);
        var known = read?.Communes is { } communes ? (await communes).ToDictionary(c => c.Code, StringComparer.Ordinal) : null;
        var commune = await Jurisdictions.ResolveAsync(session, summary.Owner(), day, known, ct);
        // A provincial auditor reaches the cases owned in its agency's province and no other: elsewhere the case does not exist for it.
        if (CasePermissions.IsSystemWide(actor.Role))
            return CaseReach.Reaches(agency?.ProvinceCode, commune?.ProvinceCode) ? CaseAccess.SystemWide : CaseAccess.Unrelated;
        var absorbed = commune is null ? null : await Jurisdictions.AbsorbedAsync(session, commune, known, ct);
        var parties = CaseParties.Of(summary, commune, absorbed);

        var access = CaseRelations.Relate(actor.Role, actor.Agency, agency, parties, []);
        // Supervision costs a look at the province's agencies: only when nothing closer relates the caller.
        if (access.Relations != CaseRelation.None || agency is null) return access;
        return CaseRelations.Relate(actor.Role, actor.Agency, agency, parties, await SupervisedAsync(session, agency, day, ct));
    }

    /// <summary>
    /// What to look for in the case list: cases reported by or handed to these agencies, or that happened in these
    /// communes; only the relations under which <paramref name="allowed"/> lets the role read.
    /// </summary>
    public sealed record Scope(bool Everything, IReadOnlyCollection<string> Reporting, IReadOnlyCollection<string> Handed, IReadOnlyCollection<string> Communes);

    public static async Task<Scope> ScopeAsync(IQuerySession session, Actor actor, CaseRelation allowed, DateTimeOffset now, CancellationToken ct)
    {
        var day = VietnamTime.DateOf(now);
        if (CasePermissions.IsSystemWide(actor.Role) && allowed.HasFlag(CaseRelation.Any))
        {
            if (!CaseReach.IsProvincial(actor)) return new Scope(true, [], [], []);
            return new Scope(false, [], [], await (await ActiveAgencyAsync(session, actor.Agency, day, ct) is { ProvinceCode: { } province }
                ? CommunesOfProvinceAsync(session, province, ct) : Task.FromResult<IReadOnlyCollection<string>>([])));
        }
        var agency = await ActiveAgencyAsync(session, actor.Agency, day, ct);
        var any = allowed.HasFlag(CaseRelation.Any);
        var reporting = new HashSet<string>(StringComparer.Ordinal);
        var handed = new HashSet<string>(StringComparer.Ordinal);
        var communes = new HashSet<string>(StringComparer.Ordinal);

        async Task AddDirect(string id, Agency? a)
        {
            if (any || allowed.HasFlag(CaseRelation.Reporting)) reporting.Add(id);
            if (any || allowed.HasFlag(CaseRelation.Handed)) handed.Add(id);
            if ((any || allowed.HasFlag(CaseRelation.Jurisdiction)) && a is not null) communes.UnionWith(await CommunesOfAsync(session, a, day, ct));
        }

        await AddDirect(actor.Agency, agency);
        if ((any || allowed.HasFlag(CaseRelation.Supervising)) && agency is not null)
            foreach (var s in await SupervisedAsync(session, agency, day, ct))
            {
                reporting.Add(s.Id);
                handed.Add(s.Id);
                communes.UnionWith(await CommunesOfAsync(session, s, day, ct));
            }
        return new Scope(false, reporting, handed, communes);
    }

    private static async Task<Agency?> ActiveAgencyAsync(IQuerySession session, string agencyId, DateOnly day, CancellationToken ct) =>
        ActiveOn(await session.LoadAsync<Agency>(agencyId, ct), day);

    private static Agency? ActiveOn(Agency? agency, DateOnly day) => agency is not null && agency.IsActiveOn(day) ? agency : null;

    private static async Task<IReadOnlyList<Agency>> SupervisedAsync(IQuerySession session, Agency agency, DateOnly day, CancellationToken ct)
    {
        var id = agency.Id;
        var province = agency.ProvinceCode;
        var candidates = province is null
            ? await session.Query<Agency>().Where(a => a.SupervisingAgencyId == id).ToListAsync(ct)
            : await session.Query<Agency>().Where(a => a.SupervisingAgencyId == id || a.ProvinceCode == province).ToListAsync(ct);
        // An explicit supervisor's own entry decides whether it is still active.
        var named = candidates.Select(c => c.SupervisingAgencyId).OfType<string>().Distinct().Where(id => candidates.All(c => c.Id != id)).ToArray();
        var all = candidates.Concat(named.Length == 0 ? [] : await session.LoadManyAsync<Agency>(ct, named)).Append(agency)
            .DistinctBy(a => a.Id).ToList();
        return CaseRelations.SupervisedBy(agency, all, day);
    }

    /// <summary>The incident communes an agency has jurisdiction over: its commune and those merged into it, or every commune of its province.</summary>
    private static async Task<IReadOnlyCollection<string>> CommunesOfAsync(IQuerySession session, Agency agency, DateOnly day, CancellationToken ct)
    {
        if (agency.CommuneCode is { } code)
        {
            var commune = await Jurisdictions.ResolveAsync(session, code, day, ct);
            if (commune is null || commune.Code != code) return [code];
            return (await Jurisdictions.AbsorbedAsync(session, commune, ct)).Append(code).ToList();
        }
        return agency.ProvinceCode is { } province ? await CommunesOfProvinceAsync(session, province, ct) : [];
    }

    private static async Task<IReadOnlyCollection<string>> CommunesOfProvinceAsync(IQuerySession session, string province, CancellationToken ct) =>
        (await session.Query<Commune>().Where(c => c.ProvinceCode == province).Select(c => c.Code).ToListAsync(ct)).ToList();
}
