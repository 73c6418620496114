using ChildProtection.Coordination.Agencies;
namespace ChildProtection.Coordination.Handoffs;

/// <summary>The pathway's questions answered by the agency directory.</summary>
public sealed class DirectoryRouting(AgencyDirectory directory) : IAgencyRouting
{
    public async Task<string?> ServingAsync(AgencyKind kind, string commune, DateTimeOffset at, IReadOnlyCollection<string> excluding, CancellationToken ct) =>
        (await directory.ServingAsync(kind, commune, at, excluding, ct))?.Id;

    public async Task<(string Id, AgencyKind Kind)?> SupervisorOfAsync(string agencyId, DateTimeOffset at, CancellationToken ct) =>
        await directory.SupervisorOfAsync(agencyId, at, ct) is { } supervisor ? (supervisor.Id, supervisor.Kind) : null;

    public async Task<AgencyKind?> KindOfAsync(string agencyId, CancellationToken ct) =>
        (await directory.GetAsync(agencyId, ct))?.Kind;

    public async Task<string?> SchoolNamedAsync(string named, string commune, DateTimeOffset at, CancellationToken ct) =>
        (await directory.SchoolNamedAsync(named, commune, at, ct))?.Id;
}
