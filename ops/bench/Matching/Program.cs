// ops/bench/matching harness: `quality [children] [seeds…]` prints precision and recall of duplicate detection on generated
// Vietnamese child records, one line per seed; `misses [children] [seed]` lists the pairs missed or wrongly offered (synthetic
// records only); `lookup [keys] [lookups] [distinct] [limit]` stores that many match keys in the bench database and times the candidate
// lookup the service makes beside a primary-key read of one match key in the same run. See docs/benchmark.md and docs/matching.md.
using System.Diagnostics;
using System.Security.Cryptography;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Tests.Cases.Matching;
using Marten;
using Npgsql;

var verb = args.FirstOrDefault() ?? "quality";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i]) : fallback;
var secret = new MatchKeySecret(RandomNumberGenerator.GetBytes(32));
var threshold = new MatchingOptions().Threshold;
string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

if (verb == "quality")
{
    var children = Arg(1, 3000);
    int[] seeds = args.Length > 2 ? args.Skip(2).Select(int.Parse).ToArray() : [1, 2, 3, 4, 5, 17];
    Console.WriteLine("| seed | children | reports | true pairs | found | correct | precision | recall | keys read a lookup (mean) |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    var met = true;
    foreach (var seed in seeds)
    {
        var reports = SyntheticChildren.Generate(children, seed);
        var q = MatchQuality.Measure(reports, secret, threshold);
        Console.WriteLine($"| {seed} | {children} | {q.Reports} | {q.TruePairs} | {q.Found} | {q.Correct} | {q.Precision:F3} | {q.Recall:F3} | {(double)q.Compared / q.Reports:F1} |");
        met &= q.Precision >= 0.95 && q.Recall >= 0.95;
    }
    Console.WriteLine($"threshold {threshold}; " + (met ? "targets met on every seed: precision ≥ 0.95 and recall ≥ 0.95"
        : "targets NOT met on every seed: precision ≥ 0.95 and recall ≥ 0.95"));
    return met ? 0 : 1;
}

if (verb == "misses")
{
    var (children, seed) = (Arg(1, 3000), Arg(2, 17));
    var reports = SyntheticChildren.Generate(children, seed);
    var keys = MatchQuality.Keys(reports, secret);
    var (found, _) = MatchQuality.Offered(keys, threshold);
    string Show(int i) => $"{reports[i].Identity.Name} | {reports[i].Identity.Sex} | {reports[i].Identity.DateOfBirth?.ToString() ?? $"{reports[i].Identity.BornFrom}..{reports[i].Identity.BornTo}"} | {reports[i].Identity.CommuneOfResidence} | {string.Join(",", reports[i].Identity.Schools)} | {string.Join(",", reports[i].Identity.CarerNames)}";
    bool Blocked(int i, int j) => keys[i].Probes.Intersect(keys[j].Blocks).Any() || keys[j].Probes.Intersect(keys[i].Blocks).Any();
    foreach (var g in reports.GroupBy(r => r.ChildId).Where(g => g.Count() > 1))
    {
        var n = g.Select(r => r.Number).ToArray();
        for (var a = 0; a < n.Length; a++)
            for (var b = a + 1; b < n.Length; b++)
                if (!found.Contains((n[a], n[b])))
                {
                    var s = MatchScoring.Score(keys[n[a]], keys[n[b]]);
                    Console.WriteLine($"MISSED blocked={Blocked(n[a], n[b])} score={s.Score} [{string.Join(",", s.Parts)}]\n  {Show(n[a])}\n  {Show(n[b])}");
                }
    }
    foreach (var sig in found.GroupBy(p => string.Join(",", MatchScoring.Score(keys[p.Item1], keys[p.Item2]).Parts))
                 .Select(g => (g.Key, True: g.Count(p => reports[p.Item1].ChildId == reports[p.Item2].ChildId), False: g.Count(p => reports[p.Item1].ChildId != reports[p.Item2].ChildId)))
                 .OrderByDescending(x => x.False))
        Console.WriteLine($"SIGNATURE true={sig.True} false={sig.False} [{sig.Key}]");
    foreach (var (i, j) in found.Where(p => reports[p.Item1].ChildId != reports[p.Item2].ChildId))
    {
        var s = MatchScoring.Score(keys[i], keys[j]);
        Console.WriteLine($"FALSE score={s.Score} [{string.Join(",", s.Parts)}]\n  {Show(i)}\n  {Show(j)}");
    }
    return 0;
}

if (verb == "lookup")
{
    var (target, lookups, distinct, limit) = (Arg(1, 1_000_000), Arg(2, 500), Arg(3, 40_000), Arg(4, DuplicateCandidates.FetchLimit));
    Console.Error.WriteLine($"load average {Load()} at the start");
    var cs = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? throw new InvalidOperationException("run ops/bench/matching");
    var db = new NpgsqlConnectionStringBuilder(cs) { Database = "childprotection_bench_matching" };
    // MATCHING_REUSE=1 times the lookups again on the keys the last run stored (same keys, distinct and copies): the bench's
    // service key and case ids are fixed, so the keys computed again are those stored.
    var reuse = Environment.GetEnvironmentVariable("MATCHING_REUSE") == "1";
    secret = new MatchKeySecret(SHA256.HashData("ops/bench/matching lookup"u8.ToArray()));
    if (!reuse)
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand("drop database if exists childprotection_bench_matching with (force)", admin).ExecuteNonQueryAsync();
            await new NpgsqlCommand("create database childprotection_bench_matching", admin).ExecuteNonQueryAsync();
        }
    await using var store = DocumentStore.For(opts =>
    {
        opts.Connection(db.ConnectionString);
        opts.DatabaseSchemaName = "cp";
        MatchKeyStorage.Configure(opts);
    });
    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    var (keyTable, blockTable) = ($"cp.{MatchKeyStorage.KeyTable}", $"cp.{MatchKeyStorage.BlockTable}");

    // The keys of `distinct` generated children (their reports, a third of them reported again), computed as the service does,
    // written as the service writes them (a key row + block rows)...
    var clock = Stopwatch.StartNew();
    var reports = SyntheticChildren.Generate(distinct, 17);
    var keys = reports.AsParallel().AsOrdered()
        .Select(r => ChildMatchKey.Compute(new Guid(r.Number, 0, 0, new byte[8]), r.Identity, secret, DateTimeOffset.UnixEpoch)).ToList();
    Console.Error.WriteLine($"computed {keys.Count} match keys in {clock.Elapsed.TotalSeconds:F0} s");
    clock.Restart();
    await using var conn = new NpgsqlConnection(db.ConnectionString);
    await conn.OpenAsync();
    var copies = Math.Max(0, (int)Math.Ceiling((double)target / keys.Count) - 1);
    if (!reuse)
    {
        await using (var copy = await conn.BeginBinaryImportAsync($"copy {keyTable} (case_id, key_id, record, probes, computed_at) from stdin (format binary)"))
        {
            foreach (var key in keys)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(key.Id, NpgsqlTypes.NpgsqlDbType.Uuid);
                await copy.WriteAsync(key.KeyId, NpgsqlTypes.NpgsqlDbType.Text);
                await copy.WriteAsync(MatchKeyRecord.Encode(key), NpgsqlTypes.NpgsqlDbType.Bytea);
                await copy.WriteAsync(key.Probes, NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint);
                await copy.WriteAsync(key.ComputedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync($"copy {blockTable} (block, case_id) from stdin (format binary)"))
        {
            foreach (var key in keys)
                foreach (var block in key.Blocks.Distinct())
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(block, NpgsqlTypes.NpgsqlDbType.Bigint);
                    await copy.WriteAsync(key.Id, NpgsqlTypes.NpgsqlDbType.Uuid);
                }
            await copy.CompleteAsync();
        }
        // ...then copied in SQL, each copy under a new case id, up to `target` keys: every bucket grows as it would with that many
        // children drawn from the same names, dates and communes. The copies' sources are kept (bench_clone) to tell, after the
        // timed lookups, which generated child each key found is a copy of.
        await new NpgsqlCommand($"""
            create table bench_clone as select k.case_id as src, gen_random_uuid() as dst from {keyTable} k cross join generate_series(1, {copies});
            set synchronous_commit = off;
            insert into {keyTable} (case_id, key_id, record, probes, computed_at) select m.dst, k.key_id, k.record, k.probes, k.computed_at from bench_clone m join {keyTable} k on k.case_id = m.src;
            insert into {blockTable} (block, case_id) select b.block, m.dst from bench_clone m join {blockTable} b on b.case_id = m.src;
            """, conn) { CommandTimeout = 3600 }.ExecuteNonQueryAsync();
        // One statement a command: VACUUM refuses to run in a batch.
        await new NpgsqlCommand($"vacuum analyze {keyTable}", conn) { CommandTimeout = 3600 }.ExecuteNonQueryAsync();
        await new NpgsqlCommand($"vacuum analyze {blockTable}", conn) { CommandTimeout = 3600 }.ExecuteNonQueryAsync();
    }
    var stored = (long)(await new NpgsqlCommand($"select count(*) from {keyTable}", conn).ExecuteScalarAsync())!;
    var rows = (long)(await new NpgsqlCommand($"select count(*) from {blockTable}", conn).ExecuteScalarAsync())!;
    Console.Error.WriteLine($"stored {stored} match keys ({keys.Count} computed × {copies + 1}), {rows} block rows, in {clock.Elapsed.TotalSeconds:F0} s{(reuse ? " (stored before)" : "")}");

    // The plans of one lookup, custom (planned for its parameters) and generic (planned once for any).
    NpgsqlCommand Lookup(ChildMatchKey key, string prefix = "", int? readLimit = null) => new(prefix + DuplicateCandidates.Sql(blockTable, keyTable), conn)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = key.Probes, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint },
            new NpgsqlParameter { Value = key.Id, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid },
            new NpgsqlParameter { Value = readLimit ?? limit, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
            new NpgsqlParameter { Value = key.KeyId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
        },
    };
    foreach (var mode in new[] { "force_custom_plan", "force_generic_plan" })
    {
        await new NpgsqlCommand($"set plan_cache_mode = {mode}", conn).ExecuteNonQueryAsync();
        Console.Error.WriteLine($"-- {mode}");
        await using var plan = await Lookup(keys[7], "explain (analyze, buffers, costs off) ").ExecuteReaderAsync();
        while (await plan.ReadAsync()) Console.Error.WriteLine(plan.GetString(0));
    }
    await new NpgsqlCommand("reset plan_cache_mode", conn).ExecuteNonQueryAsync();

    // Each round: one lookup as the service makes it (read the best keys sharing an entry, rank them) and, as the baseline, one
    // primary-key read of another match key — in the same session, one after the other, so that both see the same load.
    var random = new Random(5);
    var lookupMs = new List<double>();
    var sqlMs = new List<double>();
    var baselineMs = new List<double>();
    var read = new List<int>();
    var offered = new List<int>();
    var sampled = new List<ChildMatchKey>();
    Console.Error.WriteLine($"load average {Load()} before the lookups");
    await using (var session = store.QuerySession())
    {
        for (var i = 0; i < lookups + 20; i++)
        {
            var key = keys[random.Next(keys.Count)];
            var t = Stopwatch.StartNew();
            var found = await DuplicateCandidates.ReadAsync(session, key, CancellationToken.None, limit);
            var sql = t.Elapsed.TotalMilliseconds;
            var ranked = DuplicateCandidates.Rank(key, found, threshold, []);
            t.Stop();
            var other = keys[random.Next(keys.Count)].Id;
            var b = Stopwatch.StartNew();
            _ = await MatchKeyStorage.LoadAsync(session, other, CancellationToken.None) ?? throw new InvalidOperationException("baseline key missing");
            b.Stop();
            if (i < 20) continue;   // warm-up
            lookupMs.Add(t.Elapsed.TotalMilliseconds);
            sqlMs.Add(sql);
            baselineMs.Add(b.Elapsed.TotalMilliseconds);
            read.Add(found.Count);
            offered.Add(ranked.Count);
            sampled.Add(key);
        }
    }
    var loadAfter = Load();
    double P<T>(List<T> xs, double p) where T : IConvertible
    {
        var sorted = xs.Select(x => x.ToDouble(null)).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
    Console.WriteLine($"| stored match keys | lookups | lookup p50 / p99 / max (ms) | of which SQL p50 / p99 | baseline pk read p50 / p99 (ms) | p99 ratio | keys read a lookup (mean / p99, at most {limit}) | offered (mean) | load average after |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    Console.WriteLine($"| {stored} | {lookupMs.Count} | {P(lookupMs, 0.5):F1} / {P(lookupMs, 0.99):F1} / {lookupMs.Max():F1} | {P(sqlMs, 0.5):F1} / {P(sqlMs, 0.99):F1} | {P(baselineMs, 0.5):F1} / {P(baselineMs, 0.99):F1} | "
        + $"{P(lookupMs, 0.99) / P(baselineMs, 0.99):F1} | {read.Average():F1} / {P(read, 0.99)} | {offered.Average():F2} | {loadAfter} |");

    // Untimed: what the bound on keys read costs at this size. For each sampled lookup, the other reports of its generated
    // child (its true partners): is one of their copies scored at or above the threshold among the keys read, and among every
    // key sharing an entry (no bound)? The lookup's own copies are left out: they are the same report, not a partner.
    var source = new Dictionary<Guid, Guid>();
    await using (var map = await new NpgsqlCommand("select dst, src from bench_clone", conn).ExecuteReaderAsync())
        while (await map.ReadAsync()) source[map.GetGuid(0)] = map.GetGuid(1);
    var position = keys.Select((k, i) => (k.Id, i)).ToDictionary(x => x.Id, x => x.i);
    var partners = reports.GroupBy(r => r.ChildId).ToDictionary(g => g.Key, g => g.Count() - 1);
    int pairs = 0, bounded = 0, unbounded = 0, allRead = 0;
    await using (var session = store.QuerySession())
        foreach (var key in sampled)
        {
            var self = position[key.Id];
            var child = reports[self].ChildId;
            if (partners[child] == 0) continue;
            int Partners(IReadOnlyList<ChildMatchKey> found) => DuplicateCandidates.Rank(key, found, threshold, [], int.MaxValue)
                .Select(c => source.GetValueOrDefault(c.CaseId, c.CaseId))
                .Where(src => src != key.Id && reports[position[src]].ChildId == child).Distinct().Count();
            var all = await DuplicateCandidates.ReadAsync(session, key, CancellationToken.None, int.MaxValue);
            allRead += all.Count;
            pairs += partners[child];
            bounded += Partners(await DuplicateCandidates.ReadAsync(session, key, CancellationToken.None, limit));
            unbounded += Partners(all);
        }
    Console.WriteLine($"true partners of the sampled lookups offered at or above {threshold}: {bounded} of {pairs} reading at most {limit} keys "
        + $"({(double)bounded / Math.Max(1, pairs):F3}); {unbounded} of {pairs} reading every key sharing an entry ({(double)unbounded / Math.Max(1, pairs):F3}, "
        + $"{(double)allRead / Math.Max(1, sampled.Count(k => partners[reports[position[k.Id]].ChildId] > 0)):F0} keys a lookup)");
    return 0;
}

Console.Error.WriteLine("usage: ops/bench/matching quality [children] [seeds…] | misses [children] [seed] | lookup [keys] [lookups] [distinct] [limit]");
return 2;
