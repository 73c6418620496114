using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Marten;
namespace ChildProtection.Coordination.Indicators;

/// <summary>Indicators: the threshold under which a cell is withheld from a non-statutory reader.</summary>
public sealed class IndicatorOptions
{
    public const string Section = "Indicators";

    /// <summary>Counts from 1 to this minus one are withheld (default 5).</summary>
    [Range(2, 1000)]
    public int SuppressionThreshold { get; set; } = 5;
}

/// <summary>One cell as a report shows it: the current figures, and beside them those of the filed report, if any, and the difference.</summary>
public sealed record ReportCell(string Dimension, string Category, long? Count, long? Denominator, double? Share, bool Suppressed,
    long? FiledCount = null, long? FiledDenominator = null, long? Difference = null);

public sealed record ReportIndicator(string Id, string? Code, string NameVi, string NameEn, IndicatorKind Kind, IReadOnlyList<ReportCell> Cells);

/// <summary>The filing a read compares with: when, by whom, as the events stood when, and its digest.</summary>
public sealed record FilingSummary(int Revision, DateTimeOffset FiledAt, string FiledBy, string Agency, DateTimeOffset AsOf, string Digest, bool Revised);

/// <summary>A report for one unit and period as the events stood at <see cref="AsOf"/>.</summary>
public sealed record IndicatorReport(string Level, string Unit, string Period, DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf,
    bool Suppressed, int Threshold, IReadOnlyList<ReportIndicator> Indicators, FilingSummary? Filed);

/// <summary>Reads the facts of a unit's cases for a period and folds them; lays the cells out as a report.</summary>
public static class IndicatorReads
{
    /// <summary>
    /// The unit's cells for the period as the events stood at <paramref name="asOf"/>: from <paramref name="cache"/> while
    /// the unit's facts are unchanged (and, for a read as of now, until a clock or an age band turns), else folded afresh.
    /// </summary>
    public static async Task<IReadOnlyList<IndicatorCell>> CellsAsync(IQuerySession session, ReportingUnit unit, ReportingPeriod period,
        DateTimeOffset asOf, DateTimeOffset now, CancellationToken ct, IndicatorCache? cache = null)
    {
        var communes = await unit.CommunesAsync(session, ReportingUnit.Today(now), ct);
        var codes = communes?.Order(StringComparer.Ordinal).ToArray();
        await using var facts = new FactsTable(session);
        IndicatorCache.Stamp? stamp = null;
        var key = IndicatorCache.Key(unit, period, asOf == now ? null : asOf, codes);
        if (cache is not null)
        {
            var progress = await facts.ProgressAsync(ct);
            if (cache.Find(key, progress, null, now) is { } hit) return hit;
            // The facts changed somewhere: a unit's own stamp tells whether its cases did (the nation's is the progress).
            stamp = new IndicatorCache.Stamp(progress, codes is null ? null : await facts.UnitStampAsync(codes, ct));
            if (codes is not null && cache.Find(key, progress, stamp.Unit, now) is { } same) return same;
        }
        var cases = await facts.ForPeriodAsync(codes, period, asOf, ct);
        var set = communes is null ? null : new HashSet<string>(communes, StringComparer.Ordinal);
        var tally = IndicatorFold.Compute(cases, period, asOf, set is null ? null : set.Contains);
        var cells = tally.Cells(IndicatorDefinitions.Current);
        if (cache is not null && stamp is not null) cache.Keep(key, stamp, asOf == now ? tally.Until : null, cells);
        return cells;
    }

    public static IReadOnlyList<ReportIndicator> Layout(IReadOnlyList<IndicatorCell> cells, IReadOnlyList<IndicatorCell>? filed)
    {
        var filedByKey = filed?.ToDictionary(c => c.Key);
        return IndicatorDefinitions.Current.Indicators.Select(d => new ReportIndicator(d.Id, d.Code, d.NameVi, d.NameEn, d.Kind,
            cells.Where(c => c.Indicator == d.Id).Select(c =>
            {
                var cell = new ReportCell(c.Dimension, c.Category, c.Count, c.Denominator, c.Share, c.Suppressed);
                if (filedByKey is null) return cell;
                var was = filedByKey.GetValueOrDefault(c.Key);
                return cell with
                {
                    FiledCount = was?.Count ?? 0, FiledDenominator = was?.Denominator,
                    Difference = c.Count is { } now && was?.Count is { } then ? now - then : c.Count is { } n && was is null ? n : null,
                };
            }).ToList())).ToList();
    }

    /// <summary>A digest of the figures: SHA-256 over one line per cell, in the report's order.</summary>
    public static string Digest(IEnumerable<IndicatorCell> cells)
    {
        var text = new StringBuilder();
        foreach (var c in cells) text.Append(c.Key).Append('=').Append(c.Count).Append('/').Append(c.Denominator).Append('\n');
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
