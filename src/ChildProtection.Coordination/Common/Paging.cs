namespace ChildProtection.Coordination.Common;

/// <summary>Page and page size from the query string: whole numbers in range, else a 400 naming the parameter.</summary>
public static class Paging
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 1_000_000; // (MaxPage - 1) × MaxPageSize still fits an int offset

    public static (int Page, int PageSize, IResult? Problem) Parse(HttpContext http, string? page, string? pageSize)
    {
        if (!TryReadWhole(page, 1, MaxPage, 1, out var p))
            return (0, 0, Problems.Invalid(http, "page", $"'page' is a whole number from 1 to {MaxPage}."));
        if (!TryReadWhole(pageSize, 1, MaxPageSize, 20, out var s))
            return (0, 0, Problems.Invalid(http, "pageSize", $"'pageSize' is a whole number from 1 to {MaxPageSize}."));
        return ((int)p, (int)s, null);
    }

    /// <summary>A query-string whole number (digits only) from <paramref name="min"/> to <paramref name="max"/>; absent means <paramref name="fallback"/>.</summary>
    public static bool TryReadWhole(string? raw, long min, long max, long fallback, out long value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(raw)) return true;
        return long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)
               && value >= min && value <= max;
    }
}
