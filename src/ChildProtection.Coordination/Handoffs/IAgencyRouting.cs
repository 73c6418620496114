using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>What the pathway asks of the agency directory.</summary>
public interface IAgencyRouting
{
    /// <summary>The active agency of <paramref name="kind"/> serving <paramref name="commune"/> at <paramref name="at"/>, skipping <paramref name="excluding"/>.</summary>
    Task<string?> ServingAsync(AgencyKind kind, string commune, DateTimeOffset at, IReadOnlyCollection<string> excluding, CancellationToken ct);

    /// <summary>The agency that supervises <paramref name="agencyId"/>: where overdue work escalates.</summary>
    Task<(string Id, AgencyKind Kind)?> SupervisorOfAsync(string agencyId, DateTimeOffset at, CancellationToken ct);

    Task<AgencyKind?> KindOfAsync(string agencyId, CancellationToken ct);

    /// <summary>The child's own school, when the directory holds a school of that id or name serving <paramref name="commune"/>.</summary>
    Task<string?> SchoolNamedAsync(string named, string commune, DateTimeOffset at, CancellationToken ct);
}
