using System.Globalization;
using System.Text.RegularExpressions;
using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Indicators;

public enum PeriodKind { Month, HalfYear, Year }

/// <summary>
/// A reporting period in Vietnam calendar time: a month (<c>2026-03</c>), a half-year (<c>2026-H1</c>, the six-monthly
/// report) or a year (<c>2026</c>). It runs from <see cref="Start"/> up to, not including, <see cref="End"/>.
/// </summary>
public sealed partial record ReportingPeriod(string Name, PeriodKind Kind, DateOnly FirstDay, DateOnly EndDay)
{
    public DateTimeOffset Start => VietnamTime.StartOf(FirstDay);
    public DateTimeOffset End => VietnamTime.StartOf(EndDay);

    public bool Contains(DateTimeOffset at) => at >= Start && at < End;

    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?:H(?<h>[12])|(?<m>0[1-9]|1[0-2])))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The period a name gives, or null when the name is none of the three forms (years 2000–2199).</summary>
    public static ReportingPeriod? Parse(string? name)
    {
        if (name is null) return null;
        var match = Pattern().Match(name.Trim());
        if (!match.Success) return null;
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2199) return null;
        if (match.Groups["h"].Success)
        {
            var first = new DateOnly(year, match.Groups["h"].Value == "1" ? 1 : 7, 1);
            return new ReportingPeriod($"{year}-H{match.Groups["h"].Value}", PeriodKind.HalfYear, first, first.AddMonths(6));
        }
        if (match.Groups["m"].Success)
        {
            var first = new DateOnly(year, int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture), 1);
            return new ReportingPeriod($"{year}-{first.Month:00}", PeriodKind.Month, first, first.AddMonths(1));
        }
        return new ReportingPeriod($"{year}", PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
    }
}
