using System.Globalization;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Agencies;

/// <summary>Parsing of the directory's query strings; a bad value is a 400 naming the parameter.</summary>
public static class DirectoryQueries
{
    /// <summary>A day ("2025-07-01") or an instant ("2025-07-01T08:00:00+07:00"), as a Vietnam calendar day.</summary>
    public static bool TryDay(string? raw, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            day = d;
            return AcceptedDates.Contains(d);
        }
        if (!DateTimeOffset.TryParse(raw.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || !AcceptedDates.Contains(at)) return false;
        day = VietnamTime.DateOf(at);
        return true;
    }

    public static bool TryKind(string? raw, out AgencyKind? kind)
    {
        kind = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (raw.Any(ch => !char.IsLetter(ch)) || !Enum.TryParse<AgencyKind>(raw, ignoreCase: true, out var parsed)) return false;
        kind = parsed;
        return true;
    }

    public static IResult BadDay(HttpContext http, string field) =>
        Problems.Invalid(http, field, $"'{field}' must be a day (2025-07-01) or an ISO 8601 date and time, between {AcceptedDates.First:yyyy-MM-dd} and {AcceptedDates.Last:yyyy-MM-dd}.");

    public static IResult BadKind(HttpContext http, string field) =>
        Problems.Invalid(http, field, $"'{field}' must be one of: {string.Join(", ", Enum.GetNames<AgencyKind>())}.");

    public static IResult BadProvince(HttpContext http, string field, string value) =>
        Problems.Invalid(http, field, $"Unknown province '{value}': one of the 34 official codes that GET /api/provinces lists.");
}
