using System.Diagnostics;

namespace Bench;

/// <summary>
/// The indicator figures on a store of copied cases: the copies are spread over the 34 provinces (ten communes each) and
/// ten years (2017–2026) by rewriting their commune codes and dates, so that a province-year read selects what a
/// province would hold, not the whole store. Then the CaseIndicatorFacts rebuild beside the CaseSummary rebuild on the
/// same store (events/s), and sequential province-year reads beside the raw SQL fetch of the same documents.
/// </summary>
public static class IndicatorBench
{
    public static readonly string[] Provinces =
    [
        "01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40", "42", "44", "46",
        "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96",
    ];

    public static IEnumerable<string> CommunesOf(string province) => Enumerable.Range(0, 10).Select(k => $"bench-{province}-{k}");

    /// <summary>Each case stream to a commune and a year of its own, by hashes of its id; the events keep their order and types.</summary>
    public static async Task SpreadAsync(Database db)
    {
        var s = db.Schema;
        var provinces = string.Join(",", Provinces.Select(p => $"'{p}'"));
        await db.ExecuteAsync($"""
            begin;
            create temp table bench_spread on commit drop as
              select id, 'bench-' || (array[{provinces}])[1 + abs(hashtext(id::text)) % {Provinces.Length}] || '-' || (abs(hashtext(id::text || 'c')) % 10) as commune,
                     2017 + abs(hashtext(id::text || 'y')) % 10 as year
              from {s}.mt_streams where type = 'case';
            update {s}.mt_events e
               set data = regexp_replace(regexp_replace(e.data::text, '"bench-(intake|inbox)"', '"' || b.commune || '"', 'g'),
                                         '"2026-', '"' || b.year || '-', 'g')::jsonb
              from bench_spread b where e.stream_id = b.id;
            commit;
            """);
        await db.ExecuteAsync($"vacuum (analyze) {s}.mt_events");
    }

    public sealed record ReadResult(int Reads, double P50Ms, double P99Ms, long Bytes, long Documents, double RawP50Ms);

    /// <summary>Sequential reads after a warm-up, each beside the raw SQL fetch of the documents it selects.</summary>
    public static async Task<ReadResult> ReadAsync(Api api, Database db, string token, int reads)
    {
        const string province = "44", period = "2026";
        for (var i = 0; i < 10; i++) await api.IndicatorsAsync(token, province, period);
        var communes = string.Join(",", CommunesOf(province).Select(c => $"'{c}'"));
        var raw = $"select data::text from {db.Schema}.mt_doc_caseindicatorfacts where commune = any(array[{communes}]) " +
                  "and received_at < '2027-01-01T00:00:00+07:00' and (open or last_at >= '2026-01-01T00:00:00+07:00')";
        var documents = await db.ScalarAsync($"select count(*) from ({raw}) d");
        var times = new List<double>();
        var rawTimes = new List<double>();
        long bytes = 0;
        for (var i = 0; i < reads; i++)
        {
            var clock = Stopwatch.StartNew();
            bytes = await api.IndicatorsAsync(token, province, period) ?? 0;
            times.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await db.ReadAllAsync(raw);
            rawTimes.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new ReadResult(reads, Pct(times, 0.5), Pct(times, 0.99), bytes, documents, Pct(rawTimes, 0.5));
    }

    private static double Pct(List<double> xs, double p)
    {
        var sorted = xs.Order().ToList();
        return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 2);
    }
}
