using ChildProtection.Coordination.LegalTime;

// Not "Tests.LegalTime": a namespace of that name would hide ChildProtection.Coordination.LegalTime
// from tests elsewhere that write LegalTime.VietnamTime.
namespace ChildProtection.Coordination.Tests.LegalTimeTests;

/// <summary>Dates and Vietnam-time instants, short enough to read a calendar in a test.</summary>
internal static class Vn
{
    public static DateOnly Day(int year, int month, int day) => new(year, month, day);

    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, VietnamTime.Offset);

    /// <summary>Vietnam midnight at the start of the day: the instant a working-day deadline names.</summary>
    public static DateTimeOffset Midnight(int year, int month, int day) => At(year, month, day);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    public static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }
}
