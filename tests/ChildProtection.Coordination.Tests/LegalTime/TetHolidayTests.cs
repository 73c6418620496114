using ChildProtection.Coordination.LegalTime;
using static ChildProtection.Coordination.Tests.LegalTimeTests.Vn;

namespace ChildProtection.Coordination.Tests.LegalTimeTests;

/// <summary>Tết Nguyên đán by the defaults: the last day of the lunar year and mùng 1–4, plus nghỉ bù.</summary>
public sealed class TetHolidayTests
{
    private static readonly LegalCalendar Calendar = LegalCalendar.Default;

    [Fact]
    public void tet_2027_gives_five_holidays_and_two_compensatory_days_for_the_weekend_inside_them()
    {
        // Mùng 1 of Đinh Mùi is Saturday 6 Feb 2027. The five Tết days are Fri 5 (29 tháng Chạp, the
        // last day of the year) to Tue 9 Feb (mùng 4). Sat 6 and Sun 7 are holidays on a weekend, so each
        // earns a nghỉ bù on the next day that is neither weekend nor holiday: Wed 10 and Thu 11.
        var off = Calendar.HolidaysIn(2027).Where(h => h.Date.Month == 2).Select(h => h.Date);

        off.ShouldBe(Days(Day(2027, 2, 5), Day(2027, 2, 11)));
        Calendar.Describe(Day(2027, 2, 5)).ShouldBe(new CalendarDay(Day(2027, 2, 5), DayKind.DayOff, DayReason.PublicHoliday, "Lunar New Year (Tết Nguyên đán, 29/12 âm lịch)"));
        Calendar.Describe(Day(2027, 2, 6)).Reason.ShouldBe(DayReason.PublicHoliday);
        Calendar.Describe(Day(2027, 2, 10)).Reason.ShouldBe(DayReason.CompensatoryDayOff);
        Calendar.Describe(Day(2027, 2, 11)).Reason.ShouldBe(DayReason.CompensatoryDayOff);
        Calendar.IsWorkingDay(Day(2027, 2, 4)).ShouldBeTrue();
        Calendar.IsWorkingDay(Day(2027, 2, 12)).ShouldBeTrue();
    }

    [Fact]
    public void a_five_working_day_deadline_from_a_report_on_wednesday_3_february_2027_runs_past_the_tet_break()
    {
        // Thu 4 is day 1; Fri 5 to Thu 11 are off; Fri 12 is day 2, Mon 15 day 3, Tue 16 day 4, Wed 17 day 5.
        var deadline = Calendar.AddWorkingDays(At(2027, 2, 3, 10), 5);

        deadline.ShouldBe(Midnight(2027, 2, 18));
        Calendar.WorkingDaysBetween(At(2027, 2, 3, 10), At(2027, 2, 12, 9)).ShouldBe(2);
    }

    [Fact]
    public void tet_that_starts_after_a_29_day_12th_month_begins_on_the_29th()
    {
        // Lunar 2024 ends with a 29-day tháng Chạp, so Tết 2025's first day off is 29/12 (Tue 28 Jan 2025).
        // Mùng 4 is Saturday 1 Feb, so its nghỉ bù is Monday 3 Feb.
        Calendar.HolidaysIn(2025).Where(h => h.Date.Month <= 2 && h.Date != Day(2025, 1, 1)).Select(h => h.Date)
            .ShouldBe([Day(2025, 1, 28), Day(2025, 1, 29), Day(2025, 1, 30), Day(2025, 1, 31), Day(2025, 2, 1), Day(2025, 2, 3)]);
        Calendar.Describe(Day(2025, 1, 28)).Name.ShouldBe("Lunar New Year (Tết Nguyên đán, 29/12 âm lịch)");
    }

    [Fact]
    public void tet_on_weekdays_earns_no_compensatory_day()
    {
        // Tết 2026: Mon 16 Feb (29 tháng Chạp) to Fri 20 Feb (mùng 4).
        Calendar.HolidaysIn(2026).Where(h => h.Date.Month == 2).Select(h => h.Date).ShouldBe(Days(Day(2026, 2, 16), Day(2026, 2, 20)));
        Calendar.IsWorkingDay(Day(2026, 2, 23)).ShouldBeTrue();
    }

    [Fact]
    public void the_length_of_tet_is_configurable()
    {
        // Two days before mùng 1 and five from it: Sun 15 to Sat 21 Feb 2026. Sun 15 and Sat 21 fall on
        // a weekend; their nghỉ bù go to Mon 23 and Tue 24, the first free weekdays after the break.
        var calendar = new LegalCalendar(new LegalCalendarOptions { TetDaysBefore = 2, TetDaysFromNewYear = 5 });

        calendar.HolidaysIn(2026).Where(h => h.Date.Month == 2).Select(h => h.Date)
            .ShouldBe(Days(Day(2026, 2, 15), Day(2026, 2, 21)).Concat([Day(2026, 2, 23), Day(2026, 2, 24)]));
        calendar.Describe(Day(2026, 2, 15)).Name.ShouldBe("Lunar New Year (Tết Nguyên đán, 28/12 âm lịch)");
        calendar.IsWorkingDay(Day(2026, 2, 25)).ShouldBeTrue();
    }
}
