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
/// leader re-evaluates at once, moving its agents seconds before the stale timeout would. A starting node applies
/// the same test before it joins the cluster, so a restarted node removes its own previous incarnation before
/// Wolverine's leader could count it as alive. A live node keeps its lock and its heartbeat, so a
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

    /// <summary>
    /// Runs before Wolverine starts (Program.cs registers this service ahead of <c>UseWolverine</c>), so this node's
    /// lock is held before its node record exists (a record whose lock is free is never a node still starting), and
    /// the records of crashed nodes, this node's previous incarnation among them, are gone before this node first
    /// evaluates the agent assignments.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (Options.Durability.Mode != DurabilityMode.Balanced) return;
        try
        {
            await HoldOwnLockAsync(ct);
            await EjectCrashedPredecessorsAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            log.LogWarning("Could not take this node's liveness lock yet ({Error}); retrying every heartbeat", e.GetType().Name);
        }
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Removes, before this node joins, every node whose liveness lock is free and whose heartbeat has missed two
    /// beats, waiting (at most three beats) for a free-locked node's heartbeat to age that far.
    /// </summary>
    /// <remarks>
    /// Without this a restarted node, the first to look at the cluster, saw its killed incarnation as alive (its last
    /// heartbeat was younger than the stale timeout), and Wolverine's leader balanced the agents over "both" nodes:
    /// it sent a <c>ReassignAgents</c> for half of them from the dead node to the new one. The stop never got an
    /// answer, and once the dead node was removed Wolverine 6.64's pending-assignment ledger
    /// (<c>NodeAgentController.applyPendingAssignmentsLocked</c>, src/Wolverine/Runtime/Agents/
    /// NodeAgentController.EvaluateAssignments.cs) still held those agents on the new node without starting them
    /// until <c>2 × CheckAssignmentPeriod</c> after the move was sent: the pathway or the inboxes ran nowhere for up
    /// to a minute (<see cref="AgentAssignmentRetry"/> now bounds that to seconds, for any move whose source dies). A
    /// node that has no record yet cannot be judged by these rules, which is why this runs first.
    /// </remarks>
    private async Task EjectCrashedPredecessorsAsync(CancellationToken ct)
    {
        var giveUpAt = DateTimeOffset.UtcNow + 3 * Beat;
        while (true)
        {
            IReadOnlyList<WolverineNode> nodes;
            try { nodes = await runtime.Storage.Nodes.LoadAllNodesAsync(ct); }
            // The first start of a database: Wolverine has not created its tables yet, so there is nobody to remove.
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName) { return; }
            var undecided = false;
            foreach (var node in nodes)
            {
                if (node.NodeId == Options.UniqueNodeId || !await LockIsFreeAsync(node.NodeId, ct)) continue;
                if (node.LastHealthCheck > DateTimeOffset.UtcNow - 2 * Beat) { undecided = true; continue; }
                await EjectAsync(node);
            }
            if (!undecided || DateTimeOffset.UtcNow > giveUpAt) return;
            await Task.Delay(Beat / 4, ct);
        }
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

    /// <summary>
    /// The nodes of the schema's cluster running now: those of Wolverine's node records whose liveness lock some session
    /// holds. For the verbs that need the service stopped (Operations/FastRebuilds.cs); a crashed node's record, its lock
    /// free, does not count.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> RunningNodesAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        var nodes = new List<Guid>();
        try
        {
            await using var read = new NpgsqlCommand($"select id from {schema}.wolverine_nodes", connection);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) nodes.Add(reader.GetGuid(0));
        }
        // Wolverine has not made its tables yet: no node has ever run.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName) { return []; }
        var running = new List<Guid>();
        foreach (var node in nodes)
        {
            await using var probe = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
            probe.Parameters.AddWithValue("key", Key(schema, node));
            if (await probe.ExecuteScalarAsync(ct) is not true) { running.Add(node); continue; }
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", Key(schema, node));
            await release.ExecuteScalarAsync(ct);
        }
        return running;
    }

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
            if (node.NodeId == Options.UniqueNodeId || node.LastHealthCheck > silentSince || !await LockIsFreeAsync(node.NodeId, ct)) continue;
            await EjectAsync(node);
            ejected = true;
        }
        // Assign the dead node's agents now rather than at the next scheduled evaluation.
        if (ejected) await new MessageBus(runtime).InvokeAsync(new CheckAgentHealth(), ct);
    }

    /// <summary>No session holds the node's liveness lock: its process is gone (or lost its connection this very moment).</summary>
    private async Task<bool> LockIsFreeAsync(Guid nodeId, CancellationToken ct)
    {
        await using var probe = new NpgsqlCommand("select pg_try_advisory_lock(@key)", session);
        probe.Parameters.AddWithValue("key", Key(Schema, nodeId));
        if (await probe.ExecuteScalarAsync(ct) is not true) return false;
        await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", session);
        release.Parameters.AddWithValue("key", Key(Schema, nodeId));
        await release.ExecuteScalarAsync(ct);
        return true;
    }

    /// <summary>Removes the node's record as Wolverine's own stale-node ejection does: its agents and its envelopes are free to move.</summary>
    private async Task EjectAsync(WolverineNode node)
    {
        log.LogWarning("Node {NodeNumber} ({NodeId}) is gone: its database session ended and its heartbeat stopped at {LastHeartbeat}; removing it so its agents move now",
            node.AssignedNodeNumber, node.NodeId, node.LastHealthCheck);
        await runtime.Storage.Nodes.DeleteAsync(node.NodeId, node.AssignedNodeNumber);
    }
}

/// <summary>
/// In a cluster (Balanced mode), an agent the leader moved or started whose command ended unconfirmed (its source node
/// died mid-move, say) is re-sent after two heartbeats rather than a minute.
/// </summary>
/// <remarks>
/// Wolverine 6.64's leader holds such an agent on its destination, unstarted, until the command is no longer in flight
/// and <c>2 × CheckAssignmentPeriod</c> (60 s by default) has passed since it was sent
/// (<c>NodeAgentController.applyPendingAssignmentsLocked</c>, src/Wolverine/Runtime/Agents/
/// NodeAgentController.EvaluateAssignments.cs); the pathway or the inboxes ran nowhere meanwhile. Balanced mode uses
/// the period for nothing else. Solo mode (the test hosts) uses it as the interval at which it restarts stopped agents,
/// so it keeps Wolverine's default there: an extension applied at start-up, when the mode is settled.
/// </remarks>
public sealed class AgentAssignmentRetry : IAsyncWolverineExtension
{
    public ValueTask Configure(WolverineOptions options)
    {
        if (options.Durability.Mode == DurabilityMode.Balanced)
            options.Durability.CheckAssignmentPeriod = 2 * options.Durability.HealthCheckPollingTime;
        return ValueTask.CompletedTask;
    }
}
