using System.Diagnostics;

namespace Bench;

/// <summary>
/// The fast path to a large store: copies of real case streams (made over HTTP, hand-offs and all) inserted with
/// INSERT … SELECT, each copy a new stream id with its events' caseId rewritten, while the service is stopped, then vacuumed and checkpointed.
/// The async shards are then moved past the copies, as if the daemon had processed them; the copies have no
/// read-model rows (summary, snapshot, inbox, seals) — only the event store grows.
/// <paramref name="rewrite"/> (SQL of an event's or document's jsonb and the copy's id) rewrites each copy as it is made;
/// <paramref name="copyFacts"/> copies the templates' CaseIndicatorFacts documents too, rewritten the same way, with their
/// columns taken from the rewritten document (what a rebuild of the copies would write).
/// </summary>
public sealed class Seeder(Database db, Func<string, string, string>? rewrite = null, bool copyFacts = false)
{
    private const int BatchEvents = 100_000;

    private string Rewrite(string data, string id) => rewrite is null ? data : rewrite(data, id);

    private string Facts => $"""
        insert into {db.Schema}.mt_doc_caseindicatorfacts (id, data, mt_dotnet_type, mt_version, communes, received_at, open, last_at, status_rec)
          select c.new_id, x.data, f.mt_dotnet_type, f.mt_version, array(select jsonb_array_elements_text(x.data->'communes')),
                 (x.data->>'receivedAt')::timestamptz, (x.data->>'open')::boolean, (x.data->>'lastAt')::timestamptz, (x.data->>'statusRec')::timestamptz
          from bench_copy c join {db.Schema}.mt_doc_caseindicatorfacts f on f.id = c.old_id
          cross join lateral (select {Rewrite("jsonb_set(f.data, array['id'], to_jsonb(c.new_id::text))", "c.new_id")} as data) x;
        """;

    public sealed record Outcome(long Target, long Reached, double Seconds, double EventsPerSecond, bool StoppedForTime);

    public async Task<Outcome> SeedToAsync(long target, DateTimeOffset mustEndBy)
    {
        var s = db.Schema;
        var clock = Stopwatch.StartNew();
        var start = await db.EventCountAsync();
        // Ordinary cases only (not the replay probe's 1,000-event case), the oldest few hundred, chosen once for the run: the
        // copies are cases too, with their originals' creation times, so a query re-run per batch would pick copies as well
        // when there are fewer than 500 originals, and each batch would copy more than it counted (1.4M events for a 1M target).
        await db.ExecuteAsync($"""
            create table if not exists {s}.bench_templates as
              select id from {s}.mt_streams where type = 'case' and version <= 50 order by created, id limit 500;
            """);
        var templates = $"select id from {s}.bench_templates";
        var templateEvents = await db.ScalarAsync($"select count(*) from {s}.mt_events where stream_id in ({templates})");
        if (templateEvents == 0) throw new InvalidOperationException("no case streams to copy: report some cases first");

        var now = start;
        var stoppedForTime = false;
        while (now < target)
        {
            var reps = Math.Max(1, (int)Math.Min(BatchEvents, target - now) / (int)templateEvents);
            var batch = Stopwatch.StartNew();
            await db.ExecuteAsync($"""
                begin;
                create temp table bench_copy on commit drop as
                  select s.id as old_id, gen_random_uuid() as new_id
                  from {s}.mt_streams s cross join generate_series(1, {reps})
                  where s.id in ({templates});
                insert into {s}.mt_streams (id, type, version, timestamp, created, tenant_id, is_archived)
                  select c.new_id, s.type, s.version, s.timestamp, s.created, s.tenant_id, false
                  from bench_copy c join {s}.mt_streams s on s.id = c.old_id;
                insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type,
                                           correlation_id, causation_id, headers, user_name, is_archived)
                  select nextval('{s}.mt_events_sequence'), gen_random_uuid(), c.new_id, e.version,
                         {Rewrite("case when e.data ? 'caseId' then jsonb_set(e.data, array['caseId'], to_jsonb(c.new_id::text)) else e.data end", "c.new_id")},
                         e.type, e.timestamp, e.tenant_id, e.mt_dotnet_type, e.correlation_id, e.causation_id, e.headers, e.user_name, false
                  from (select * from bench_copy order by new_id) c join {s}.mt_events e on e.stream_id = c.old_id
                  order by c.new_id, e.version;
                {(copyFacts ? Facts : "")}
                commit;
                """);
            now = await db.EventCountAsync();
            var perBatch = batch.Elapsed;
            Console.Error.WriteLine($"bench: seeded to {now:N0} events ({perBatch.TotalSeconds:F1} s for this batch)");
            // Stop while the next batch would still end inside the budget.
            if (now < target && DateTimeOffset.UtcNow + perBatch * 1.2 > mustEndBy) { stoppedForTime = true; break; }
        }
        // What a store in service looks like after its autovacuum: visibility map set, statistics fresh, the seed's dirty
        // pages written. Otherwise the insert-triggered autovacuum and the checkpoint run during the next measurement.
        await db.ExecuteAsync($"vacuum (analyze) {s}.mt_events");
        await db.ExecuteAsync($"vacuum (analyze) {s}.mt_streams");
        await db.ExecuteAsync("checkpoint");
        // The copies count as processed: no hand-off, inbox line or seal is made for them when the service starts.
        await db.ExecuteAsync($"update {s}.mt_event_progression set last_seq_id = (select max(seq_id) from {s}.mt_events)");
        var seconds = clock.Elapsed.TotalSeconds;
        return new Outcome(target, now, Math.Round(seconds, 1), Math.Round((now - start) / seconds), stoppedForTime);
    }
}
