using System.Diagnostics;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Indicators;
using JasperFx.CommandLine;
using Marten;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// The service's fast rebuilds (<see cref="ProjectionRebuild"/>) of the projections that have one, several times as fast
/// as Marten's <c>projections rebuild -p …</c>, which stays available. Stop the service first, as for Marten's rebuild.
/// </summary>
public static class FastRebuilds
{
    /// <summary>The indicator facts' fold: their methods read the events' times, never their headers.</summary>
    public static readonly ProjectionFold<CaseIndicatorFacts> IndicatorFold = new(new CaseIndicatorFactsProjection());

    /// <summary>The case summaries (inline: no shard to move).</summary>
    public static Task<ProjectionRebuild.Outcome> SummariesAsync(IDocumentStore store, int workers, int batch, CancellationToken ct) =>
        ProjectionRebuild.RunAsync(store, CaseSummaryReplay.Fold, asyncShard: null, workers, batch, ct);

    /// <summary>The indicator facts (async: the daemon's shard goes on from the last event read).</summary>
    public static Task<ProjectionRebuild.Outcome> IndicatorsAsync(IDocumentStore store, int workers, int batch, CancellationToken ct) =>
        ProjectionRebuild.RunAsync(store, IndicatorFold, asyncShard: "CaseIndicatorFacts:All", workers, batch, ct);

    /// <summary>
    /// A verb's work: a refusal while any node of the service runs (<see cref="NodeLiveness.RunningNodesAsync"/>), the schema as
    /// this build expects it (what the service's start would apply), the rebuild, and the same closing words as Marten's
    /// verb, so that ops/bench/run reads both alike. <c>Rebuild:Workers</c> ranges of streams are
    /// read at once (default: the machine's cores, at least 2), <c>Rebuild:Batch</c> (1,000) documents per COPY.
    /// </summary>
    public static async Task<bool> RunVerbAsync(NetCoreInput input, string name,
        Func<IDocumentStore, int, int, CancellationToken, Task<ProjectionRebuild.Outcome>> rebuild)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            if (await NodeLiveness.RunningNodesAsync(connection, store.Options.Events.DatabaseSchemaName, CancellationToken.None) is { Count: > 0 } running)
            {
                Console.Error.WriteLine($"Stop the service first: {running.Count} node(s) of schema {store.Options.Events.DatabaseSchemaName} are running " +
                                        $"({string.Join(", ", running)}); the rebuild empties and refills the {name} documents and would race them.");
                return false;
            }
        }
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var done = await rebuild(store, configuration.GetValue("Rebuild:Workers", Math.Max(2, Environment.ProcessorCount)),
            configuration.GetValue("Rebuild:Batch", 1_000), CancellationToken.None);
        // This process's CPU over the rebuild alone (not its start-up): with PostgreSQL's, what an event costs whatever the load.
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"Finished rebuilding {name} in {clock.ElapsedMilliseconds} ms: {done.Documents} documents from {done.Events} events " +
                          $"(up to sequence {done.LastSequence}; CPU {used.TotalMilliseconds:F0} ms).");
        return true;
    }
}

/// <summary><c>ops/run rebuild-summaries</c>: every CaseSummary built again from the events (stop the service first).</summary>
[Description("Rebuilds every CaseSummary from the case events with a narrow read and bulk writes (stop the service first)", Name = "rebuild-summaries")]
public sealed class RebuildSummariesCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override Task<bool> Execute(NetCoreInput input) => FastRebuilds.RunVerbAsync(input, "CaseSummary", FastRebuilds.SummariesAsync);
}

/// <summary><c>ops/run rebuild-indicators</c>: every CaseIndicatorFacts built again from the events (stop the service first).</summary>
[Description("Rebuilds every CaseIndicatorFacts from the case events with a narrow read and bulk writes, and moves its shard (stop the service first)", Name = "rebuild-indicators")]
public sealed class RebuildIndicatorsCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override Task<bool> Execute(NetCoreInput input) => FastRebuilds.RunVerbAsync(input, "CaseIndicatorFacts", FastRebuilds.IndicatorsAsync);
}
