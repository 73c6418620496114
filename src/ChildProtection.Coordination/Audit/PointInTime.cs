using System.Globalization;
using System.Text.RegularExpressions;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Audit;

/// <summary>
/// "As known at": <c>asOf</c> (an instant, compared with when events were recorded) or <c>version</c> (a stream
/// version), never both. Neither means now.
/// </summary>
public sealed partial record PointInTime(DateTimeOffset? AsOf, long? Version)
{
    public bool IsNow => AsOf is null && Version is null;

    public static (PointInTime? Point, IResult? Problem) Parse(HttpContext http, string? asOf, string? version)
    {
        if (asOf is not null && version is not null)
            return (null, Problems.Invalid(http, "version", "Give 'asOf' or 'version', not both."));
        if (asOf is not null)
            return TryInstant(asOf, out var at)
                ? (new PointInTime(at, null), null)
                : (null, Problems.Invalid(http, "asOf", InstantRule("asOf")));
        if (version is not null)
            return long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1
                ? (new PointInTime(null, v), null)
                : (null, Problems.Invalid(http, "version", "'version' is a whole number from 1 to the case's current version."));
        return (new PointInTime(null, null), null);
    }

    /// <summary>The version check that needs the stream: a version beyond its end is a bad request, not a guess.</summary>
    public IResult? Beyond(HttpContext http, long currentVersion) => Version > currentVersion
        ? Problems.Invalid(http, "version", $"'version' is a whole number from 1 to the case's current version, {currentVersion}.")
        : null;

    public string Describe() => AsOf is { } at ? $"as of {at:O}" : $"at version {Version}";

    public static string InstantRule(string name) =>
        $"'{name}' is an ISO-8601 instant with an offset, e.g. 2026-11-25T03:00:00Z or 2026-11-25T10:00:00%2B07:00, between {LegalTime.AcceptedDates.First:yyyy-MM-dd} and {LegalTime.AcceptedDates.Last:yyyy-MM-dd}.";

    /// <summary>An ISO-8601 instant that says its offset; a '+' left unencoded in a query string arrives as a space.</summary>
    public static bool TryInstant(string raw, out DateTimeOffset at)
    {
        at = default;
        raw = UnencodedPlus().Replace(raw.Trim(), "+$1");
        if (!Offset().IsMatch(raw) || !DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out at)
            || !LegalTime.AcceptedDates.Contains(at)) return false;
        // Npgsql writes only UTC DateTimeOffsets to timestamptz; Marten's time travel passes ours straight through.
        at = at.ToUniversalTime();
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex Offset();

    [GeneratedRegex(@"(?<=T[0-9:.]+) (\d{2}:?\d{2})$")]
    private static partial Regex UnencodedPlus();
}
