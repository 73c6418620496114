using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Common.Keys;
using JasperFx.CommandLine;
using Marten;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// <c>ops/run backfill-match-keys</c>: a match key for every case that has none (reported before matching existed, or
/// hashed with a retired service key), so that duplicate detection finds them too (<see cref="MatchKeyBackfill"/>). Safe
/// while the service runs, and again after an interruption: a case that has a current key is left as it is.
/// </summary>
[Description("Computes a match key for every case without one (cases reported before matching, or keyed with a retired service key)", Name = "backfill-match-keys")]
public sealed class BackfillMatchKeysCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        var store = services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var (computed, seen) = await MatchKeyBackfill.RunAsync(store, services.GetRequiredService<MatchKeySecret>(),
            services.GetRequiredService<IKeyEncryptionKeys>(), services.GetRequiredService<TimeProvider>(), 500, CancellationToken.None);
        Console.WriteLine($"Match keys computed for {computed} of {seen} cases (erased cases get none).");
        return true;
    }
}
