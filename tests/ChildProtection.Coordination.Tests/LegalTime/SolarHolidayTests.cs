using ChildProtection.Coordination.LegalTime;
using static ChildProtection.Coordination.Tests.LegalTimeTests.Vn;

namespace ChildProtection.Coordination.Tests.LegalTimeTests;

/// <summary>New Year, Hùng Kings' day, 30/4–1/5 and Quốc khánh by the defaults, with nghỉ bù and weekends.</summary>
public sealed class SolarHolidayTests
{
    private static readonly LegalCalendar Calendar = LegalCalendar.Default;

    [Fact]
    public void saturday_and_sunday_are_days_off_and_an_ordinary_monday_is_a_working_day()
    {
        Calendar.Describe(Day(2026, 11, 28)).ShouldBe(new CalendarDay(Day(2026, 11, 28), DayKind.DayOff, DayReason.Weekend));
        Calendar.KindOf(Day(2026, 11, 29)).ShouldBe(DayKind.DayOff);
        Calendar.Describe(Day(2026, 11, 30)).ShouldBe(new CalendarDay(Day(2026, 11, 30), DayKind.WorkingDay, DayReason.Weekday));
    }

    [Fact]
    public void new_year_on_a_sunday_gives_monday_off()
    {
        Calendar.Describe(Day(2023, 1, 1)).Reason.ShouldBe(DayReason.PublicHoliday);
        Calendar.Describe(Day(2023, 1, 2)).Reason.ShouldBe(DayReason.CompensatoryDayOff);
        Calendar.Describe(Day(2023, 1, 2)).Name.ShouldBe("Compensatory day off (nghỉ bù) for New Year's Day (Tết Dương lịch, 1/1) on 01/01/2023");
    }

    [Fact]
    public void a_report_on_wednesday_29_april_2026_skips_victory_day_labour_day_and_the_weekend()
    {
        // 30/4 is Thursday and 1/5 Friday: Mon 4 May is day 1 and Fri 8 May day 5.
        Calendar.AddWorkingDays(At(2026, 4, 29, 10), 5).ShouldBe(Midnight(2026, 5, 9));
    }

    [Fact]
    public void labour_day_2027_on_a_saturday_gives_monday_3_may_off()
    {
        Calendar.Describe(Day(2027, 4, 30)).Reason.ShouldBe(DayReason.PublicHoliday);
        Calendar.Describe(Day(2027, 5, 1)).Reason.ShouldBe(DayReason.PublicHoliday);
        Calendar.Describe(Day(2027, 5, 3)).Reason.ShouldBe(DayReason.CompensatoryDayOff);
        Calendar.IsWorkingDay(Day(2027, 5, 4)).ShouldBeTrue();
        // Thu 29 April 2027: Fri 30 to Mon 3 May off, so Tue 4 is day 1 and Mon 10 day 5.
        Calendar.AddWorkingDays(At(2027, 4, 29, 10), 5).ShouldBe(Midnight(2027, 5, 11));
    }

    [Fact]
    public void hung_kings_day_follows_the_lunar_calendar()
    {
        Calendar.Describe(Day(2024, 4, 18)).Name.ShouldBe("Hùng Kings' Commemoration Day (Giỗ Tổ Hùng Vương, 10/3 âm lịch)");
        Calendar.IsWorkingDay(Day(2025, 4, 7)).ShouldBeFalse();
        Calendar.IsWorkingDay(Day(2027, 4, 16)).ShouldBeFalse();
        // Sunday 26 April 2026, so Monday 27 is nghỉ bù; a report on Friday 24 counts from Tuesday 28.
        Calendar.Describe(Day(2026, 4, 27)).Reason.ShouldBe(DayReason.CompensatoryDayOff);
        Calendar.AddWorkingDays(At(2026, 4, 24, 10), 2).ShouldBe(Midnight(2026, 4, 30));
    }

    [Fact]
    public void national_day_takes_1_september_by_default()
    {
        Calendar.IsWorkingDay(Day(2026, 9, 1)).ShouldBeFalse();
        Calendar.IsWorkingDay(Day(2026, 9, 2)).ShouldBeFalse();
        Calendar.IsWorkingDay(Day(2026, 9, 3)).ShouldBeTrue();
        Calendar.Describe(Day(2026, 9, 1)).Name.ShouldBe("National Day (Quốc khánh, second day 1/9)");
    }

