using System.Globalization;
using System.Text;
namespace ChildProtection.Coordination.Agencies;

/// <summary>A problem with one row of an import; row 1 is the header, so row numbers match a spreadsheet's.</summary>
public sealed record ImportError(int Row, string Field, string Message);

/// <summary>A data row: its number, its id as written, and its entry, or null when a field could not be read.</summary>
public sealed record CsvAgencyRow(int Row, string Id, RegisterAgency? Agency);

/// <summary>
/// Reads the agency CSV (RFC 4180: commas, double-quoted fields with "" for a quote, CRLF or LF, UTF-8
/// with or without BOM). The header names the columns <see cref="Columns"/>, in any order, each once.
/// </summary>
public static class AgencyCsv
{
    public static readonly string[] Columns = ["id", "nameVi", "nameEn", "kind", "province", "commune", "activeFrom", "activeTo", "supervisor"];

    /// <summary>The CSV column for each field name the API and <see cref="AgencyRules"/> use.</summary>
    public static readonly IReadOnlyDictionary<string, string> ColumnOf = new Dictionary<string, string>
    {
        ["id"] = "id", ["nameVi"] = "nameVi", ["nameEn"] = "nameEn", ["kind"] = "kind", ["provinceCode"] = "province",
        ["communeCode"] = "commune", ["activeFrom"] = "activeFrom", ["activeTo"] = "activeTo", ["supervisingAgencyId"] = "supervisor",
    };

    /// <summary>The rows as agency entries (normalized), and the errors of the header or of fields that could not be read.</summary>
    public static (IReadOnlyList<CsvAgencyRow> Rows, IReadOnlyList<ImportError> Errors) Read(string text)
    {
        var errors = new List<ImportError>();
        var records = Split(text, errors);
        if (errors.Count > 0) return ([], errors);
        if (records.Count == 0) return ([], [new ImportError(1, "header", $"The file is empty; the header is {string.Join(",", Columns)}.")]);

        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var column = Columns.FirstOrDefault(c => c.Equals(header[i], StringComparison.OrdinalIgnoreCase));
            if (column is null) errors.Add(new ImportError(1, header[i], $"Unknown column '{header[i]}'; the columns are {string.Join(",", Columns)}."));
            else if (!index.TryAdd(column, i)) errors.Add(new ImportError(1, column, $"The column '{column}' appears twice."));
        }
        foreach (var missing in Columns.Where(c => !index.ContainsKey(c)))
            errors.Add(new ImportError(1, missing, $"The header lacks the column '{missing}'."));
        if (errors.Count > 0) return ([], errors);

        var rows = new List<CsvAgencyRow>();
        foreach (var (row, fields) in records.Skip(1))
        {
            if (fields.Count != header.Length)
            {
                errors.Add(new ImportError(row, "row", $"The row has {fields.Count} fields; the header has {header.Length}."));
                continue;
            }
            string Get(string column) => fields[index[column]].Trim();
            rows.Add(new CsvAgencyRow(row, Get("id"), ParseRow(row, Get, errors)));
        }
        return (rows, errors);
    }

    private static RegisterAgency? ParseRow(int row, Func<string, string> get, List<ImportError> errors)
    {
        var before = errors.Count;
        var kindText = get("kind");
        AgencyKind kind = default;
        if (kindText.Any(ch => !char.IsLetter(ch)) || !Enum.TryParse(kindText, ignoreCase: true, out kind))
            errors.Add(new ImportError(row, "kind", $"'kind' must be one of: {string.Join(", ", Enum.GetNames<AgencyKind>())}."));
        var activeFrom = Day(row, "activeFrom", get("activeFrom"), required: true, errors);
        var activeTo = Day(row, "activeTo", get("activeTo"), required: false, errors);
        if (errors.Count > before) return null;
        return AgencyRules.Normalize(new RegisterAgency(get("id"), get("nameVi"), kind, activeFrom!.Value, get("nameEn"),
            get("province"), get("commune"), activeTo, get("supervisor")));
    }

    private static DateOnly? Day(int row, string field, string text, bool required, List<ImportError> errors)
    {
        if (text.Length == 0)
        {
            if (required) errors.Add(new ImportError(row, field, $"'{field}' is required (yyyy-MM-dd)."));
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // The range every JSON date is held to: a day of year 1 would overflow when it becomes an instant in Vietnam.
            if (LegalTime.AcceptedDates.Contains(day)) return day;
            errors.Add(new ImportError(row, field, LegalTime.AcceptedDates.Rule(field)));
            return null;
        }
        errors.Add(new ImportError(row, field, $"'{field}' must be a day written yyyy-MM-dd, not '{text}'."));
        return null;
    }

    /// <summary>Splits the text into records of fields, numbering records from 1; blank lines are skipped.</summary>
    public static List<(int Row, List<string> Fields)> Split(string text, List<ImportError> errors)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, fieldWasQuoted = false;
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldWasQuoted = false;
        }
        void EndRecord()
        {
            EndField();
            if (fields.Count > 1 || fields[0].Length > 0) records.Add((records.Count + 1, fields));
            fields = [];
        }

        for (var i = start; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"' && field.Length == 0 && !fieldWasQuoted) quoted = fieldWasQuoted = true;
            else if (ch == ',') EndField();
            else if (ch == '\n') EndRecord();
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { }
            else field.Append(ch);
        }
        if (quoted) errors.Add(new ImportError(records.Count + 1, "row", "A quoted field is not closed."));
        else EndRecord();
        return records;
    }
}
