namespace ChildProtection.Coordination.LegalTime;

/// <summary>
/// Working days skip Saturdays, Sundays and the solar public holidays (Labour Code 2019 Art. 112).
/// Tết and Hùng Kings' day follow the lunar calendar and the yearly swaps are announced by the
/// government; both arrive with the operator-amendable holiday calendar, not here.
/// </summary>
public static class WorkingDays
{
    private static readonly (int Month, int Day)[] SolarHolidays = [(1, 1), (4, 30), (5, 1), (9, 2)];

    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !SolarHolidays.Contains((date.Month, date.Day));

    /// <summary>The end (Vietnam midnight) of the <paramref name="days"/>-th working day after the day of <paramref name="start"/>.</summary>
    public static DateTimeOffset DeadlineAfter(DateTimeOffset start, int days)
    {
        var date = VietnamTime.DateOf(start);
        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return VietnamTime.StartOf(date.AddDays(1));
    }
}
