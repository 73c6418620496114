using ChildProtection.Coordination.Cases;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>Routing through the agency directory. (Interim: the directory lands with the Agencies feature.)</summary>
public sealed class DirectoryRouting : IAgencyRouting
{
    public Task<string?> ServingAsync(AgencyKind kind, string commune, DateTimeOffset at, IReadOnlyCollection<string> excluding, CancellationToken ct) =>
        Task.FromResult<string?>(null);

    public Task<(string Id, AgencyKind Kind)?> SupervisorOfAsync(string agencyId, DateTimeOffset at, CancellationToken ct) =>
        Task.FromResult<(string Id, AgencyKind Kind)?>(null);

    public Task<AgencyKind?> KindOfAsync(string agencyId, CancellationToken ct) => Task.FromResult<AgencyKind?>(null);
}
