using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>The directory's answers, asked once per page: the reports of a page mostly share their receiver and communes.</summary>
internal sealed class PageRouting(IAgencyRouting directory) : IAgencyRouting
{
    private readonly Dictionary<(AgencyKind, string, DateTimeOffset), string?> serving = [];
    private readonly Dictionary<string, AgencyKind?> kinds = [];

    public async Task<string?> ServingAsync(AgencyKind kind, string commune, DateTimeOffset at, IReadOnlyCollection<string> excluding, CancellationToken ct)
    {
        if (excluding.Count > 0) return await directory.ServingAsync(kind, commune, at, excluding, ct);
        if (!serving.TryGetValue((kind, commune, at), out var id))
            serving[(kind, commune, at)] = id = await directory.ServingAsync(kind, commune, at, excluding, ct);
        return id;
    }

    public Task<(string Id, AgencyKind Kind)?> SupervisorOfAsync(string agencyId, DateTimeOffset at, CancellationToken ct) =>
        directory.SupervisorOfAsync(agencyId, at, ct);

    public Task<string?> SchoolNamedAsync(string named, string commune, DateTimeOffset at, CancellationToken ct) =>
        directory.SchoolNamedAsync(named, commune, at, ct);

    public async Task<AgencyKind?> KindOfAsync(string agencyId, CancellationToken ct)
    {
        if (!kinds.TryGetValue(agencyId, out var kind)) kinds[agencyId] = kind = await directory.KindOfAsync(agencyId, ct);
        return kind;
    }
}
