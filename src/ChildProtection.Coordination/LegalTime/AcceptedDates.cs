namespace ChildProtection.Coordination.LegalTime;

/// <summary>
/// The one range of dates the service accepts from a client, in a query or a body. Wide enough for any child's birth
/// and any clock of the law, narrow enough that no arithmetic on it (time zones, working days, deadlines) leaves
/// what .NET and PostgreSQL can represent: 0001-01-01 or 9999-12-31 made the directory answer 500 (issue 12).
/// </summary>
public static class AcceptedDates
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2200, 12, 31);

    public static bool Contains(DateOnly day) => day >= First && day <= Last;

    /// <summary>By the instant's own calendar day and by the UTC one, so no conversion can step outside.</summary>
    public static bool Contains(DateTimeOffset instant) =>
        Contains(DateOnly.FromDateTime(instant.DateTime)) && Contains(DateOnly.FromDateTime(instant.UtcDateTime));

    public static bool Contains(DateTime instant) => Contains(DateOnly.FromDateTime(instant));

    public static string Rule(string field) => $"'{field}' must lie between {First:yyyy-MM-dd} and {Last:yyyy-MM-dd}.";
}
