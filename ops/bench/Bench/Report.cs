using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Bench;

/// <summary>results.json (every figure) and summary.md (the ratios against their targets, met or not, and why not).</summary>
public sealed class Report(string outDir, string connectionString)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly JsonObject results = new()
    {
        ["date"] = DateTimeOffset.UtcNow.ToString("u"),
        ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
        ["database"] = $"{new NpgsqlConnectionStringBuilder(connectionString).Host}:{new NpgsqlConnectionStringBuilder(connectionString).Port}/{new NpgsqlConnectionStringBuilder(connectionString).Database}",
    };

    public void Set(string key, object? value) => results[key] = JsonSerializer.SerializeToNode(value, Json);

    public async Task WriteJsonAsync() => await File.WriteAllTextAsync(Path.Combine(outDir, "results.json"), results.ToJsonString(Json));

    public async Task<string> WriteAsync()
    {
        await WriteJsonAsync();
        var md = Summary();
        await File.WriteAllTextAsync(Path.Combine(outDir, "summary.md"), md);
        return md;
    }

    private double N(string path)
    {
        JsonNode? node = results;
        foreach (var part in path.Split('.'))
            node = node is JsonArray a ? a[int.Parse(part)] : node?[part];
        return node?.GetValue<double>() ?? double.NaN;
    }

    private string Cpu(string path) =>
        $"{F(N(path + ".perOperation.serviceCpuMsPerOp"), 2)} / {F(N(path + ".perOperation.postgresCpuMsPerOp"), 2)} / {F(N(path + ".perOperation.benchCpuMsPerOp"), 2)}";

    private static string F(double v, int decimals = 0) => double.IsNaN(v) ? "–" : v.ToString("N" + decimals, CultureInfo.InvariantCulture);
    private static string Met(bool met) => met ? "**met**" : "**not met**";

    private string Summary()
    {
        var s = new StringBuilder();
        s.AppendLine($"# ops/bench — {results["date"]}");
        s.AppendLine();
        s.AppendLine($"Machine: {results["machine"]}; database {results["database"]}; {N("runSeconds")} s in all. Each measurement " +
                     $"{F(N("intake.0.http.seconds"))} s after a 1 s warm-up; baselines measured in the same run on the same database.");
        s.AppendLine();

        // Index 2 of "intake" is 32 clients.
        var intake32 = N("intake.2.http.perSecond") / N("intake.2.plainMarten.perSecond");
        var intakeP99 = N("intake.2.http.p99Ms");
        var stepRatio = N("stepAppend.http.perSecond") / N("stepAppend.plainMarten.perSecond");
        var handoffP99 = N("handoff.p99Ms");
        var replayRatio = N("replay.httpP50Ms") / N("replay.rawSqlP50Ms");
        var feed = N("feed.eventsPerSecond");
        var rebuild = N("rebuild.eventsPerSecond");
        var growth = N("storeLarge.intake.perSecond") / N("storeSmall.intake.perSecond");
        // Plain Marten writes to its own small schema, so its change is the machine's, not the store size's.
        var machine = N("storeLarge.plainMarten.perSecond") / N("storeSmall.plainMarten.perSecond");
        var largeReached = N("seedLarge.reached");
        var largeTarget = N("seedLarge.target");

        s.AppendLine("| figure | measured | baseline (same run) | ratio | target | |");
        s.AppendLine("|---|---|---|---|---|---|");
        s.AppendLine($"| intake at 32 clients (reports/s, p99) | {F(N("intake.2.http.perSecond"))}/s, p99 {F(intakeP99, 1)} ms | plain Marten {F(N("intake.2.plainMarten.perSecond"))}/s; pgbench {F(N("intake.2.pgbench.perSecond"))}/s | {F(intake32, 2)}× | ≥ 1.0×, p99 < 100 ms | {Met(intake32 >= 1.0 && intakeP99 < 100)} |");
        s.AppendLine($"| step append at 32 clients (steps/s) | {F(N("stepAppend.http.perSecond"))}/s, p99 {F(N("stepAppend.http.p99Ms"), 1)} ms | plain Marten {F(N("stepAppend.plainMarten.perSecond"))}/s | {F(stepRatio, 2)}× | ≥ 1.0× | {Met(stepRatio >= 1.0)} |");
        s.AppendLine($"| report → hand-off in the inbox (p50 / p99) | {F(N("handoff.p50Ms"), 1)} / {F(handoffP99, 1)} ms | the report alone {F(N("handoff.reportAloneP50Ms"), 1)} / {F(N("handoff.reportAloneP99Ms"), 1)} ms | {F(handoffP99 / N("handoff.reportAloneP99Ms"), 1)}× | p99 < 1 s | {Met(handoffP99 < 1000)} |");
        var raceP99 = N("handoffRace.p99Ms");
        s.AppendLine($"| committed report → hand-off in the inbox while {F(N("handoffRace.workers"))}×{F(N("handoffRace.stepsPerCase"))} steps race the pathway on the same cases (p50 / p99) | {F(N("handoffRace.p50Ms"), 1)} / {F(raceP99, 1)} ms | the same without racing steps {F(N("handoff.p50Ms"), 1)} / {F(handoffP99, 1)} ms; {F(N("handoffRace.sequenceHoles"))} sequence holes | {F(raceP99 / handoffP99, 1)}× | p99 < 1 s | {Met(raceP99 < 1000)} |");
        s.AppendLine($"| as-of replay, {F(N("replay.events"))} events (p50) | {F(N("replay.httpP50Ms"), 2)} ms | raw SQL read of the rows {F(N("replay.rawSqlP50Ms"), 2)} ms | {F(replayRatio, 2)}× | ≤ 1.5× | {Met(replayRatio <= 1.5)} |");
        s.AppendLine($"| feed read (events/s) | {F(feed)}/s | raw paged scan {F(N("feed.rawScanEventsPerSecond"))}/s | {F(feed / N("feed.rawScanEventsPerSecond"), 2)}× | ≥ 20,000/s | {Met(feed >= 20_000)} |");
        s.AppendLine($"| projection rebuild, CaseSummary (events/s; the service's rebuild-summaries) | {F(rebuild)}/s over {F(N("rebuild.caseEvents"))} events | Marten's verb {F(N("rebuild.martenVerb.eventsPerSecond"))}/s; raw scan {F(N("rebuild.rawScanEventsPerSecond"))}/s | {F(rebuild / N("rebuild.martenVerb.eventsPerSecond"), 2)}× Marten, {F(rebuild / N("rebuild.rawScanEventsPerSecond"), 2)}× raw scan | ≥ 10,000/s | {Met(rebuild >= 10_000)} |");
        var factsFast = N("rebuild.indicators.eventsPerSecond");
        s.AppendLine($"| projection rebuild, CaseIndicatorFacts (events/s; rebuild-indicators) | {F(factsFast)}/s | rebuild-summaries on the same store {F(rebuild)}/s | {F(factsFast / rebuild, 2)}× | ≥ CaseSummary | {Met(factsFast >= rebuild)} |");
        var indicatorP99 = N("indicators.read.p99Ms");
        var indicatorRebuild = N("indicators.rebuild.CaseIndicatorFacts.eventsPerSecond");
        var summaryRebuild = N("indicators.rebuild.CaseSummary.eventsPerSecond");
        s.AppendLine($"| indicator read, province-year, repeated ({F(N("indicators.read.documents"))} cases of {F(N("indicators.storeEvents"))} stored events; p50 / p99) | {F(N("indicators.read.p50Ms"), 1)} / {F(indicatorP99, 1)} ms | raw SQL fetch of the same documents p50 {F(N("indicators.read.rawP50Ms"), 1)} ms | {F(N("indicators.read.p50Ms") / N("indicators.read.rawP50Ms"), 2)}× | p99 < 50 ms on 1M events | {Met(indicatorP99 < 50 && N("indicators.storeEvents") >= 1_000_000)} |");
        var uncachedP99 = N("indicators.read.uncachedP99Ms");
        s.AppendLine($"| indicator read, province-year, each as of a moment of its own (nothing cached; p50 / p99) | {F(N("indicators.read.uncachedP50Ms"), 1)} / {F(uncachedP99, 1)} ms | raw SQL fetch of the same documents p50 {F(N("indicators.read.uncachedRawP50Ms"), 1)} ms | {F(N("indicators.read.uncachedP50Ms") / N("indicators.read.uncachedRawP50Ms"), 1)}× | — | |");
        s.AppendLine($"| indicator rebuild, CaseIndicatorFacts (events/s; rebuild-indicators) | {F(indicatorRebuild)}/s over {F(N("indicators.caseEvents"))} events | rebuild-summaries of the same store {F(summaryRebuild)}/s; Marten's verb for the facts {F(N("indicators.rebuild.CaseIndicatorFactsMarten.eventsPerSecond"))}/s | {F(indicatorRebuild / summaryRebuild, 2)}× | ≥ CaseSummary | {Met(indicatorRebuild >= summaryRebuild)} |");
        s.AppendLine($"| intake at 32 clients, {F(N("storeSmall.eventsAtStart"))} → {F(largeReached)} stored events | {F(N("storeSmall.intake.perSecond"))}/s → {F(N("storeLarge.intake.perSecond"))}/s | plain Marten {F(N("storeSmall.plainMarten.perSecond"))}/s → {F(N("storeLarge.plainMarten.perSecond"))}/s | {F(growth, 2)}× | ≥ 0.8× (within 20%) at 1M | {Met(growth >= 0.8 && largeReached >= 1_000_000)} |");
        s.AppendLine();
        s.AppendLine($"Large store: plain Marten, whose own schema did not grow, changed {F(machine, 2)}× between the two measurements; " +
                     $"intake relative to it changed {F(growth / machine, 2)}× ({F(N("storeSmall.intake.perSecond") / N("storeSmall.plainMarten.perSecond"), 2)}× of plain Marten " +
                     $"with the small store, {F(N("storeLarge.intake.perSecond") / N("storeLarge.plainMarten.perSecond"), 2)}× with the large one). The target is judged on the raw figure.");
        s.AppendLine();

        s.AppendLine($"Intake at every concurrency (reports/s; p50 / p99 ms), the reports spread over {F(N("intakeCommunes"))} communes (BENCH_INTAKE_COMMUNES):");
        s.AppendLine();
        s.AppendLine("| clients | HTTP intake | plain Marten | pgbench ~1 KB row | HTTP ÷ plain Marten | HTTP ÷ pgbench |");
        s.AppendLine("|---|---|---|---|---|---|");
        for (var i = 0; i < 3; i++)
            s.AppendLine($"| {N($"intake.{i}.clients")} | {F(N($"intake.{i}.http.perSecond"))}/s; {F(N($"intake.{i}.http.p50Ms"), 1)} / {F(N($"intake.{i}.http.p99Ms"), 1)} " +
                         $"| {F(N($"intake.{i}.plainMarten.perSecond"))}/s; {F(N($"intake.{i}.plainMarten.p50Ms"), 1)} / {F(N($"intake.{i}.plainMarten.p99Ms"), 1)} " +
                         $"| {F(N($"intake.{i}.pgbench.perSecond"))}/s; {F(N($"intake.{i}.pgbench.p50Ms"), 1)} / {F(N($"intake.{i}.pgbench.p99Ms"), 1)} " +
                         $"| {F(N($"intake.{i}.http.perSecond") / N($"intake.{i}.plainMarten.perSecond"), 2)}× | {F(N($"intake.{i}.http.perSecond") / N($"intake.{i}.pgbench.perSecond"), 2)}× |");
        s.AppendLine();

        if (results["groupCommit"] is not null)
        {
            s.AppendLine("Group commit (Intake:GroupCommit), 32 clients, each after a restart and the same warm-up, plain Marten right after each " +
                         "(reports/s; p50 / p99 ms; per report: transactions, rows inserted, CPU service / PostgreSQL / bench ms):");
            s.AppendLine();
            s.AppendLine("| group commit | HTTP intake | plain Marten | ratio | transactions | rows inserted | CPU | load average |");
            s.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var on in new[] { "off", "on" })
                s.AppendLine($"| {on} | {F(N($"groupCommit.{on}.http.perSecond"))}/s; {F(N($"groupCommit.{on}.http.p50Ms"), 1)} / {F(N($"groupCommit.{on}.http.p99Ms"), 1)} " +
                             $"| {F(N($"groupCommit.{on}.plainMarten.perSecond"))}/s | {F(N($"groupCommit.{on}.http.perSecond") / N($"groupCommit.{on}.plainMarten.perSecond"), 3)}× " +
                             $"| {F(N($"groupCommit.{on}.http.perOperation.transactionsPerOp"), 2)} | {F(N($"groupCommit.{on}.http.perOperation.rowsInsertedPerOp"), 1)} " +
                             $"| {Cpu($"groupCommit.{on}.http")} | {results["groupCommit"]?[on]?["loadAverage"]} |");
            s.AppendLine();
        }

        if (largeReached < largeTarget)
            s.AppendLine($"**The large store is {F(largeReached)} events, not {F(largeTarget)}:** seeding ran at {F(N("seedLarge.eventsPerSecond"))} events/s on this machine " +
                         $"and stopped to keep the run inside its budget (set BENCH_LARGE_EVENTS / BENCH_BUDGET_SECONDS to change). The 10k→1M target is therefore not shown as met.\n");

        s.AppendLine("## Where the time goes (why a target is missed)");
        s.AppendLine();
        s.AppendLine($"- One client, p50: the HTTP edge alone (token check, body binding, validation, a 400 problem, no database) " +
                     $"{F(N("httpEdge.p50Ms"), 2)} ms; plain Marten StartStream {F(N("intake.0.plainMarten.p50Ms"), 2)} ms; the whole report " +
                     $"{F(N("intake.0.http.p50Ms"), 2)} ms. What is left, {F(N("intake.0.http.p50Ms") - N("httpEdge.p50Ms") - N("intake.0.plainMarten.p50Ms"), 2)} ms, is the " +
                     "service's own part of the request: the case key, the Case snapshot and the CaseSummary written with the event in one transaction " +
                     "(one batch: the statements are listed below), the sealing of the identity fields, Wolverine's middleware and the JSON of the answer.");
        s.AppendLine($"- Database work per operation at 32 clients, counted from pg_stat_database over the measurement and until the async shards " +
                     $"caught up (so the pathway's hand-off, the inbox line and the integrity seal of each report are included): HTTP report " +
                     $"{F(N("intake.2.http.perOperation.transactionsPerOp"), 1)} transactions (read-only ones and the background polling in that time included), {F(N("intake.2.http.perOperation.rowsInsertedPerOp"), 1)} rows inserted, " +
                     $"{F(N("intake.2.http.perOperation.rowsUpdatedPerOp"), 1)} updated; plain Marten {F(N("intake.2.plainMarten.perOperation.transactionsPerOp"), 1)} transactions, " +
                     $"{F(N("intake.2.plainMarten.perOperation.rowsInsertedPerOp"), 1)} inserted, {F(N("intake.2.plainMarten.perOperation.rowsUpdatedPerOp"), 1)} updated; " +
                     $"pgbench {F(N("intake.2.pgbench.perOperation.transactionsPerOp"), 1)} transaction, {F(N("intake.2.pgbench.perOperation.rowsInsertedPerOp"), 1)} row. " +
                     $"After the 32-client intake the async shards needed {F(N("intake.2.quiesceSeconds"), 1)} s more to catch up: the pathway and the " +
                     $"inbox projection followed at about {F(N("intake.2.http.ok") / (N("intake.2.http.seconds") + N("intake.2.quiesceSeconds")))} reports/s, " +
                     "so a sustained intake above that rate makes hand-offs wait (the hand-off delay above is measured on an idle service).");
        s.AppendLine($"- CPU per operation at 32 clients (ms; service / PostgreSQL / bench process): HTTP report " +
                     $"{Cpu("intake.2.http")}; plain Marten {Cpu("intake.2.plainMarten")}; pgbench — / {F(N("intake.2.pgbench.perOperation.postgresCpuMsPerOp"), 2)} / —. " +
                     $"Step: HTTP {Cpu("stepAppend.http")}; plain Marten {Cpu("stepAppend.plainMarten")}. With {Environment.ProcessorCount} cores, " +
                     "a sustained rate (the request and the background work it causes) cannot exceed cores ÷ the sum of these, whatever the burst rate above; " +
                     "the ratio of the sums is the ratio a machine with spare cores would show.");
        double CpuSum(string path) => N(path + ".perOperation.serviceCpuMsPerOp") + N(path + ".perOperation.postgresCpuMsPerOp") + N(path + ".perOperation.benchCpuMsPerOp");
        var intakeWork = CpuSum("intake.2.plainMarten") / CpuSum("intake.2.http");
        var stepWork = CpuSum("stepAppend.plainMarten") / CpuSum("stepAppend.http");
        s.AppendLine($"- Work against throughput: a report costs {F(CpuSum("intake.2.http"), 2)} ms of CPU in all (the async side's included), a plain " +
                     $"Marten append {F(CpuSum("intake.2.plainMarten"), 2)} ms: the plain loop does {F(1 / intakeWork, 1)}× less work per operation, so on " +
                     $"the same cores it can go {F(1 / intakeWork, 1)}× as fast — a work ratio of {F(intakeWork, 2)}× against the measured throughput ratio of {F(intake32, 2)}×. " +
                     $"For the step: {F(CpuSum("stepAppend.http"), 2)} against {F(CpuSum("stepAppend.plainMarten"), 2)} ms, work ratio {F(stepWork, 2)}× against {F(stepRatio, 2)}×. " +
                     "Where the two ratios agree, the throughput gap is the extra work itself (the statements above), not waiting.");
        s.AppendLine($"- The feed page of 500 goes through Marten's raw-event query (each event deserialised to its .NET type), the mapping to a " +
                     $"public contract and CloudEvents JSON, and the bench parses it; the raw scan reads the same rows as text" +
                     (feed < 20_000 ? $"; on this machine the raw scan itself reached {F(N("feed.rawScanEventsPerSecond"))} events/s." : "."));
        s.AppendLine($"- The rebuild (rebuild-summaries) took {F(N("rebuild.fast.seconds"), 1)} s as it reports it (the verb {F(N("rebuild.fast.verbSeconds"), 1)} s with its start-up), " +
                     $"Marten's verb {F(N("rebuild.martenVerb.seconds"), 1)} s ({F(N("rebuild.martenVerb.verbSeconds"), 1)} s); CPU of the verb's process / PostgreSQL: " +
                     $"rebuild-summaries {F(N("rebuild.fast.verbCpuSeconds"), 1)} / {F(N("rebuild.fast.postgresCpuSeconds"), 1)} s, Marten's verb {F(N("rebuild.martenVerb.verbCpuSeconds"), 1)} / {F(N("rebuild.martenVerb.postgresCpuSeconds"), 1)} s " +
                     $"(start-up included); load average before and after: {results["rebuild"]?["loadAverage"]?.ToJsonString()}.");
        var perEvent = (N("rebuild.fast.rebuildCpuSeconds") + N("rebuild.fast.postgresCpuSeconds")) * 1e6 / N("rebuild.caseEvents");
        s.AppendLine($"- CPU per case event of rebuild-summaries without its start-up: {F(N("rebuild.fast.rebuildCpuSeconds") * 1e6 / N("rebuild.caseEvents"))} µs in the verb " +
                     $"+ {F(N("rebuild.fast.postgresCpuSeconds") * 1e6 / N("rebuild.caseEvents"))} µs in PostgreSQL = {F(perEvent)} µs: on {Environment.ProcessorCount} otherwise idle cores " +
                     $"at most {F(Environment.ProcessorCount * 1e6 / perEvent)} events/s if the work spread over them all, {F(1e6 / perEvent)} events/s on one.");
        if (results["statementsPerReport"] is JsonArray { Count: > 0 } statements)
        {
            s.AppendLine($"- The statements one report costs at one client, the async side's included, costliest first " +
                         "(pg_stat_statements from the start of the measurement until the shards caught up; background polling included):");
            s.AppendLine();
            s.AppendLine("  | statement | calls per report | ms per report |");
            s.AppendLine("  |---|---|---|");
            foreach (var st in statements)
                s.AppendLine($"  | `{st!["statement"]!.GetValue<string>().Replace("|", "\\|")}` | {st["callsPerOp"]} | {st["msPerOp"]} |");
            s.AppendLine();
        }
        s.AppendLine("- On 2 shared cores the load generator, the service and PostgreSQL compete for the same CPU; the baselines run in the bench process " +
                     "(plain Marten) or in pgbench, with no service work beside them, so every ratio against them carries the service's background work too.");
        if (results["failures"] is JsonObject { Count: > 0 } failures)
        {
            s.AppendLine();
            s.AppendLine("Failures seen (first of each kind): " + string.Join("; ", failures.Select(f => $"{f.Key}: {f.Value}")));
        }
        return s.ToString();
    }
}
