// ops/bench/matching harness: `quality [children] [seed]` prints precision and recall of duplicate detection on generated
// Vietnamese child records; `lookup [children] [lookups]` stores that many match keys in the bench database and times the
// candidate lookup the service makes (one GIN index scan, then scoring). See docs/benchmark.md and docs/matching.md.
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

if (verb == "quality")
{
    var (children, seed) = (Arg(1, 3000), Arg(2, 17));
    var reports = SyntheticChildren.Generate(children, seed);
    var q = MatchQuality.Measure(reports, secret, threshold);
    Console.WriteLine($"| children | reports | true pairs | found | correct | precision | recall | threshold | seed |");
    Console.WriteLine($"|---|---|---|---|---|---|---|---|---|");
    Console.WriteLine($"| {children} | {q.Reports} | {q.TruePairs} | {q.Found} | {q.Correct} | {q.Precision:F3} | {q.Recall:F3} | {threshold} | {seed} |");
    var met = q.Precision >= 0.95 && q.Recall >= 0.95;
    Console.WriteLine(met ? "targets met: precision ≥ 0.95 and recall ≥ 0.95" : "targets NOT met: precision ≥ 0.95 and recall ≥ 0.95");
    return met ? 0 : 1;
}

if (verb == "lookup")
{
    var (children, lookups) = (Arg(1, 100_000), Arg(2, 500));
    var cs = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? throw new InvalidOperationException("run ops/bench/matching");
    var target = new NpgsqlConnectionStringBuilder(cs) { Database = "childprotection_bench_matching" };
    await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Database = "postgres", Pooling = false }.ConnectionString))
    {
        await admin.OpenAsync();
        await new NpgsqlCommand("drop database if exists childprotection_bench_matching with (force)", admin).ExecuteNonQueryAsync();
        await new NpgsqlCommand("create database childprotection_bench_matching", admin).ExecuteNonQueryAsync();
    }
    await using var store = DocumentStore.For(opts =>
    {
        opts.Connection(target.ConnectionString);
        opts.DatabaseSchemaName = "cp";
        opts.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase);
        MatchKeyStorage.Configure(opts);
    });
    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

    var clock = Stopwatch.StartNew();
    var reports = SyntheticChildren.Generate(children, 17);
    var keys = reports.Select(r => ChildMatchKey.Compute(Guid.CreateVersion7(), r.Identity, secret, DateTimeOffset.UtcNow)).ToList();
    Console.Error.WriteLine($"generated {keys.Count} match keys in {clock.Elapsed.TotalSeconds:F0} s");
    clock.Restart();
    foreach (var chunk in keys.Chunk(20_000)) await store.BulkInsertDocumentsAsync(chunk);
    await using (var conn = new NpgsqlConnection(target.ConnectionString))
    {
        await conn.OpenAsync();
        await new NpgsqlCommand("vacuum analyze cp.mt_doc_childmatchkey", conn).ExecuteNonQueryAsync();
    }
    Console.Error.WriteLine($"stored them in {clock.Elapsed.TotalSeconds:F0} s");

    var random = new Random(5);
    var times = new List<double>();
    var candidates = new List<int>();
    await using var session = store.QuerySession();
    for (var i = 0; i < lookups + 20; i++)
    {
        var key = keys[random.Next(keys.Count)];
        var t = Stopwatch.StartNew();
        var found = await DuplicateCandidates.FindAsync(session, key, threshold, [], CancellationToken.None);
        t.Stop();
        if (i < 20) continue;   // warm-up
        times.Add(t.Elapsed.TotalMilliseconds);
        candidates.Add(found.Count);
    }
    times.Sort();
    double P(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
    Console.WriteLine("| stored match keys | lookups | p50 (ms) | p99 (ms) | max (ms) | candidates per lookup (mean) |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Console.WriteLine($"| {keys.Count} | {times.Count} | {P(0.5):F1} | {P(0.99):F1} | {times[^1]:F1} | {candidates.Average():F2} |");
    return 0;
}

Console.Error.WriteLine("usage: ops/bench/matching quality [children] [seed] | lookup [children] [lookups]");
return 2;
