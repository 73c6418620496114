using System.Diagnostics;
using ChildProtection.Coordination.Audit;
using JasperFx.CommandLine;
using Marten;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// <c>ops/run rebuild-summaries</c>: the case summaries rebuilt from the events with one narrow ordered read and COPY
/// writes (<see cref="CaseSummaryReplay.RebuildAllAsync"/>), several times as fast as Marten's
/// <c>projections rebuild -p CaseSummary</c>, which stays available. Stop the service first, as for Marten's rebuild.
/// </summary>
[Description("Rebuilds every CaseSummary from the case events with a narrow read and bulk writes (stop the service first)", Name = "rebuild-summaries")]
public sealed class RebuildSummariesCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        // The schema as this build expects it (what the service's start would apply), before writing into it.
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var clock = Stopwatch.StartNew();
        var (events, cases) = await CaseSummaryReplay.RebuildAllAsync(store, 1_000, CancellationToken.None);
        // The same closing words as Marten's verb, so that ops/bench/run reads both alike.
        Console.WriteLine($"Finished rebuilding CaseSummary in {clock.ElapsedMilliseconds} ms: {cases} cases from {events} events.");
        return true;
    }
}
