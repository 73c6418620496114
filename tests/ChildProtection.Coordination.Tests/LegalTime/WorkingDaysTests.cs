using ChildProtection.Coordination.LegalTime;
using static ChildProtection.Coordination.Tests.LegalTimeTests.Vn;

namespace ChildProtection.Coordination.Tests.LegalTimeTests;

/// <summary>The static shortcut the case summary uses: same semantics as before, now with the real holidays.</summary>
public sealed class WorkingDaysTests
{
    [Fact]
    public void deadline_after_skips_weekends_as_before()
    {
        WorkingDays.DeadlineAfter(At(2026, 11, 25, 10), 5).ShouldBe(Midnight(2026, 12, 3));
        WorkingDays.DeadlineAfter(At(2026, 11, 25, 10), 7).ShouldBe(Midnight(2026, 12, 5));
    }

    [Fact]
    public void deadline_after_skips_the_solar_holidays_as_before()
    {
        WorkingDays.DeadlineAfter(At(2026, 4, 29, 10), 5).ShouldBe(Midnight(2026, 5, 9));
    }

    [Fact]
    public void deadline_after_now_skips_tet_and_its_compensatory_days()
    {
        WorkingDays.DeadlineAfter(At(2027, 2, 3, 10), 5).ShouldBe(Midnight(2027, 2, 18));
        WorkingDays.IsWorkingDay(Day(2027, 2, 10)).ShouldBeFalse();
    }

    [Fact]
    public void deadline_after_now_skips_hung_kings_day()
    {
        // Giỗ Tổ 2026 is Sunday 26 April, so Monday 27 is nghỉ bù (a working day to the old placeholder):
        // a report on Friday 24 reaches day 2 on Wednesday 29.
        WorkingDays.DeadlineAfter(At(2026, 4, 24, 10), 2).ShouldBe(Midnight(2026, 4, 30));
    }

    [Fact]
    public void deadline_after_is_the_default_calendar()
    {
        foreach (var day in Days(Day(2026, 1, 1), Day(2027, 12, 31)))
            WorkingDays.DeadlineAfter(VietnamTime.StartOf(day).AddHours(9), 7).ShouldBe(LegalCalendar.Default.AddWorkingDays(VietnamTime.StartOf(day).AddHours(9), 7));
    }
}
