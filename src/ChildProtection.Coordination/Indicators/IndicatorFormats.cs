using System.Globalization;
using System.Text;
namespace ChildProtection.Coordination.Indicators;

public enum IndicatorFormat { Json, Csv, Xlsx }

/// <summary>A report as JSON, CSV (one row per cell) or an XLSX workbook laid out like a provincial report.</summary>
public static class IndicatorFormats
{
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The format asked for: <c>format=</c> first, else the Accept header the client sent; null for an unknown <c>format</c>.</summary>
    public static IndicatorFormat? Choose(string? format, string accept) => format?.Trim().ToLowerInvariant() switch
    {
        "json" => IndicatorFormat.Json,
        "csv" => IndicatorFormat.Csv,
        "xlsx" => IndicatorFormat.Xlsx,
        null => accept.Contains(Xlsx, StringComparison.OrdinalIgnoreCase) ? IndicatorFormat.Xlsx
            : accept.Contains(Csv, StringComparison.OrdinalIgnoreCase) ? IndicatorFormat.Csv : IndicatorFormat.Json,
        _ => null,
    };

    public static IResult Write(IndicatorReport report, IndicatorFormat format) => format switch
    {
        IndicatorFormat.Csv => Results.Text(ToCsv(report), Csv + "; charset=utf-8", Encoding.UTF8),
        IndicatorFormat.Xlsx => Results.File(IndicatorWorkbook.Write(report), Xlsx, FileName(report, "xlsx")),
        _ => Results.Ok(report),
    };

    public static string FileName(IndicatorReport report, string extension) => $"indicators-{report.Level}-{report.Unit}-{report.Period}.{extension}";

    public static readonly string[] CsvColumns =
        ["indicator", "code", "dimension", "category", "count", "denominator", "share", "suppressed", "filed_count", "filed_denominator", "difference"];

    public static string ToCsv(IndicatorReport report)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', CsvColumns)).Append("\r\n");
        foreach (var indicator in report.Indicators)
        foreach (var c in indicator.Cells)
        {
            string[] fields =
            [
                indicator.Id, indicator.Code ?? "", c.Dimension, c.Category, N(c.Count), N(c.Denominator),
                c.Share?.ToString("0.####", CultureInfo.InvariantCulture) ?? "", c.Suppressed ? "true" : "false",
                N(c.FiledCount), N(c.FiledDenominator), N(c.Difference),
            ];
            csv.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string N(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with a quote mark.</summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, CultureInfo.InvariantCulture, out _)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
