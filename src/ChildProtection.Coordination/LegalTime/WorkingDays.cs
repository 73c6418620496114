namespace ChildProtection.Coordination.LegalTime;

/// <summary>
/// Working days by the default legal calendar (<see cref="LegalCalendar.Default"/>): weekends, the public
/// holidays of the Labour Code 2019 Art. 112 with Tết and Hùng Kings' day from the lunar calendar, and
/// nghỉ bù — but not the operator's amendments, which only the configured <see cref="LegalCalendar"/>
/// knows. Code that can be handed that calendar should use it instead.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly date) => LegalCalendar.Default.IsWorkingDay(date);

    /// <summary>The end (Vietnam midnight) of the <paramref name="days"/>-th working day after the day of <paramref name="start"/>.</summary>
    public static DateTimeOffset DeadlineAfter(DateTimeOffset start, int days) => LegalCalendar.Default.AddWorkingDays(start, days);
}
