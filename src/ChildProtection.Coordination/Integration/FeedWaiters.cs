using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Integration;

/// <summary>Long-poll settings of the feed (section <c>Feed</c>).</summary>
public sealed class FeedOptions
{
    public const string Section = "Feed";

    /// <summary>Requests that may wait (<c>wait</c> &gt; 0) at once on this node; one more with nothing to read gets 503 and <c>Retry-After</c>.</summary>
    [Range(0, 100_000)]
    public int MaxWaiters { get; set; } = 200;

    /// <summary>How often the one shared poll reads the store's high-water mark while anyone waits.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// The feed's long-poll waiters on this node: at most <see cref="FeedOptions.MaxWaiters"/> of them, and one query of
/// the high-water mark per <see cref="FeedOptions.PollInterval"/> for all of them together, run only while someone
/// waits; each waiter reads its page only when the mark has moved.
/// </summary>
public sealed class FeedWaiters(IDocumentStore store, IOptions<FeedOptions> options, ILogger<FeedWaiters> log)
{
    private readonly Lock gate = new();
    private int waiting;
    private long highWater = -1;
    private TaskCompletionSource moved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool polling;

    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>A place among the waiters, or null when they are full.</summary>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref waiting) > options.Value.MaxWaiters)
        {
            Interlocked.Decrement(ref waiting);
            return null;
        }
        lock (gate)
        {
            if (!polling)
            {
                polling = true;
                _ = Task.Run(PollAsync);
            }
        }
        return new Place(this);
    }

    /// <summary>Waits until the high-water mark passes <paramref name="seen"/>, the deadline comes or the caller goes.</summary>
    public async Task WaitPastAsync(long seen, DateTimeOffset deadline, CancellationToken ct)
    {
        Task next;
        lock (gate)
        {
            if (highWater > seen) return;
            next = moved.Task;
        }
        var left = deadline - DateTimeOffset.UtcNow;
        if (left <= TimeSpan.Zero) return;
        try { await next.WaitAsync(left, ct); }
        catch (TimeoutException) { }
    }

    private async Task PollAsync()
    {
        while (true)
        {
            // Decided under the lock that TryEnter takes, so a waiter arriving as the last one leaves still gets a poll.
            lock (gate)
            {
                if (Volatile.Read(ref waiting) == 0)
                {
                    polling = false;
                    return;
                }
            }
            try
            {
                var mark = (await store.Advanced.AllProjectionProgress()).FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
                lock (gate)
                {
                    if (mark > highWater)
                    {
                        highWater = mark;
                        moved.TrySetResult();
                        moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
            catch (Exception e)
            {
                // The waiters time out and answer what is there; the next poll tries again.
                log.LogWarning("Feed poll failed: {Error}", e.GetType().Name);
            }
            await Task.Delay(options.Value.PollInterval);
        }
    }

    private sealed class Place(FeedWaiters waiters) : IDisposable
    {
        private int left;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref left, 1) == 0) Interlocked.Decrement(ref waiters.waiting);
        }
    }
}
