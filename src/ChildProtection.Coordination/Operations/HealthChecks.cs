using ChildProtection.Coordination.Auth;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using JasperFx.Events;
using Wolverine;
using Wolverine.Runtime;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers, its schema matches
/// this build, and the background work (the pathway subscription and the async projections) keeps up.
/// </summary>
public static class HealthChecks
{
    public static IServiceCollection AddCaseHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: ["ready"])
            .AddCheck<BackgroundWorkCheck>("background-work", tags: ["ready"])
            .AddCheck<BackgroundAgentsCheck>("background-agents", tags: ["ready"]);
        return services;
    }

    public static void MapCaseHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteJson })
            .AllowAnonymous();
        app.MapGet("/health/node", Node).RequireAuthorization().ExcludeFromDescription();
    }

    /// <summary>The readiness answer: the overall status, then each check with its own and what it measured.</summary>
    public sealed record Readiness(string Status, IReadOnlyList<ReadinessCheck> Checks);

    /// <summary>One check of <see cref="Readiness"/>; <c>background-work</c> carries the high-water mark and each shard.</summary>
    public sealed record ReadinessCheck(string Name, string Status, string? Description, long? HighWaterMark, IReadOnlyList<ShardProgress>? Shards);

    /// <summary>An async shard (the pathway, a projection, the seals): the last event it has done and how far behind the newest it is.</summary>
    public sealed record ShardProgress(string Name, long Position, long Lag);

    private const string HighWaterMarkKey = "highWaterMark", ShardsKey = "shards";

    /// <summary>
    /// JSON rather than the bare status word, so that an operator (or a monitor) sees where each shard stands without a
    /// database session; the status code is ASP.NET's: 200 for Healthy and Degraded, 503 for Unhealthy.
    /// </summary>
    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        var checks = report.Entries.Select(e => new ReadinessCheck(e.Key, e.Value.Status.ToString(), e.Value.Description,
                e.Value.Data.TryGetValue(HighWaterMarkKey, out var mark) ? (long)mark : null,
                e.Value.Data.TryGetValue(ShardsKey, out var shards) ? (IReadOnlyList<ShardProgress>)shards : null))
            .ToList();
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsJsonAsync(new Readiness(report.Status.ToString(), checks), ReadinessJson);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ReadinessJson = new(CaseJson.Options)
        { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Which Wolverine node this process is and the background agents (projections, the pathway, clocks) it runs now.</summary>
    public sealed record NodeStatus(Guid NodeId, int NodeNumber, bool Leader, IReadOnlyList<string> Agents);

    /// <summary>
    /// <c>/health/node</c>, for admins: on a cluster (ops/cluster) it shows where each agent landed; the URIs name the
    /// database host, so they are not for anonymous callers like the probes above.
    /// </summary>
    private static IResult Node(HttpContext http, IWolverineRuntime runtime)
    {
        if (Actor.From(http.User) is not { Role: Roles.Admin }) return Problems.Forbidden(http, "Only admins read the node's agents.");
        var agents = runtime.Agents.AllRunningAgentUris();
        return Results.Ok(new NodeStatus(runtime.Options.UniqueNodeId, runtime.Options.Durability.AssignedNodeNumber,
            (runtime as WolverineRuntime)?.NodeController?.IsLeader ?? false, agents.Select(u => u.ToString()).Order().ToList()));
    }

    private sealed class DatabaseCheck(IDocumentStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            try
            {
                await store.Storage.Database.AssertConnectivityAsync(ct);
                await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(ct);
                return HealthCheckResult.Healthy("Reachable, schema current.");
            }
            catch (Exception e)
            {
                // The exception's type only: its message may quote SQL, never anything a reader needs here.
                return HealthCheckResult.Unhealthy($"Database not ready: {e.GetType().Name}.");
            }
        }
    }

    /// <summary>Every async shard (the pathway, the inboxes) is within a few thousand events of the newest one.</summary>
    private sealed class BackgroundWorkCheck(IDocumentStore store, IConfiguration configuration) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            var progress = await store.Advanced.AllProjectionProgress(token: ct);
            var highWater = progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
            var maxLag = configuration.GetValue("Health:MaxShardLag", 5_000L);
            var behind = progress.Where(p => p.ShardName != "HighWaterMark" && highWater - p.Sequence > maxLag)
                .Select(p => $"{p.ShardName} ({highWater - p.Sequence} behind)").ToList();
            var shards = progress.Where(p => p.ShardName != "HighWaterMark").OrderBy(p => p.ShardName, StringComparer.Ordinal)
                .Select(p => new ShardProgress(p.ShardName, p.Sequence, Math.Max(0, highWater - p.Sequence))).ToList();
            var data = new Dictionary<string, object> { [HighWaterMarkKey] = highWater, [ShardsKey] = shards };
            return behind.Count == 0
                ? HealthCheckResult.Healthy($"{shards.Count} shards keeping up.", data)
                : HealthCheckResult.Degraded($"Lagging: {string.Join(", ", behind)}.", data: data);
        }
    }

    /// <summary>
    /// Every async shard (the pathway, the inboxes, the seals) runs now on a live node of the cluster, and in a
    /// cluster so does the durability agent that fires the legal clocks. Degraded, not unhealthy: a node that
    /// answers requests stays in the load balancer while Wolverine's leader reassigns the work of a dead node.
    /// </summary>
    private sealed class BackgroundAgentsCheck(IDocumentStore store, IWolverineRuntime runtime) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            var running = runtime.Agents.AllRunningAgentUris().ToList();
            var durability = runtime.Options.Durability;
            if (durability.Mode == DurabilityMode.Balanced)
            {
                // Live means a heartbeat within three beats, sooner than the leader's stale timeout: the record of a
                // node killed a moment ago still lists its agents, and a restarted node must not count them as running.
                var window = TimeSpan.FromTicks(Math.Min(durability.StaleNodeTimeout.Ticks, 3 * durability.HealthCheckPollingTime.Ticks));
                var live = DateTimeOffset.UtcNow - window;
                foreach (var node in await runtime.Storage.Nodes.LoadAllNodesAsync(ct))
                    if (node.LastHealthCheck > live) running.AddRange(node.ActiveAgents);
            }
            var agents = running.Select(u => u.ToString().ToLowerInvariant()).ToHashSet();
            var missing = ((IEventStore<IDocumentOperations, IQuerySession>)store).AllShards()
                .Select(s => s.Name).Where(n => !agents.Any(a => a.EndsWith($"/{n.Name}/{n.ShardKey}".ToLowerInvariant(), StringComparison.Ordinal)))
                .Select(n => n.Identity).ToList();
            if (durability.Mode == DurabilityMode.Balanced && !agents.Any(a => a.StartsWith("wolverinedb://", StringComparison.Ordinal)))
                missing.Add("durability (legal clocks)");
            return missing.Count == 0
                ? HealthCheckResult.Healthy($"{agents.Count} agents running.")
                : HealthCheckResult.Degraded($"Not running on any live node: {string.Join(", ", missing)}.");
        }
    }
}
