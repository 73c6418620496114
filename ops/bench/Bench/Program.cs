// ops/bench harness: started by ops/bench/run, which builds it and the service, prepares the bench database and
// passes everything in the environment. See docs/benchmark.md for what each figure means.
using System.Diagnostics;
using Bench;
using Npgsql;

string Env(string name, string? fallback = null) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback ?? throw new InvalidOperationException($"{name} is not set (run ops/bench/run)");

// The bench's own database on the configured server, made afresh each run: never the dev or the test database.
var connectionString = await BenchDatabase.RecreateAsync(Env("ConnectionStrings__Marten"), Env("BENCH_DATABASE", "childprotection_bench"));
Environment.SetEnvironmentVariable("ConnectionStrings__Marten", connectionString);   // the service processes inherit it
var url = Env("BENCH_URL");
var outDir = Env("BENCH_OUT");
var seconds = TimeSpan.FromSeconds(int.Parse(Env("BENCH_SECONDS", "8")));
// An unmeasured load of the same operation before a measurement, until the service's JIT has settled (tier-1 code of the
// operation's path), as in a service that has run for a while; the first seconds after a start are JIT work.
var warmSeconds = TimeSpan.FromSeconds(int.Parse(Env("BENCH_WARM_SECONDS", "15")));
var largeEvents = long.Parse(Env("BENCH_LARGE_EVENTS", "1000000"));
var startedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Env("BENCH_STARTED_AT", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString())));
var budget = TimeSpan.FromSeconds(int.Parse(Env("BENCH_BUDGET_SECONDS", "585")));
var tokens = new Tokens(Env("BENCH_TOKEN_ADMIN"), Env("BENCH_TOKEN_HOTLINE"), Env("BENCH_TOKEN_INTAKE_OFFICER"),
    Env("BENCH_TOKEN_INBOX_OFFICER"), Env("BENCH_TOKEN_INTEGRATOR"));
int[] concurrency = [1, 8, 32];
// BENCH_ONLY=replay,rebuild (any of intake, groupcommit, step, handoff, race, replay, feed, rebuild, large, indicators) runs only those parts, for
// iterating on one figure; the summary then shows "–" for the rest. Without intake, the rebuild first copies the cases
// there are (Seeder) until the store holds BENCH_REBUILD_EVENTS (40,000), about what the full run rebuilds.
var only = Env("BENCH_ONLY", "all").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
bool Runs(string part) => only.Contains("all") || only.Contains(part);

Directory.CreateDirectory(outDir);
await using var source = NpgsqlDataSource.Create(connectionString);
var db = new Database(source, "cp");
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    { Timeout = TimeSpan.FromSeconds(30) };
var api = new Api(http, url, tokens);
await using var service = new Service(Env("BENCH_SERVICE_DLL"), Env("BENCH_SERVICE_DIR"), url,
    Path.Combine(outDir, "service.log"), Path.Combine(outDir, "service.pid"));
var report = new Report(outDir, connectionString);
CpuSample.ServicePid = () => service.Pid;
if (Environment.GetEnvironmentVariable("BENCH_PG_PID") is { Length: > 0 } pm) CpuSample.PostmasterPid = int.Parse(pm);
double lastQuiesce = 0;

// One measurement with what it cost per operation: database transactions and rows (pg_stat_database) and CPU by process.
// settle: wait until the async shards caught up, and count their work too.
async Task<LoadResult> Measured(Func<Task<LoadResult>> run, bool settle)
{
    var counters = await db.CountersAsync();
    var cpu = CpuSample.Now();
    var result = await run();
    if (settle) lastQuiesce = await db.QuiesceAsync(TimeSpan.FromSeconds(90));
    await Task.Delay(1500);   // backends publish their statistics at most once a second
    var cost = (await db.CountersAsync() - counters).PerOperation(result.Ok);
    foreach (var (k, v) in (CpuSample.Now() - cpu).PerOperation(result.Ok)) cost[k] = v;
    return result with { PerOperation = cost };
}

