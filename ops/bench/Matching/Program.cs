// ops/bench/matching harness: `quality [children] [seeds…]` prints precision and recall of duplicate detection on generated
// Vietnamese child records, one line per seed; `misses [children] [seed]` lists the pairs missed or wrongly offered (synthetic
// records only); `lookup [keys] [lookups] [distinct]` stores that many match keys in the bench database and times the candidate
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
    var (target, lookups, distinct) = (Arg(1, 1_000_000), Arg(2, 500), Arg(3, 40_000));
    Console.Error.WriteLine($"load average {Load()} at the start");
    var cs = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? throw new InvalidOperationException("run ops/bench/matching");
    var db = new NpgsqlConnectionStringBuilder(cs) { Database = "childprotection_bench_matching" };
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
        opts.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase);
        MatchKeyStorage.Configure(opts);
    });
    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

    // The keys of `distinct` generated children (their reports, a third of them reported again), computed as the service does,
    // written as the service writes them (document + block rows)...
    var clock = Stopwatch.StartNew();
    var reports = SyntheticChildren.Generate(distinct, 17);
    var keys = reports.AsParallel().AsOrdered().Select(r => ChildMatchKey.Compute(Guid.CreateVersion7(), r.Identity, secret, DateTimeOffset.UtcNow)).ToList();
    Console.Error.WriteLine($"computed {keys.Count} match keys in {clock.Elapsed.TotalSeconds:F0} s");
    clock.Restart();
    foreach (var chunk in keys.Chunk(20_000)) await store.BulkInsertDocumentsAsync(chunk);
    await using var conn = new NpgsqlConnection(db.ConnectionString);
    await conn.OpenAsync();
    await using (var copy = await conn.BeginBinaryImportAsync($"copy cp.{MatchKeyStorage.BlockTable} (block, case_id) from stdin (format binary)"))
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
    // children drawn from the same names, dates and communes.
    var copies = Math.Max(0, (int)Math.Ceiling((double)target / keys.Count) - 1);
    if (copies > 0)
    {
        var columns = new List<string>();
        await using (var reader = await new NpgsqlCommand(
            "select column_name from information_schema.columns where table_schema = 'cp' and table_name = 'mt_doc_childmatchkey' order by ordinal_position", conn).ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        var select = string.Join(", ", columns.Select(c => c switch
        {
            "id" => "m.dst",
            "data" => "jsonb_set(d.data, '{id}', to_jsonb(m.dst::text))",
            _ => $"d.{c}",
        }));
        var sql = $"""
            set local synchronous_commit = off;
            create temp table clone_map as select d.id as src, gen_random_uuid() as dst from cp.mt_doc_childmatchkey d cross join generate_series(1, {copies});
            insert into cp.mt_doc_childmatchkey ({string.Join(", ", columns)}) select {select} from clone_map m join cp.mt_doc_childmatchkey d on d.id = m.src;
            insert into cp.{MatchKeyStorage.BlockTable} (block, case_id) select b.block, m.dst from clone_map m join cp.{MatchKeyStorage.BlockTable} b on b.case_id = m.src;
            drop table clone_map;
            """;
        await using var tx = await conn.BeginTransactionAsync();
        await new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 3600 }.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
    // One statement a command: VACUUM refuses to run in a batch.
    await new NpgsqlCommand("vacuum analyze cp.mt_doc_childmatchkey", conn) { CommandTimeout = 3600 }.ExecuteNonQueryAsync();
    await new NpgsqlCommand($"vacuum analyze cp.{MatchKeyStorage.BlockTable}", conn) { CommandTimeout = 3600 }.ExecuteNonQueryAsync();
    var stored = (long)(await new NpgsqlCommand("select count(*) from cp.mt_doc_childmatchkey", conn).ExecuteScalarAsync())!;
    var rows = (long)(await new NpgsqlCommand($"select count(*) from cp.{MatchKeyStorage.BlockTable}", conn).ExecuteScalarAsync())!;
    Console.Error.WriteLine($"stored {stored} match keys ({keys.Count} computed × {copies + 1}), {rows} block rows, in {clock.Elapsed.TotalSeconds:F0} s");

    // Each round: one lookup as the service makes it (read the keys sharing an entry, rank them) and, as the baseline, one
    // primary-key read of another match key — in the same session, one after the other, so that both see the same load.
    var random = new Random(5);
    var lookupMs = new List<double>();
    var baselineMs = new List<double>();
    var read = new List<int>();
    var offered = new List<int>();
    Console.Error.WriteLine($"load average {Load()} before the lookups");
    await using var session = store.QuerySession();
    for (var i = 0; i < lookups + 20; i++)
    {
        var key = keys[random.Next(keys.Count)];
        var t = Stopwatch.StartNew();
        var found = await DuplicateCandidates.ReadAsync(session, key, CancellationToken.None);
        var ranked = DuplicateCandidates.Rank(key, found, threshold, []);
        t.Stop();
        var other = keys[random.Next(keys.Count)].Id;
        var b = Stopwatch.StartNew();
        _ = await session.LoadAsync<ChildMatchKey>(other) ?? throw new InvalidOperationException("baseline key missing");
        b.Stop();
        if (i < 20) continue;   // warm-up
        lookupMs.Add(t.Elapsed.TotalMilliseconds);
        baselineMs.Add(b.Elapsed.TotalMilliseconds);
        read.Add(found.Count);
        offered.Add(ranked.Count);
    }
    var loadAfter = Load();
    double P(List<double> xs, double p)
    {
        var sorted = xs.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
    var readSorted = read.Order().ToList();
    Console.WriteLine("| stored match keys | lookups | lookup p50 / p99 / max (ms) | baseline pk read p50 / p99 (ms) | p99 ratio | keys read a lookup (mean / p99) | offered (mean) | load average after |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    Console.WriteLine($"| {stored} | {lookupMs.Count} | {P(lookupMs, 0.5):F1} / {P(lookupMs, 0.99):F1} / {lookupMs.Max():F1} | {P(baselineMs, 0.5):F1} / {P(baselineMs, 0.99):F1} | "
        + $"{P(lookupMs, 0.99) / P(baselineMs, 0.99):F1} | {read.Average():F1} / {readSorted[Math.Min(readSorted.Count - 1, (int)Math.Ceiling(0.99 * readSorted.Count) - 1)]} | {offered.Average():F2} | {loadAfter} |");
    return 0;
}

Console.Error.WriteLine("usage: ops/bench/matching quality [children] [seeds…] | misses [children] [seed] | lookup [keys] [lookups] [distinct]");
return 2;
