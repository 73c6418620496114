using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bench;

/// <summary>
/// The hand-off delay while agencies and the pathway write the same cases (issue 12, item 3): each of W workers reports a
/// case in the probe commune and, the moment the report is committed, takes S legal-aid steps on it at once, while the
/// pathway appends the report's hand-off to the same case; then waits until the hand-off is in the receiving People's
/// Committee's inbox (its AgencyInbox row). A lost race leaves a hole in the event sequence, and the async daemon used to
/// stop every shard for Marten's stale-sequence threshold (3 s) at each one; the holes are counted beside the delay.
/// </summary>
public static class Race
{
    public static async Task<object> RunAsync(Api api, Database db, int workers, int stepsPerCase, TimeSpan duration)
    {
        var delays = new ConcurrentBag<double>();
        var steps = new ConcurrentDictionary<int, int>();
        var firstSequence = await db.MaxSequenceAsync();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                if (await api.ReportIntoAsync(Api.InboxCommune) is not { } id) continue;
                var committed = Stopwatch.StartNew();
                var racing = Task.WhenAll(Enumerable.Range(0, stepsPerCase).Select(_ => api.LegalAidAsync(id)));
                while (!await InInboxAsync(db, id))
                {
                    if (committed.Elapsed > TimeSpan.FromSeconds(30)) { Failures.Note("race", $"case {id} not in the inbox after 30 s"); break; }
                    await Task.Delay(5);
                }
                delays.Add(committed.Elapsed.TotalMilliseconds);
                foreach (var status in await racing) steps.AddOrUpdate(status, 1, (_, n) => n + 1);
            }
        })));
        await db.QuiesceAsync(TimeSpan.FromSeconds(60));
        // Sequence numbers drawn since the start that are not events: appends rolled back after drawing them (lost races).
        var holes = await db.ScalarAsync(
            $"select coalesce(max(seq_id) - min(seq_id) + 1 - count(*), 0) from {db.Schema}.mt_events where seq_id > {firstSequence}");
        var sorted = Load.Sorted(delays);
        var result = new
        {
            workers, stepsPerCase, cases = sorted.Length,
            p50Ms = Load.Percentile(sorted, 50), p99Ms = Load.Percentile(sorted, 99), maxMs = sorted.DefaultIfEmpty(0).Max(),
            stepStatuses = steps.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(), s => s.Value),
            sequenceHoles = holes,
        };
        Console.Error.WriteLine(System.Text.Json.JsonSerializer.Serialize(result));
        return result;
    }

    private static async Task<bool> InInboxAsync(Database db, Guid caseId) =>
        await db.ScalarAsync($"select count(*) from {db.Schema}.mt_doc_inboxitem where data ->> 'caseId' = '{caseId}' and data ->> 'toAgency' = '{Api.InboxAgency}'") > 0;
}
