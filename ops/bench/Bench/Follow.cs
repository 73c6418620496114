using System.Diagnostics;
using System.Text.Json;

namespace Bench;

/// <summary>
/// How fast the async side (the pathway, the inboxes, the integrity seals) follows intake: N reports by 32 clients as fast
/// as they go, then the time until every async shard has reached the newest event (the pathway's own hand-offs included).
/// The follow rate is N over the time from the first report to the last shard caught up; beside it the intake's own rate,
/// each shard's catch-up time and how far behind it was when intake ended, and per report the database rows and
/// transactions and the CPU of the service and PostgreSQL.
/// </summary>
public static class Follow
{
    public static async Task<object> RunAsync(Api api, Database db, int reports, int clients)
    {
        var counters = await db.CountersAsync();
        var tables = await db.TableCountersAsync();
        var cpu = CpuSample.Now();
        var clock = Stopwatch.StartNew();
        long next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < reports) await api.ReportAsync();
        })));
        var intakeSeconds = clock.Elapsed.TotalSeconds;
        // How far each shard is behind when the last report has been answered: what is left for the async side alone.
        var maxAtIntakeEnd = await db.MaxSequenceAsync();
        var behindAtIntakeEnd = (await db.ShardsAsync()).ToDictionary(s => s.Name, s => Math.Max(0, maxAtIntakeEnd - s.Sequence));

        // Each shard's time to reach the newest event; done when all are there twice in a row (the pathway appends after reading).
        var caughtUp = new Dictionary<string, double>();
        var steady = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var max = await db.MaxSequenceAsync();
            var shards = await db.ShardsAsync();
            var behind = 0;
            foreach (var (name, seq) in shards)
            {
                if (seq >= max) caughtUp.TryAdd(name, Math.Round(clock.Elapsed.TotalSeconds, 2));
                else { caughtUp.Remove(name); behind++; }
            }
            if (behind == 0 && ++steady >= 2) break;
            if (behind > 0) steady = 0;
            await Task.Delay(100);
        }
        var total = caughtUp.Values.DefaultIfEmpty(clock.Elapsed.TotalSeconds).Max();
        await Task.Delay(1500);   // backends publish their statistics at most once a second
        var cost = (await db.CountersAsync() - counters).PerOperation(reports);
        var perTable = Database.TablesPerOperation(tables, await db.TableCountersAsync(), reports);
        foreach (var (k, v) in (CpuSample.Now() - cpu).PerOperation(reports)) cost[k] = v;
        var result = new
        {
            reports, clients,
            intakeSeconds = Math.Round(intakeSeconds, 2), intakePerSecond = Math.Round(reports / intakeSeconds),
            caughtUpSeconds = Math.Round(total, 2), followPerSecond = Math.Round(reports / total),
            shardsCaughtUpSeconds = caughtUp, eventsBehindAtIntakeEnd = behindAtIntakeEnd,
            secondsAfterIntake = Math.Round(total - intakeSeconds, 2), perReport = cost, rowsPerReportByTable = perTable,
        };
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        return result;
    }

    /// <summary>
    /// A sustained intake at <paramref name="rate"/> reports/s (32 clients, each report started on a schedule, none
    /// skipped) for <paramref name="duration"/>, sampling every 200 ms how old the oldest event each shard has not done
    /// yet is: that age is the shard's lag in seconds (0 when it is current). Gives each shard's max and p99 lag, the rows
    /// per report by table and the intake actually reached.
    /// </summary>
    public static async Task<object> PacedAsync(Api api, Database db, double rate, TimeSpan duration)
    {
        var counters = await db.CountersAsync();
        var tables = await db.TableCountersAsync();
        var cpu = CpuSample.Now();
        var total = (int)(rate * duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        long next = -1, done = 0;
        var intake = Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (long i; (i = Interlocked.Increment(ref next)) < total;)
            {
                var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                await api.ReportAsync();
                Interlocked.Increment(ref done);
            }
        })));
        var samples = new Dictionary<string, List<double>>();
        while (!intake.IsCompleted)
        {
            foreach (var (name, lag) in await db.ShardLagSecondsAsync())
                (samples.TryGetValue(name, out var list) ? list : samples[name] = []).Add(lag);
            await Task.Delay(200);
        }
        await intake;
        var seconds = clock.Elapsed.TotalSeconds;
        await db.QuiesceAsync(TimeSpan.FromSeconds(120));
        await Task.Delay(1500);
        var cost = (await db.CountersAsync() - counters).PerOperation(total);
        foreach (var (k, v) in (CpuSample.Now() - cpu).PerOperation(total)) cost[k] = v;
        var result = new
        {
            mode = "paced", targetPerSecond = rate, reports = total, intakePerSecond = Math.Round(done / seconds, 1),
            lagSeconds = samples.ToDictionary(s => s.Key, s =>
            {
                var sorted = s.Value.Order().ToList();
                return new { samples = sorted.Count, max = Math.Round(sorted[^1], 3), p99 = Math.Round(sorted[(int)(0.99 * (sorted.Count - 1))], 3), p50 = Math.Round(sorted[sorted.Count / 2], 3) };
            }),
            perReport = cost, rowsPerReportByTable = Database.TablesPerOperation(tables, await db.TableCountersAsync(), total),
        };
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        return result;
    }
}
