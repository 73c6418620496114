using ChildProtection.Coordination.LegalTime;
using static ChildProtection.Coordination.Tests.LegalTimeTests.Vn;

namespace ChildProtection.Coordination.Tests.LegalTimeTests;

/// <summary>Working-day deadlines, clock hours and counting, all by the Vietnam day (UTC+7).</summary>
public sealed class WorkingDayArithmeticTests
{
    private static readonly LegalCalendar Calendar = LegalCalendar.Default;

    [Fact]
    public void a_deadline_is_the_end_of_the_nth_working_day_after_the_day_of_the_report()
    {
        // Monday 23 November 2026: the report day never counts, so Tue 24 is day 1 and Mon 30 day 5.
        Calendar.AddWorkingDays(At(2026, 11, 23, 10), 5).ShouldBe(Midnight(2026, 12, 1));
        Calendar.AddWorkingDays(At(2026, 11, 23, 10), 7).ShouldBe(Midnight(2026, 12, 3));
    }

    [Fact]
    public void a_report_at_the_weekend_counts_from_monday()
    {
        Calendar.AddWorkingDays(At(2026, 11, 28, 9), 1).ShouldBe(Midnight(2026, 12, 1));
    }

    [Fact]
    public void zero_working_days_ends_with_the_day_of_the_report()
    {
        Calendar.AddWorkingDays(At(2026, 11, 28, 9), 0).ShouldBe(Midnight(2026, 11, 29));
    }

    [Fact]
    public void a_report_late_on_thursday_evening_in_vietnam_counts_from_thursday_whatever_the_offset_it_arrives_in()
    {
        // 23:59:59 on Thursday 26 November in Hà Nội is 16:59:59 UTC the same day.
        var lateThursday = Utc(2026, 11, 26, 16, 59, 59);

        Calendar.AddWorkingDays(lateThursday, 5).ShouldBe(Midnight(2026, 12, 4));
        Calendar.AddWorkingDays(lateThursday, 5).Offset.ShouldBe(VietnamTime.Offset);
    }

    [Fact]
    public void a_report_still_on_thursday_in_utc_but_past_midnight_in_vietnam_counts_from_friday()
    {
        // 17:00 UTC on Thursday 26 November is already 00:00 on Friday 27 in Hà Nội: one second later
        // than the case above, and the deadline moves by a working day.
        var afterMidnightInVietnam = Utc(2026, 11, 26, 17);

        Calendar.AddWorkingDays(afterMidnightInVietnam, 5).ShouldBe(Midnight(2026, 12, 5));
        Calendar.AddWorkingDays(Utc(2026, 11, 26, 16, 59, 59), 5).ShouldBe(Midnight(2026, 12, 4));
    }

    [Fact]
    public void clock_hours_run_through_a_weekend()
    {
        var fridayEvening = At(2026, 11, 27, 20);

        Calendar.AddClockHours(fridayEvening, 12).ShouldBe(At(2026, 11, 28, 8));
        Calendar.AddClockHours(fridayEvening, 24).ShouldBe(At(2026, 11, 28, 20));
        Calendar.AddClockHours(fridayEvening, 72).ShouldBe(At(2026, 11, 30, 20));
    }

    [Fact]
    public void clock_hours_run_through_tet_and_are_shown_in_vietnam_time()
    {
        var end = Calendar.AddClockHours(Utc(2027, 2, 5, 11), 24);

        end.ShouldBe(At(2027, 2, 6, 18));
        end.Offset.ShouldBe(VietnamTime.Offset);
    }

    [Fact]
    public void counting_working_days_skips_the_report_day_weekends_and_holidays()
    {
        Calendar.WorkingDaysBetween(At(2026, 11, 23, 10), At(2026, 11, 23, 23)).ShouldBe(0);
        Calendar.WorkingDaysBetween(At(2026, 11, 23, 10), At(2026, 11, 30, 9)).ShouldBe(5);
        Calendar.WorkingDaysBetween(At(2027, 2, 3, 10), At(2027, 2, 11, 23)).ShouldBe(1);
        Calendar.WorkingDaysBetween(At(2026, 11, 30, 9), At(2026, 11, 23, 10)).ShouldBe(-5);
    }

    [Fact]
    public void counting_agrees_with_the_deadline_for_every_report_day_of_2027()
    {
        foreach (var day in Days(Day(2027, 1, 1), Day(2027, 12, 31)))
        foreach (var n in (int[])[1, 5, 7])
        {
            var report = VietnamTime.StartOf(day).AddHours(10);
            var deadline = Calendar.AddWorkingDays(report, n);
            var lastDay = VietnamTime.DateOf(deadline.AddTicks(-1));

            Calendar.WorkingDaysBetween(report, deadline.AddTicks(-1)).ShouldBe(n, $"{day:yyyy-MM-dd} + {n}");
            Calendar.IsWorkingDay(lastDay).ShouldBeTrue($"{day:yyyy-MM-dd} + {n} ends on {lastDay:yyyy-MM-dd}");
        }
    }

    [Fact]
    public void negative_durations_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(At(2026, 11, 23), -1));
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.AddClockHours(At(2026, 11, 23), -1));
    }
}
