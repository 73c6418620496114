namespace ChildProtection.Coordination.LegalTime;

/// <summary>
/// Working days by the service's legal calendar: weekends, the public holidays of the Labour Code 2019
/// Art. 112 with Tết and Hùng Kings' day from the lunar calendar, nghỉ bù, and the operator's amendments
/// from configuration (section <c>LegalCalendar</c>). Program.cs installs the configured calendar at start;
/// until then, and in pure tests, it is <see cref="LegalCalendar.Default"/>.
/// </summary>
public static class WorkingDays
{
    /// <summary>The calendar in force: one per process, because the law's calendar is one per country.</summary>
    public static LegalCalendar Calendar { get; set; } = LegalCalendar.Default;

    public static bool IsWorkingDay(DateOnly date) => Calendar.IsWorkingDay(date);

    /// <summary>The end (Vietnam midnight) of the <paramref name="days"/>-th working day after the day of <paramref name="start"/>.</summary>
    public static DateTimeOffset DeadlineAfter(DateTimeOffset start, int days) => Calendar.AddWorkingDays(start, days);
}