// After a start the service's first seconds (tier-0 JIT code, agents starting) are not what is measured: a short load first,
// then until the async shards have caught up with it.
// One report, the operation of every intake load.
async Task<bool> ReportOnce(int client, long i) => await api.ReportAsync() is not null;

// With clients and an operation: the same for the operation a measurement is about to take (BENCH_WARM_SECONDS).
async Task WarmAsync(TimeSpan duration, int clients = 16, Func<int, long, Task<bool>>? operation = null)
{
    await Load.RunAsync("warm-up", clients, duration, operation ?? ReportOnce, TimeSpan.Zero);
    await db.QuiesceAsync(TimeSpan.FromSeconds(60));
}

void Step(string what) => Console.Error.WriteLine($"bench: [{(DateTimeOffset.UtcNow - startedAt).TotalSeconds,4:F0} s] {what}");

try
{
    // --- Setup: the service's schema and directory, the bench's agencies, the baselines' tables, a warm-up.
    Step("starting the service");
    report.Set("serviceStartSeconds", await service.StartAsync(http));
    report.Set("intakeCommunes", Api.IntakeCommuneCount);
    await api.RegisterAgenciesAsync();
    using var plain = await PlainMarten.CreateAsync(connectionString);
    var pgbench = new Pgbench(Env("BENCH_PGBENCH"), connectionString, Path.Combine(outDir, "pgbench"));
    await pgbench.PrepareAsync(db);
    Step("warm-up");
    for (var i = 0; i < 40; i++)
    {
        await api.RejectedReportAsync();
        await plain.StartStreamAsync(Api.IntakeCommune);
    }
    var beforeWarm = await db.EventCountAsync();
    await WarmAsync(TimeSpan.FromSeconds(4));
    var warmEvents = await db.EventCountAsync() - beforeWarm;

    // ops/bench/follow: only how the async side follows intake (a burst, or a paced intake with BENCH_FOLLOW_RATE), then stop.
    if (Env("BENCH_MODE", "all") == "follow")
    {
        var reports = int.Parse(Env("BENCH_FOLLOW_REPORTS", "2000"));
        object followed = Env("BENCH_FOLLOW_RATE", "0") is var rate && double.Parse(rate) > 0
            ? await Follow.PacedAsync(api, db, double.Parse(rate), TimeSpan.FromSeconds(int.Parse(Env("BENCH_FOLLOW_SECONDS", "30"))))
            : await Follow.RunAsync(api, db, reports, 32);
        await File.WriteAllTextAsync(Path.Combine(outDir, "follow.json"), System.Text.Json.JsonSerializer.Serialize(followed, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        await service.StopAsync();
        return 0;
    }

    // One store size: with the service stopped, the store seeded towards a number of events, then a restart, a 2 s warm-up
    // and 32-client intake beside plain Marten.
    async Task<StoreSizePoint> StoreSizeIntakeAsync(long target, DateTimeOffset mustEndBy)
    {
        await service.StopAsync();
        Step($"seeding to {target:N0} events");
        var seed = await new Seeder(db).SeedToAsync(target, mustEndBy);
        await service.StartAsync(http);
        await WarmAsync(TimeSpan.FromSeconds(2));
        var eventsAtStart = await db.EventCountAsync();
        Step($"intake at 32 clients, {eventsAtStart:N0} events");
        var intakeAtSize = await Load.RunAsync("intake (HTTP)", 32, seconds, ReportOnce);
        var plainAtSize = await Load.RunAsync("plain Marten StartStream", 32, seconds, async (_, _) => await plain.StartStreamAsync(Api.IntakeCommune));
        return new StoreSizePoint(eventsAtStart, seed, intakeAtSize, plainAtSize);
    }

    // --- The small store: about 10,000 events when the measurement starts. Seeded as the large store is (copies of the
    // warm-up's cases, the service stopped), less what the 2 s warm-up after the restart adds (half the 4 s one's): the
    // point the large store is compared with, after the same restart and warm-up.
    if (Runs("large"))
    {
        report.Set("storeSmall", await StoreSizeIntakeAsync(10_000 - warmEvents / 2, DateTimeOffset.MaxValue));
        await db.QuiesceAsync(TimeSpan.FromSeconds(90));
    }

    // --- Intake at 1, 8 and 32 clients, each beside pgbench and plain Marten at the same concurrency.
    if (Runs("intake"))
    {
        var intake = new Dictionary<int, LoadResult>();
        var plainIntake = new Dictionary<int, LoadResult>();
        var raw = new Dictionary<int, LoadResult>();
        var quiesce = new Dictionary<int, double>();
        await WarmAsync(warmSeconds, 32);
        foreach (var c in concurrency)
        {
            Step($"intake sweep at {c} clients: pgbench, plain Marten, HTTP");
            // Idle pooled connections of the last measurement would leave pgbench's 32 above max_connections (100).
            NpgsqlConnection.ClearAllPools();
            raw[c] = await Measured(() => pgbench.RunAsync(c, seconds), settle: false);
            plainIntake[c] = await Measured(() => Load.RunAsync("plain Marten StartStream", c, seconds, async (_, _) => await plain.StartStreamAsync(Api.IntakeCommune)), settle: false);
            // At one client, which statements each report costs, the async side's included (pg_stat_statements, if loaded).
            var counting = c == 1 && await db.ResetStatementsAsync();
            // What each report costs in all, the pathway's hand-off and the async shards' work included.
            intake[c] = await Measured(() => Load.RunAsync("intake (HTTP)", c, seconds, ReportOnce), settle: true);
            if (counting) report.Set("statementsPerReport", await db.StatementsAsync(intake[c].Ok, 16));
            quiesce[c] = lastQuiesce;
        }
        report.Set("intake", concurrency.Select(c => new { clients = c, http = intake[c], plainMarten = plainIntake[c], pgbench = raw[c], quiesceSeconds = quiesce[c] }));

        // --- The HTTP edge alone (a report rejected with 400 before any database work), for the profile note.
        var edge = await Load.RunAsync("HTTP edge (400, no database)", 1, TimeSpan.FromSeconds(3), async (_, _) => await api.RejectedReportAsync());
        report.Set("httpEdge", edge);
    }

    // --- Group commit (Intake:GroupCommit, Cases/Steps/GroupCommit.cs): 32-client intake with it off and on, each after a restart
    // and the same warm-up, each beside plain Marten measured right after it; the service is left as it was (off).
    if (Runs("groupcommit"))
    {
        var points = new Dictionary<string, object>();
        // BENCH_GROUP_COMMIT_FIRST=on measures it on first, to tell the setting from the order of the two measurements.
        foreach (var on in Env("BENCH_GROUP_COMMIT_FIRST", "off") == "on" ? new[] { true, false } : new[] { false, true })
        {
            await service.StopAsync();
            await service.StartAsync(http, new Dictionary<string, string> { ["Intake__GroupCommit"] = on ? "true" : "false" });
            await WarmAsync(TimeSpan.FromSeconds(2));
            Step($"intake at 32 clients, group commit {(on ? "on" : "off")}");
            var measured = await Measured(() => Load.RunAsync("intake (HTTP)", 32, seconds, ReportOnce), settle: true);
            var quiesceSeconds = lastQuiesce;
            var beside = await Measured(() => Load.RunAsync("plain Marten StartStream", 32, seconds, async (_, _) => await plain.StartStreamAsync(Api.IntakeCommune)), settle: false);
            points[on ? "on" : "off"] = new { http = measured, plainMarten = beside, quiesceSeconds, loadAverage = LoadAverage.Now() };
        }
        await service.StopAsync();
        await service.StartAsync(http);
        report.Set("groupCommit", points);
    }

    // --- A step on an existing case, spread over the cases reported above (client c takes every 32nd one).
    if (Runs("step"))
    {
        Step("step append at 32 clients");
        const int stepClients = 32, casesPerClient = 4;
        // Each client takes steps on cases of its own (client c: cases c, c + 32, c + 64, …), so the figure is the step's
        // work, never a wait for another client's write lock on the same case. On a loaded machine the warm-up may have
        // reported fewer cases than that (BENCH_ONLY=step): report the rest first.
        while (api.Reported.Count < stepClients * casesPerClient)
            if (await api.ReportIntoAsync(Api.IntakeCommune) is null) throw new InvalidOperationException("step: a report for the step's cases failed");
        await db.QuiesceAsync(TimeSpan.FromSeconds(60));
        var cases = api.Reported.ToArray();
        var owned = cases.Length / stepClients;   // client c's k-th case is cases[c + k·32]; the rest are never stepped on
        Guid CaseOf(int c, long i) => cases[c + stepClients * (int)(i % owned)];
        // Which statements each step costs (pg_stat_statements, if loaded), the async side's included.
        async Task<bool> Verify(int c, long i) => await api.VerifyAsync(CaseOf(c, i)) is not null;
        await WarmAsync(warmSeconds, stepClients, Verify);
        var countingSteps = await db.ResetStatementsAsync();
        var step = await Measured(() => Load.RunAsync("verification step (HTTP)", stepClients, seconds,
            Verify), settle: true);
        if (countingSteps) report.Set("statementsPerStep", await db.StatementsAsync(step.Ok, 20));
        while (plain.StreamCount < stepClients * casesPerClient) await plain.StartStreamAsync(Api.IntakeCommune);
        plain.FreezePool();
        var plainStep = await Measured(() => Load.RunAsync("plain Marten AppendOptimistic", stepClients, seconds, (c, i) => plain.AppendAsync(c, i, stepClients)), settle: false);
        report.Set("stepAppend", new { clients = stepClients, casesInPool = cases.Length, casesPerClient = owned, http = step, plainMarten = plainStep });
    }

    // --- Report → hand-off visible in the receiving People's Committee's inbox.
    if (Runs("handoff"))
    {
        Step("hand-off delay");
        var handoff = new List<double>();
        var roundTrip = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            var clock = Stopwatch.StartNew();
            if (await api.ReportIntoAsync(Api.InboxCommune) is not { } id) continue;
            roundTrip.Add(clock.Elapsed.TotalMilliseconds);
            while (!await api.InboxHasAsync(id))
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(30)) { Failures.Note("handoff", $"case {id} not in the inbox after 30 s"); break; }
                await Task.Delay(2);
            }
            handoff.Add(clock.Elapsed.TotalMilliseconds);
    }
    var h = Load.Sorted(handoff);
    var b = Load.Sorted(roundTrip);
    report.Set("handoff", new { samples = h.Length, p50Ms = Load.Percentile(h, 50), p99Ms = Load.Percentile(h, 99),
        reportAloneP50Ms = Load.Percentile(b, 50), reportAloneP99Ms = Load.Percentile(b, 99) });
    }

    // --- The same delay while agencies take steps on the very cases the pathway is appending hand-offs to.
    if (Runs("race"))
    {
        Step("hand-off delay under racing steps");
        report.Set("handoffRace", await Race.RunAsync(api, db, workers: 8, stepsPerCase: 3,
            TimeSpan.FromSeconds(int.Parse(Env("BENCH_RACE_SECONDS", "20")))));
    }

    // --- As-of replay of a case with 1,000 events, beside the raw SQL read of those rows.
    if (Runs("replay"))
    {
        Step("building a case of 1,000 events");
        var replayCase = (await api.ReportIntoAsync(Api.IntakeCommune))!.Value;
        long version = 1;
        while (version < 1000) version = await api.VerifyAsync(replayCase) ?? version;
        const long replayVersion = 1000;
        var replayHttp = new List<double>();
        var replaySql = new List<double>();
        var rows = await db.ReadStreamRawAsync(replayCase, replayVersion);
        Step("as-of replay");
        var replayClock = Stopwatch.StartNew();
        for (var i = 0; i < 200 && replayClock.Elapsed < TimeSpan.FromSeconds(20); i++)
        {
            // Alternating, so that noise from other work on the machine hits both alike.
            var t = Stopwatch.StartNew();
            if (await api.GetAsOfAsync(replayCase, replayVersion)) replayHttp.Add(t.Elapsed.TotalMilliseconds);
            t.Restart();
            await db.ReadStreamRawAsync(replayCase, replayVersion);
            replaySql.Add(t.Elapsed.TotalMilliseconds);
    }
    var rh = Load.Sorted(replayHttp.Skip(3));
    var rs = Load.Sorted(replaySql.Skip(3));
    report.Set("replay", new { events = rows, samples = rh.Length, httpP50Ms = Load.Percentile(rh, 50), httpP99Ms = Load.Percentile(rh, 99),
        rawSqlP50Ms = Load.Percentile(rs, 50), rawSqlP99Ms = Load.Percentile(rs, 99) });
    }

    // --- The integrators' feed from the start, beside a raw paged scan of the same table.
    if (Runs("feed"))
    {
        Step("feed read");
        await db.QuiesceAsync(TimeSpan.FromSeconds(90));
        // Unmeasured first, as every measured operation: the feed's path (the raw-event query, the mapping to public
        // contracts, CloudEvents JSON) has not run since the service started, and its first pages are JIT work.
        var warmClock = Stopwatch.StartNew();
        for (long warmCursor = 0; warmClock.Elapsed < warmSeconds;)
        {
            var (_, next) = await api.FeedAsync(warmCursor, 500);
            if (next == warmCursor) warmCursor = 0; else warmCursor = next;
        }
        var feedClock = Stopwatch.StartNew();
        long cursor = 0, delivered = 0;
        while (feedClock.Elapsed < seconds)
        {
            var (count, next) = await api.FeedAsync(cursor, 500);
            delivered += count;
            if (next == cursor) break;
            cursor = next;
    }
    var feedSeconds = feedClock.Elapsed.TotalSeconds;
    var (rawEvents, rawSeconds) = await db.ScanRawAsync(500, seconds);
    report.Set("feed", new { eventsDelivered = delivered, sequencesRead = cursor, seconds = Math.Round(feedSeconds, 2),
        eventsPerSecond = Math.Round(delivered / feedSeconds), rawScanEvents = rawEvents, rawScanEventsPerSecond = Math.Round(rawEvents / rawSeconds) });
    }

    // --- Projection rebuilds (service stopped): the service's fast rebuilds (rebuild-summaries, rebuild-indicators: narrow
    // reads of ranges of streams in parallel, one COPY-written document per stream) beside Marten's own verb
    // `projections rebuild -p CaseSummary` and a raw scan of the case events, all on the same store in the same run.
    if (Runs("rebuild"))
    {
        Step("projection rebuild");
        await service.StopAsync();
        if (!Runs("intake")) await new Seeder(db).SeedToAsync(long.Parse(Env("BENCH_REBUILD_EVENTS", "40000")), startedAt + budget);
        var caseEvents = await db.ScalarAsync("select count(*) from cp.mt_events where stream_id in (select id from cp.mt_streams where type = 'case')");
        var loadBefore = LoadAverage.Now();
        var marten = await Rebuilds.RunAsync(service, caseEvents, "CaseSummary", "projections", "rebuild", "-p", "CaseSummary");
        Step("projection rebuild: the service's rebuild-summaries and rebuild-indicators");
        var summaries = await Rebuilds.RunAsync(service, caseEvents, "CaseSummary", "rebuild-summaries");
        var indicators = await Rebuilds.RunAsync(service, caseEvents, "CaseIndicatorFacts", "rebuild-indicators");
        var (rawCaseEvents, rawCaseSeconds) = await db.ScanRawAsync(1000, TimeSpan.FromSeconds(60), "case");
        report.Set("rebuild", new { projection = "CaseSummary", caseEvents, eventsPerSecond = summaries.EventsPerSecond, fast = summaries,
            martenVerb = marten, indicators, timesMarten = Math.Round(marten.Seconds / summaries.Seconds, 2),
            rawScanEventsPerSecond = Math.Round(rawCaseEvents / rawCaseSeconds), loadAverage = new[] { loadBefore, LoadAverage.Now() } });
        Step($"rebuild: Marten's verb {marten.EventsPerSecond:F0} events/s, rebuild-summaries {summaries.EventsPerSecond:F0} events/s " +
             $"({marten.Seconds / summaries.Seconds:F2}x), rebuild-indicators {indicators.EventsPerSecond:F0} events/s, raw scan {rawCaseEvents / rawCaseSeconds:F0} events/s");
    }

    // --- The large store: seed as far as the budget allows, then the same intake at 32 clients.
    if (Runs("large"))
    {
        // After the seed: vacuum and checkpoint (~15 s), a start (~10 s), the warm-up and its catch-up (~35 s), two measurements.
        var reserve = TimeSpan.FromSeconds(65) + 2 * (seconds + TimeSpan.FromSeconds(1));
        var large = await StoreSizeIntakeAsync(largeEvents, startedAt + budget - reserve);
        report.Set("seedLarge", large.Seed);
        report.Set("storeLarge", large);
    }
    // --- Indicators: the cases spread over provinces and years, the CaseIndicatorFacts rebuild beside CaseSummary's on the
    // same store, then province-year reads on the full store. After 'large', its store is spread and rebuilt; otherwise the
    // copies are spread as they are made: BENCH_INDICATOR_REBUILD_EVENTS (200,000) for the rebuilds, then grown to
    // BENCH_INDICATOR_EVENTS (1,000,000) with the facts documents copied alongside (a rebuild of 1M events takes too long here).
    if (Runs("indicators"))
    {
        Step("indicators: spreading the cases over provinces and years");
        await service.StopAsync();
        var target = long.Parse(Env("BENCH_INDICATOR_EVENTS", "1000000"));
        if (Runs("large")) await IndicatorBench.SpreadAsync(db);
        else await new Seeder(db, IndicatorBench.Rewrite).SeedToAsync(Math.Min(target, long.Parse(Env("BENCH_INDICATOR_REBUILD_EVENTS", "200000"))), startedAt + budget);
        var caseEvents = await db.ScalarAsync("select count(*) from cp.mt_events where stream_id in (select id from cp.mt_streams where type = 'case')");
        var rebuilt = new Dictionary<string, object>();
        // The service's fast rebuilds of both, and Marten's verb for the facts as their baseline.
        foreach (var (name, verb) in new[] { ("CaseIndicatorFacts", new[] { "rebuild-indicators" }), ("CaseSummary", new[] { "rebuild-summaries" }),
                     ("CaseIndicatorFacts", new[] { "projections", "rebuild", "-p", "CaseIndicatorFacts" }) })
        {
            var key = verb[0] == "projections" ? $"{name}Marten" : name;
            Step($"indicators: rebuilding {name} ({string.Join(' ', verb)}, {caseEvents:N0} case events)");
            rebuilt[key] = await Rebuilds.RunAsync(service, caseEvents, name, verb);
        }
        if (!Runs("large"))
        {
            Step("indicators: growing the store with the facts documents");
            await new Seeder(db, IndicatorBench.Rewrite, copyFacts: true).SeedToAsync(target, startedAt + budget);
            await db.ExecuteAsync("vacuum (analyze) cp.mt_doc_caseindicatorfacts");
        }
        await service.StartAsync(http);
        await api.RegisterIndicatorUnitsAsync(IndicatorBench.CommunesOf("44"));
        Step("indicators: province-year reads");
        var reads = await IndicatorBench.ReadAsync(api, db, Env("BENCH_TOKEN_PROVINCE"), int.Parse(Env("BENCH_INDICATOR_READS", "200")),
            int.Parse(Env("BENCH_INDICATOR_UNCACHED_READS", "50")));
        report.Set("indicators", new { storeEvents = await db.EventCountAsync(), caseEvents, rebuild = rebuilt, read = reads });
    }
    await service.StopAsync();

    report.Set("failures", Failures.All);
    report.Set("runSeconds", Math.Round((DateTimeOffset.UtcNow - startedAt).TotalSeconds));
    Step("writing results");
    Console.WriteLine(await report.WriteAsync());
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"bench: failed: {e}");
    report.Set("failures", Failures.All);
    report.Set("error", e.Message);
    await report.WriteJsonAsync();
    return 1;
}

/// <summary>32-client intake beside plain Marten with the store at one size.</summary>
internal sealed record StoreSizePoint(long EventsAtStart, Seeder.Outcome Seed, LoadResult Intake, LoadResult PlainMarten);
