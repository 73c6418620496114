using System.Runtime.ExceptionServices;
using Marten;
using Microsoft.Extensions.Options;
namespace ChildProtection.Coordination.Cases.Steps;

/// <summary>Intake:GroupCommit — several concurrent reports committed in one transaction (off by default; docs/benchmark.md).</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Intake";

    /// <summary>Whether concurrent reports share a transaction. Off: each report commits its own, as every step does.</summary>
    public bool GroupCommit { get; set; }

    /// <summary>The most reports one transaction carries.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int GroupCommitMaxReports { get; set; } = 32;

    /// <summary>How many group transactions may be in flight at once (each on its own connection).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int GroupCommitLanes { get; set; } = 2;
}

/// <summary>
/// Group commit for reports: a report's writes (<c>Action&lt;IDocumentSession&gt;</c>: its case key, its stream, its match
/// key, its idempotency record) are queued; a lane (a background loop, at most <see cref="GroupCommitOptions.GroupCommitLanes"/>
/// of them, started by a report that finds a lane free) commits every write queued by then in one session and one
/// transaction, and again until the queue is empty — no timer, so a lone report waits for nobody. The guarantees of a
/// report committed alone are kept: each caller learns only after the commit that holds its writes; when a group's
/// transaction fails, each of its reports is committed again alone in a transaction of its own, so one report's failure
/// (its Idempotency-Key won a moment ago, say) is that report's alone and is answered as it would have been (a replay,
/// a 503 on an outage); nothing a report sends is read by another's writes, so the order within a group does not matter.
/// A write is applied to a session at most twice (in the group, then alone): it must build what it stores afresh each time.
/// </summary>
public sealed class GroupCommit(IDocumentStore store, IOptions<GroupCommitOptions> options, ILogger<GroupCommit> log)
{
    private sealed record Pending(Action<IDocumentSession> Write, TaskCompletionSource<Exception?> Done);

    private readonly object _gate = new();
    private readonly Queue<Pending> _queue = new();
    private int _lanes;

    public bool Enabled => options.Value.GroupCommit;

    /// <summary>Commits <paramref name="write"/> with whatever else is queued; throws what its own commit threw.</summary>
    /// <remarks>
    /// Not cancellable once queued: the caller's answer must say whether its report was committed, and others share the transaction.
    /// </remarks>
    public async Task CommitAsync(Action<IDocumentSession> write)
    {
        var pending = new Pending(write, new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            lead = _lanes < options.Value.GroupCommitLanes;
            if (lead) _lanes++;
        }
        // The lane runs on its own, not on this request: a request that leads is not held committing others' groups after its own.
        if (lead) _ = Task.Run(LeadAsync);
        if (await pending.Done.Task is { } failure) ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Commits groups until the queue is empty, then gives up its lane.</summary>
    private async Task LeadAsync()
    {
        while (true)
        {
            var group = new List<Pending>();
            lock (_gate)
            {
                while (group.Count < options.Value.GroupCommitMaxReports && _queue.TryDequeue(out var next)) group.Add(next);
                if (group.Count == 0)
                {
                    _lanes--;
                    return;
                }
            }
            await CommitGroupAsync(group);
        }
    }

    private async Task CommitGroupAsync(List<Pending> group)
    {
        if (group.Count > 1)
        {
            try
            {
                await using var session = store.LightweightSession();
                foreach (var pending in group) pending.Write(session);
                await session.SaveChangesAsync(CancellationToken.None);
                foreach (var pending in group) pending.Done.SetResult(null);
                return;
            }
            catch (Exception e)
            {
                log.LogDebug("A group of {Count} reports failed to commit ({Error}); each is committed alone.", group.Count, e.GetType().Name);
            }
        }
        await Task.WhenAll(group.Select(CommitAloneAsync));
    }

    private async Task CommitAloneAsync(Pending pending)
    {
        try
        {
            await using var session = store.LightweightSession();
            pending.Write(session);
            await session.SaveChangesAsync(CancellationToken.None);
            pending.Done.SetResult(null);
        }
        catch (Exception e)
        {
            pending.Done.SetResult(e);
        }
    }
}