    [Fact]
    public void national_day_can_take_3_september_instead()
    {
        var calendar = new LegalCalendar(new LegalCalendarOptions { NationalDayAdjacent = NationalDayAdjacent.After });

        calendar.IsWorkingDay(Day(2026, 9, 1)).ShouldBeTrue();
        calendar.IsWorkingDay(Day(2026, 9, 2)).ShouldBeFalse();
        calendar.IsWorkingDay(Day(2026, 9, 3)).ShouldBeFalse();
        // A report on Monday 31 August 2026: Tue 1 Sep is day 1, Fri 4 day 2.
        calendar.AddWorkingDays(At(2026, 8, 31, 10), 2).ShouldBe(Midnight(2026, 9, 5));
        Calendar.AddWorkingDays(At(2026, 8, 31, 10), 2).ShouldBe(Midnight(2026, 9, 5));
    }

    [Fact]
    public void the_national_day_choice_can_be_set_for_one_year()
    {
        // 2025 as announced: Mon 1 and Tue 2 September; 2026 here: Wed 2 and Thu 3 September.
        var calendar = new LegalCalendar(new LegalCalendarOptions { NationalDayAdjacentByYear = { [2026] = NationalDayAdjacent.After } });

        calendar.IsWorkingDay(Day(2025, 9, 1)).ShouldBeFalse();
        calendar.IsWorkingDay(Day(2025, 9, 3)).ShouldBeTrue();
        calendar.IsWorkingDay(Day(2026, 9, 1)).ShouldBeTrue();
        calendar.IsWorkingDay(Day(2026, 9, 3)).ShouldBeFalse();
    }

    [Fact]
    public void national_day_on_a_saturday_gives_the_next_monday_off()
    {
        // 2023: Fri 1 and Sat 2 September; Sunday 3 is a weekend anyway, so the nghỉ bù is Monday 4.
        Calendar.HolidaysIn(2023).Where(h => h.Date.Month == 9).Select(h => h.Date).ShouldBe([Day(2023, 9, 1), Day(2023, 9, 2), Day(2023, 9, 4)]);
    }

    [Fact]
    public void compensatory_days_can_be_turned_off()
    {
        var calendar = new LegalCalendar(new LegalCalendarOptions { CompensateWeekendHolidays = false });

        calendar.IsWorkingDay(Day(2027, 5, 3)).ShouldBeTrue();
        calendar.IsWorkingDay(Day(2027, 2, 10)).ShouldBeTrue();
    }

    [Fact]
    public void a_holiday_the_law_adds_later_is_configured_from_its_first_year()
    {
        var calendar = new LegalCalendar(new LegalCalendarOptions
        {
            AdditionalHolidays = [new FixedHoliday { Month = 11, Day = 24, Name = "Vietnamese Culture Day (Ngày Văn hóa Việt Nam, 24/11)", FromYear = 2026 }],
        });

        calendar.IsWorkingDay(Day(2025, 11, 24)).ShouldBeTrue();
        calendar.Describe(Day(2026, 11, 24)).ShouldBe(new CalendarDay(Day(2026, 11, 24), DayKind.DayOff, DayReason.PublicHoliday, "Vietnamese Culture Day (Ngày Văn hóa Việt Nam, 24/11)"));
        // Sunday 24 November 2030 earns nghỉ bù on Monday 25.
        calendar.Describe(Day(2030, 11, 25)).Reason.ShouldBe(DayReason.CompensatoryDayOff);
    }

    [Fact]
    public void the_holidays_of_a_year_are_listed_in_date_order_with_their_names()
    {
        var holidays = Calendar.HolidaysIn(2026);

        holidays.Select(h => h.Date).ShouldBe(holidays.Select(h => h.Date).Order());
        holidays.Count.ShouldBe(12); // 11 statutory days and the nghỉ bù for Hùng Kings' day on a Sunday
        holidays[0].ShouldBe((Day(2026, 1, 1), "New Year's Day (Tết Dương lịch, 1/1)"));
    }
}
