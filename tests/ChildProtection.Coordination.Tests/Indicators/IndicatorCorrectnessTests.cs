using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Indicators;
using JasperFx.Events;
using Marten;
using Marten.Events;
namespace ChildProtection.Coordination.Tests.Indicators;

/// <summary>
/// Thousands of random case histories, recorded in three batches so that late entries and as-of reads mean something:
/// every indicator the service reads (facts built by the async daemon, the read's filter, the fold) equals a naive
/// count over the raw events, for every level, several periods and three moments; a rebuild gives the same figures;
/// erasing identities changes none. Reads as of now go through the service's cache after each batch, so a cached
/// figure that outlived a change of the facts would show; the later comparisons read through the same cache.
/// </summary>
[Collection(IndicatorCollection.Name)]
public sealed class IndicatorCorrectnessTests(IndicatorFixture app)
{
    private const int Cases = 2000;
    private static readonly string[] Periods = ["2026", "2026-H1", "2026-H2", "2026-03", "2026-10", "2025"];

    private static readonly (ReportingUnit Unit, Func<string, bool> InUnit)[] Units =
    [
        (new ReportingUnit(ReportLevel.Nation, ReportingUnit.NationCode), _ => true),
        (new ReportingUnit(ReportLevel.Province, "44"), c => c is "dong-hoi-ward" or "dong-thuan-ward" or "dong-son-ward"),
        // Every demo commune of the province: the HTTP tests of the collection move a case to le-chan-ward.
        (new ReportingUnit(ReportLevel.Province, "31"), c => c is "hong-bang-ward" or "le-chan-ward" or "ngo-quyen-ward"),
        (new ReportingUnit(ReportLevel.Commune, "dong-hoi-ward"), c => c == "dong-hoi-ward"),
        (new ReportingUnit(ReportLevel.Commune, "dong-son-ward"), c => c == "dong-son-ward"),
        (new ReportingUnit(ReportLevel.Commune, "unlisted-ward"), c => c == "unlisted-ward"),
    ];

    [Fact]
    public async Task every_indicator_equals_a_naive_count_of_the_raw_events_at_every_moment_and_after_a_rebuild_and_an_erasure()
    {
        var store = app.Store;
        var histories = RandomHistories.Generate(Cases, seed: 15, latest: DateTimeOffset.UtcNow.AddHours(-1));
        var ids = histories.Select(h => h.CaseId).ToHashSet();
        var moments = new List<DateTimeOffset>();
        var cache = new IndicatorCache();
        for (var batch = 0; batch < 3; batch++)
        {
            foreach (var chunk in histories.Chunk(250))
            {
                await using var session = store.LightweightSession();
                foreach (var (caseId, events) in chunk)
                    if (events.Where(e => e.Batch == batch).Select(e => e.Event).ToArray() is { Length: > 0 } now)
                        session.Events.Append(caseId, now);
                await session.SaveChangesAsync();
            }
            moments.Add(await LatestTimestampAsync(store));
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(3));
            await CompareNowAsync(store, await RawStreamsAsync(store, ids), cache);
        }

        var streams = await RawStreamsAsync(store, ids);
        streams.Sum(s => s.Count).ShouldBeGreaterThan(Cases * 5, "the histories should be long enough to mean something");
        streams.Sum(s => s.Count(e => e.Data is CaseLinked { Kind: CaseLinkKind.SameChild })).ShouldBeGreaterThan(50, "some reports should be of one child");
        streams.Sum(s => s.Count(e => e.Data is CaseMerged { Initiated: false, Handoffs.Length: > 0 })).ShouldBeGreaterThan(5, "some merges should move open hand-offs");
        streams.Sum(s => s.Count(e => e.Data is CaseUnmerged { Initiated: false })).ShouldBeGreaterThan(0, "some merges should be undone");
        var live = await CompareAllAsync(store, streams, moments, cache);
        live.Values.Sum(c => c.Count).ShouldBeGreaterThan(0);
        (await CompareAllAsync(store, streams, moments, cache)).ShouldBe(live, "a second read (from the cache) gives other figures");
        foreach (var key in new[] { "criminal-proceedings|decision|Instituted", "abused-children|setting|Online", "abused-children|special-group|Disabled",
                     "report-outcomes|outcome|duplicate", "reports-received|channel|ProvincialCounsellingLine", "abused-children|age-group|16-17" })
            live.Keys.ShouldContain(k => k.EndsWith(key), $"the histories should count {key} somewhere");

        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync("CaseIndicatorFacts", CancellationToken.None);
        (await CompareAllAsync(store, streams, moments, cache)).ShouldBe(live, "a rebuild gives other figures");

