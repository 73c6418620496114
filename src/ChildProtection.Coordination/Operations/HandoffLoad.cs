using System.Diagnostics.Metrics;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Handoffs.Inbox;
using Marten;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// Open and overdue hand-offs for the <c>cp.handoffs.open</c> and <c>cp.handoffs.overdue</c> gauges, counted in
/// the database (the agencies' inboxes) so that every node of a cluster reports the same, whole figure — a
/// counter kept in one process would only know the work that process saw. A reading is kept for a few
/// seconds: exporters and scrapes of several nodes cost two indexed counts, not two per instrument per scrape.
/// </summary>
public sealed class HandoffLoad(IDocumentStore store, TimeProvider time) : IHostedService
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>Open hand-offs across the whole service (every node reports the same figure: read it as a max, not a sum).</summary>
    public static readonly ObservableGauge<long> HandoffsOpen =
        ServiceMetrics.Meter.CreateObservableGauge("cp.handoffs.open", () => Current.Open, "{handoff}", "Hand-offs open in the agencies' inboxes.");

    /// <summary>Open hand-offs past their due time with the clock running, or breached.</summary>
    public static readonly ObservableGauge<long> HandoffsOverdue =
        ServiceMetrics.Meter.CreateObservableGauge("cp.handoffs.overdue", () => Current.Overdue, "{handoff}", "Open hand-offs past their due time.");

    public readonly record struct Reading(long Open, long Overdue);

    // The gauges are static (one Meter per process); they read through the host that started last and still
    // runs (a process runs one host; tests run several, one after another and sometimes side by side).
    private static readonly List<HandoffLoad> running = [];
    private readonly Lock gate = new();
    private Reading last;
    private DateTimeOffset readAt = DateTimeOffset.MinValue;

    public static Reading Current
    {
        get
        {
            HandoffLoad? newest;
            lock (running) newest = running.LastOrDefault();
            return newest?.Read() ?? default;
        }
    }

    public Reading Read()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now - readAt < MaxAge) return last;
            try
            {
                // Observable instruments are read synchronously by the exporter's own thread.
                last = CountAsync(now).GetAwaiter().GetResult();
                readAt = now;
            }
            catch (Exception)
            {
                // A database hiccup keeps the previous reading rather than failing the export of every other metric.
            }
            return last;
        }
    }

    private async Task<Reading> CountAsync(DateTimeOffset now)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var session = store.QuerySession();
        var open = await session.Query<InboxItem>().CountAsync(timeout.Token);
        var overdue = await session.Query<InboxItem>().CountAsync(x => x.Breached || (x.ClockRunning && x.DueAt < now), timeout.Token);
        return new Reading(open, overdue);
    }

    public Task StartAsync(CancellationToken ct)
    {
        lock (running) running.Add(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct)
    {
        lock (running) running.Remove(this);
        return Task.CompletedTask;
    }
}
