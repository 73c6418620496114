using System.Diagnostics;

namespace Bench;

/// <summary>Throughput and latency of one measured load: successes per second, p50/p99 of the successes.</summary>
public sealed record LoadResult(string Name, int Clients, double Seconds, long Ok, long Failed, double PerSecond, double P50Ms, double P99Ms)
{
    public Dictionary<string, double>? PerOperation { get; init; }
}

public static class Load
{
    /// <summary>
    /// Runs <paramref name="clients"/> loops of <paramref name="operation"/> for a short warm-up (not counted) and then
    /// <paramref name="duration"/>. Each loop is one client: the next call starts when the previous answered.
    /// </summary>
    public static async Task<LoadResult> RunAsync(string name, int clients, TimeSpan duration, Func<int, long, Task<bool>> operation,
        TimeSpan? warmUp = null)
    {
        var warm = warmUp ?? TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();
        var measuredFrom = warm.TotalMilliseconds;
        var measuredTo = (warm + duration).TotalMilliseconds;
        var latencies = new List<double>[clients];
        var failed = new long[clients];

        var loops = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            for (long i = 0; ; i++)
            {
                var start = clock.Elapsed.TotalMilliseconds;
                if (start >= measuredTo) return;
                bool ok;
                try { ok = await operation(c, i); }
                catch (Exception e) when (e is not OutOfMemoryException) { ok = false; Failures.Note(name, e); }
                var end = clock.Elapsed.TotalMilliseconds;
                if (start < measuredFrom || end > measuredTo) continue;
                if (ok) mine.Add(end - start); else failed[c]++;
            }
        })).ToArray();
        await Task.WhenAll(loops);

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var seconds = duration.TotalSeconds;
        return new LoadResult(name, clients, seconds, all.Length, failed.Sum(), all.Length / seconds,
            Percentile(all, 50), Percentile(all, 99));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 2);
    }

    public static double[] Sorted(IEnumerable<double> values)
    {
        var a = values.ToArray();
        Array.Sort(a);
        return a;
    }
}

/// <summary>The first failure of each measurement, so a run that only measured errors says why.</summary>
public static class Failures
{
    private static readonly Dictionary<string, string> First = new();

    public static void Note(string where, Exception e) => Note(where, $"{e.GetType().Name}: {e.Message}");

    public static void Note(string where, string what)
    {
        lock (First)
        {
            if (First.TryAdd(where, what)) Console.Error.WriteLine($"bench: {where}: first failure: {what}");
        }
    }

    public static IReadOnlyDictionary<string, string> All
    {
        get { lock (First) return new Dictionary<string, string>(First); }
    }
}