        await using (var session = store.LightweightSession())
        {
            foreach (var caseId in ids.Where((_, i) => i % 7 == 0))
            {
                session.Events.Append(caseId, RandomHistories.Erasure(caseId));
                session.Delete<CaseKey>(caseId);
            }
            await session.SaveChangesAsync();
        }
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(1));
        (await CompareAllAsync(store, await RawStreamsAsync(store, ids), moments, cache)).ShouldBe(live, "an erasure changed the counts");
    }

    /// <summary>Compares the service with the naive count for every unit, period and moment; answers the service's cells, keyed.</summary>
    private static async Task<Dictionary<string, (long Count, long? Denominator)>> CompareAllAsync(IDocumentStore store,
        IReadOnlyList<IReadOnlyList<IEvent>> streams, IReadOnlyList<DateTimeOffset> moments, IndicatorCache cache)
    {
        var all = new Dictionary<string, (long, long?)>();
        await using var session = store.QuerySession();
        foreach (var (unit, inUnit) in Units)
        foreach (var name in Periods)
        foreach (var asOf in moments)
        {
            var period = ReportingPeriod.Parse(name)!;
            if (asOf < period.Start) continue;
            var where = $"{unit} {name} as of {asOf:O}";
            var service = await CompareAsync(session, streams, unit, inUnit, period, asOf, DateTimeOffset.UtcNow, cache, where);
            foreach (var (key, value) in service) all[$"{where}|{key}"] = value;
        }
        return all;
    }

    /// <summary>Every unit's figures for two periods as of now, through the cache, against the naive count at that moment.</summary>
    private static async Task CompareNowAsync(IDocumentStore store, IReadOnlyList<IReadOnlyList<IEvent>> streams, IndicatorCache cache)
    {
        await using var session = store.QuerySession();
        foreach (var (unit, inUnit) in Units)
        foreach (var name in new[] { "2026", "2026-H2" })
        {
            var now = DateTimeOffset.UtcNow;
            await CompareAsync(session, streams, unit, inUnit, ReportingPeriod.Parse(name)!, now, now, cache, $"{unit} {name} as of now ({now:O})");
        }
    }

    private static async Task<Dictionary<string, (long Count, long? Denominator)>> CompareAsync(IQuerySession session, IReadOnlyList<IReadOnlyList<IEvent>> streams,
        ReportingUnit unit, Func<string, bool> inUnit, ReportingPeriod period, DateTimeOffset asOf, DateTimeOffset now, IndicatorCache cache, string where)
    {
        var cells = await IndicatorReads.CellsAsync(session, unit, period, asOf, now, CancellationToken.None, cache);
        var service = cells.Where(c => c.Count is > 0 || c.Denominator is > 0).ToDictionary(c => c.Key, c => (c.Count!.Value, c.Denominator));
        var naive = NaiveIndicators.Count(streams, inUnit, period, asOf);
        foreach (var key in service.Keys.Union(naive.Keys).Order())
            service.GetValueOrDefault(key).ShouldBe(naive.GetValueOrDefault(key), $"{key} for {where}");
        return service;
    }

    private static async Task<IReadOnlyList<IReadOnlyList<IEvent>>> RawStreamsAsync(IDocumentStore store, IReadOnlySet<Guid> ids)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().ToListAsync();
        // Every stream: the other tests of the collection share the store, and the service counts their cases too.
        return events.GroupBy(e => e.StreamId).Select(g => (IReadOnlyList<IEvent>)g.OrderBy(e => e.Version).ToList()).ToList();
    }

    private static async Task<DateTimeOffset> LatestTimestampAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).FirstAsync()).Timestamp;
    }
}
