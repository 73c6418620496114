using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// Tells a crashed node from a slow one by its database session rather than by heartbeat silence alone. Each node
/// holds a PostgreSQL session advisory lock named after its Wolverine node id on a connection of its own for as
/// long as the process lives; PostgreSQL drops the lock the moment the process dies (kill -9, OOM, crash: the
/// socket closes). Every heartbeat the leader looks at the others: a node whose heartbeat has missed two beats and
/// whose lock is free is gone, so its record is removed (as Wolverine's own stale-node ejection does) and the
/// leader re-evaluates at once, moving its agents seconds before the stale timeout would. This is also how a
/// restarted node recognises its own previous incarnation. A live node keeps its lock and its heartbeat, so a
/// pause never ejects it here; a machine that vanishes without closing its sockets falls back to
/// <c>Cluster:StaleNodeTimeout</c> (the lock session asks PostgreSQL for TCP keepalives to notice it sooner).
/// </summary>
public sealed class NodeLiveness(IWolverineRuntime runtime, IConfiguration configuration, ILogger<NodeLiveness> log) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();
    private readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    private NpgsqlConnection? session;
    private DateTimeOffset sessionOpenedAt;
    private Task loop = Task.CompletedTask;

    private WolverineOptions Options => runtime.Options;
    private TimeSpan Beat => Options.Durability.HealthCheckPollingTime;

    public async Task StartAsync(CancellationToken ct)
    {
        if (Options.Durability.Mode != DurabilityMode.Balanced) return;
        try { await HoldOwnLockAsync(ct); }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            log.LogWarning("Could not take this node's liveness lock yet ({Error}); retrying every heartbeat", e.GetType().Name);
        }
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        try { await loop.WaitAsync(ct); } catch (OperationCanceledException) { }
        if (session is not null) await session.DisposeAsync();
    }

    /// <summary>The advisory lock key of a node: database-wide, so the schema is part of it.</summary>
    public static long Key(string schema, Guid nodeId) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"cp-node-liveness/{schema}/{nodeId:N}")), 0);

    private string Schema => configuration["Marten:Schema"] ?? "cp";

    private async Task HoldOwnLockAsync(CancellationToken ct)
    {
        if (session is { State: System.Data.ConnectionState.Open }) return;
        if (session is not null) await session.DisposeAsync();
        // Not pooled: the lock must end with this process's connection, never live on in a pool.
        var cs = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Marten")) { Pooling = false, ApplicationName = "cp-node-liveness" };
        session = new NpgsqlConnection(cs.ConnectionString);
        await session.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3; select pg_advisory_lock(@key)", session);
        command.Parameters.AddWithValue("key", Key(Schema, Options.UniqueNodeId));
        await command.ExecuteNonQueryAsync(ct);
        sessionOpenedAt = DateTimeOffset.UtcNow;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await HoldOwnLockAsync(ct);
                await EjectGoneNodesAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning("Node liveness check failed ({Error}); next try in {Beat}", e.GetType().Name, Beat);
                if (session is not null) { await session.DisposeAsync(); session = null; }
            }
            try { await Task.Delay(Beat, ct); } catch (OperationCanceledException) { return; }
        }
    }

    private async Task EjectGoneNodesAsync(CancellationToken ct)
    {
        // The leader ejects and re-evaluates at once; when the leader itself died its lock is free and a follower
        // becomes leader at its next heartbeat, then does the same.
        if ((runtime as WolverineRuntime)?.NodeController is not { IsLeader: true }) return;
        var silentSince = DateTimeOffset.UtcNow - 2 * Beat;
        // Just back from losing our own session (PostgreSQL restarted, say): every other live node lost its lock and
        // missed beats too, and takes both back within a beat or two, so judge no one yet.
        if (sessionOpenedAt > DateTimeOffset.UtcNow - 3 * Beat && DateTimeOffset.UtcNow - startedAt > 3 * Beat) return;
        var ejected = false;
        foreach (var node in await runtime.Storage.Nodes.LoadAllNodesAsync(ct))
        {
            if (node.NodeId == Options.UniqueNodeId || node.LastHealthCheck > silentSince) continue;
            await using var probe = new NpgsqlCommand("select pg_try_advisory_lock(@key)", session);
            probe.Parameters.AddWithValue("key", Key(Schema, node.NodeId));
            if (await probe.ExecuteScalarAsync(ct) is not true) continue;
            await using (var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", session))
            {
                release.Parameters.AddWithValue("key", Key(Schema, node.NodeId));
                await release.ExecuteScalarAsync(ct);
            }
            log.LogWarning("Node {NodeNumber} ({NodeId}) is gone: its database session ended and its heartbeat stopped at {LastHeartbeat}; removing it so its agents move now",
                node.AssignedNodeNumber, node.NodeId, node.LastHealthCheck);
            await runtime.Storage.Nodes.DeleteAsync(node.NodeId, node.AssignedNodeNumber);
            ejected = true;
        }
        // Assign the dead node's agents now rather than at the next scheduled evaluation.
        if (ejected) await new MessageBus(runtime).InvokeAsync(new CheckAgentHealth(), ct);
    }
}
