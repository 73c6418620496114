using System.Globalization;
using MiniExcelLibs;
namespace ChildProtection.Coordination.Indicators;

/// <summary>
/// The report as an XLSX workbook in the layout a provincial report uses: a title block (unit, period, as-of, whether
/// small cells are withheld), then one numbered row per indicator and its splits with count, denominator, share, the
/// filed figure and the difference; a second sheet holds the definitions.
/// </summary>
public static class IndicatorWorkbook
{
    private static readonly string[] Columns = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];

    public static byte[] Write(IndicatorReport report)
    {
        var rows = new List<Dictionary<string, object?>>
        {
            Row("BÁO CÁO CHỈ TIÊU BẢO VỆ TRẺ EM — CHILD PROTECTION INDICATORS"),
            Row("Đơn vị / Unit", $"{report.Level} {report.Unit}"),
            Row("Kỳ báo cáo / Period", report.Period, $"{report.From:yyyy-MM-dd} – {report.To.AddDays(-1):yyyy-MM-dd}"),
            Row("Số liệu tính đến / As of", report.AsOf.ToString("O", CultureInfo.InvariantCulture)),
            Row("Ô nhỏ được ẩn / Small cells withheld", report.Suppressed ? $"yes, under {report.Threshold}" : "no"),
            Row("Đã nộp / Filed", report.Filed is { } f ? $"revision {f.Revision}, {f.FiledAt:O}, {f.Digest}" : "not filed"),
            Row(),
            Row("STT", "Mã / Code", "Chỉ tiêu / Indicator", "Phân tổ / Split", "Nhóm / Category", "Số lượng / Count",
                "Mẫu số / Denominator", "Tỷ lệ / Share", "Đã nộp / Filed", "Chênh lệch / Difference"),
        };
        var definitions = IndicatorDefinitions.Current;
        var number = 0;
        foreach (var indicator in report.Indicators)
        {
            number++;
            var line = 0;
            foreach (var c in indicator.Cells)
            {
                var split = definitions.Split(c.Dimension);
                rows.Add(Row(line == 0 ? $"{number}" : $"{number}.{line}", indicator.Code, line == 0 ? $"{indicator.NameVi} / {indicator.NameEn}" : "",
                    split.NameVi, c.Category, c.Suppressed ? "<" + report.Threshold : c.Count, c.Denominator, c.Share, c.FiledCount, c.Difference));
                line++;
            }
        }
        var sheets = new Dictionary<string, object>
        {
            ["Báo cáo"] = rows,
            ["Định nghĩa"] = new[] { Row("Id", "Mã / Code", "Chỉ tiêu", "Indicator", "Định nghĩa / Definition", "Sự kiện / Events", "Phân tổ / Splits") }
                .Concat(definitions.Indicators.Select(d => Row(d.Id, d.Code, d.NameVi, d.NameEn, d.Definition, string.Join(", ", d.Counts),
                    string.Join(", ", d.Disaggregations)))).ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(params object?[] values)
    {
        var row = new Dictionary<string, object?>();
        for (var i = 0; i < Columns.Length; i++) row[Columns[i]] = i < values.Length ? values[i] : null;
        return row;
    }
}
