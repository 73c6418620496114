using System.Diagnostics;

namespace Bench;

/// <summary>
/// The indicator figures on a store of copied cases: the copies are spread over the 34 provinces (ten communes each) and
/// ten years (2017–2026) by rewriting their commune codes and dates, so that a province-year read selects what a
/// province would hold, not the whole store. The CaseIndicatorFacts rebuild beside the CaseSummary rebuild on the
/// same store (events/s); then, on the store grown to its full size, sequential province-year reads, each beside the
/// raw SQL fetch of the same documents: as a reader repeats them (the service's cache answers while the province's facts
/// stand) and each as of a moment of its own (nothing cached: the facts fetched and folded every time).
/// </summary>
public static class IndicatorBench
{
    public static readonly string[] Provinces =
    [
        "01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40", "42", "44", "46",
        "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96",
    ];

    public static IEnumerable<string> CommunesOf(string province) => Enumerable.Range(0, 10).Select(k => $"bench-{province}-{k}");

    /// <summary>
    /// SQL for one case's copy spread to a commune and a year of its own by hashes of its id: the jsonb <paramref name="data"/>
    /// with the bench's communes and the year 2026 rewritten (events and documents alike, so they agree).
    /// </summary>
    public static string Rewrite(string data, string id)
    {
        var provinces = string.Join(",", Provinces.Select(p => $"'{p}'"));
        var commune = $"'bench-' || (array[{provinces}])[1 + abs(hashtext({id}::text)) % {Provinces.Length}] || '-' || (abs(hashtext({id}::text || 'c')) % 10)";
        var year = $"(2017 + abs(hashtext({id}::text || 'y')) % 10)";
        return $"""regexp_replace(regexp_replace(({data})::text, '"bench-(intake(-[0-9]+)?|inbox)"', '"' || {commune} || '"', 'g'), '"2026-', '"' || {year} || '-', 'g')::jsonb""";
    }

    /// <summary>Each case stream already stored to a commune and a year of its own; the events keep their order and types.</summary>
    public static async Task SpreadAsync(Database db)
    {
        var s = db.Schema;
        await db.ExecuteAsync($"""
            update {s}.mt_events e set data = {Rewrite("e.data", "e.stream_id")}
              where e.stream_id in (select id from {s}.mt_streams where type = 'case');
            """);
        await db.ExecuteAsync($"vacuum (analyze) {s}.mt_events");
    }

    public sealed record ReadResult(int Reads, double P50Ms, double P99Ms, long Bytes, long Documents, double RawP50Ms,
        int UncachedReads, double UncachedP50Ms, double UncachedP99Ms, double UncachedRawP50Ms);

    /// <summary>
    /// Sequential reads after a warm-up, each beside the raw SQL fetch of the documents it selects: <paramref name="reads"/>
    /// as a reader repeats them, then <paramref name="uncached"/> each as of a moment of its own (a second apart, before now).
    /// </summary>
    public static async Task<ReadResult> ReadAsync(Api api, Database db, string token, int reads, int uncached)
    {
        const string province = "44", period = "2026";
        for (var i = 0; i < 10; i++) await api.IndicatorsAsync(token, province, period);
        var communes = string.Join(",", CommunesOf(province).Select(c => $"'{c}'"));
        var raw = $"select data::text from {db.Schema}.mt_doc_caseindicatorfacts where communes && array[{communes}] " +
                  "and received_at < '2027-01-01T00:00:00+07:00' and (open or last_at >= '2026-01-01T00:00:00+07:00')";
        var documents = await db.ScalarAsync($"select count(*) from ({raw}) d");
        long bytes = 0;
        async Task<(List<double> Times, List<double> Raw)> Measure(int count, Func<int, string?> asOf)
        {
            var (times, rawTimes) = (new List<double>(), new List<double>());
            for (var i = 0; i < count; i++)
            {
                var clock = Stopwatch.StartNew();
                bytes = await api.IndicatorsAsync(token, province, period, asOf(i)) ?? 0;
                times.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                await db.ReadAllAsync(raw);
                rawTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
            return (times, rawTimes);
        }
        var (cachedTimes, cachedRaw) = await Measure(reads, _ => null);
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var (freshTimes, freshRaw) = await Measure(uncached, i => start.AddSeconds(-i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        return new ReadResult(reads, Pct(cachedTimes, 0.5), Pct(cachedTimes, 0.99), bytes, documents, Pct(cachedRaw, 0.5),
            uncached, Pct(freshTimes, 0.5), Pct(freshTimes, 0.99), Pct(freshRaw, 0.5));
    }

    private static double Pct(List<double> xs, double p)
    {
        var sorted = xs.Order().ToList();
        return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 2);
    }
}
