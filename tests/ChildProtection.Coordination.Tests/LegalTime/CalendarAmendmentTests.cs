using ChildProtection.Coordination.LegalTime;
using static ChildProtection.Coordination.Tests.LegalTimeTests.Vn;

namespace ChildProtection.Coordination.Tests.LegalTimeTests;

/// <summary>The operator's amendments from the government's yearly announcement: each is the last word on its date.</summary>
public sealed class CalendarAmendmentTests
{
    /// <summary>2025 as announced: Friday 2 May off, made up by working Saturday 26 April.</summary>
    private static readonly LegalCalendar Swap2025 = new(
        new CalendarAmendment(Day(2025, 5, 2), DayKind.DayOff, "Hoán đổi: nghỉ thứ Sáu 2/5/2025, làm bù thứ Bảy 26/4"),
        new CalendarAmendment(Day(2025, 4, 26), DayKind.WorkingDay, "Làm bù cho thứ Sáu 2/5/2025"));

    [Fact]
    public void the_2025_swap_makes_friday_2_may_a_day_off_and_saturday_26_april_a_working_day()
    {
        Swap2025.Describe(Day(2025, 5, 2)).ShouldBe(new CalendarDay(Day(2025, 5, 2), DayKind.DayOff, DayReason.AmendedDayOff, "Hoán đổi: nghỉ thứ Sáu 2/5/2025, làm bù thứ Bảy 26/4"));
        Swap2025.Describe(Day(2025, 4, 26)).ShouldBe(new CalendarDay(Day(2025, 4, 26), DayKind.WorkingDay, DayReason.AmendedWorkingDay, "Làm bù cho thứ Sáu 2/5/2025"));
        Swap2025.HolidaysIn(2025).Select(h => h.Date).ShouldContain(Day(2025, 5, 2));
        Swap2025.HolidaysIn(2025).Select(h => h.Date).ShouldNotContain(Day(2025, 4, 26));
    }

    [Fact]
    public void the_bridged_friday_moves_a_deadline_one_working_day_later()
    {
        // Report on Tue 29 April 2025. Defaults: Wed 30 and Thu 1 off, Fri 2 is day 1 … Thu 8 day 5.
        // With the swap Fri 2 is off too: Mon 5 is day 1 … Fri 9 day 5.
        LegalCalendar.Default.AddWorkingDays(At(2025, 4, 29, 10), 5).ShouldBe(Midnight(2025, 5, 9));
        Swap2025.AddWorkingDays(At(2025, 4, 29, 10), 5).ShouldBe(Midnight(2025, 5, 10));
    }

    [Fact]
    public void the_make_up_saturday_counts_as_a_working_day()
    {
        // Report on Fri 25 April 2025: the next working day is the make-up Saturday, not Monday.
        LegalCalendar.Default.AddWorkingDays(At(2025, 4, 25, 15), 1).ShouldBe(Midnight(2025, 4, 29));
        Swap2025.AddWorkingDays(At(2025, 4, 25, 15), 1).ShouldBe(Midnight(2025, 4, 27));
    }

    [Fact]
    public void a_working_day_amendment_cancels_a_default_holiday()
    {
        var calendar = new LegalCalendar(new CalendarAmendment(Day(2027, 4, 16), DayKind.WorkingDay, "Giỗ Tổ moved by the government"));

        calendar.Describe(Day(2027, 4, 16)).ShouldBe(new CalendarDay(Day(2027, 4, 16), DayKind.WorkingDay, DayReason.AmendedWorkingDay, "Giỗ Tổ moved by the government"));
        calendar.HolidaysIn(2027).Select(h => h.Date).ShouldNotContain(Day(2027, 4, 16));
        // A report on Thursday 15 April 2027 now has Friday 16 as its first working day.
        calendar.AddWorkingDays(At(2027, 4, 15, 10), 1).ShouldBe(Midnight(2027, 4, 17));
        LegalCalendar.Default.AddWorkingDays(At(2027, 4, 15, 10), 1).ShouldBe(Midnight(2027, 4, 20));
    }

    [Fact]
    public void a_cancelled_holiday_earns_no_compensatory_day()
    {
        // Hùng Kings' day 2026 is Sunday 26 April; cancelled, Monday 27 is no longer nghỉ bù.
        var calendar = new LegalCalendar(new CalendarAmendment(Day(2026, 4, 26), DayKind.WorkingDay, "cancelled"));

        calendar.IsWorkingDay(Day(2026, 4, 27)).ShouldBeTrue();
    }

    [Fact]
    public void moving_the_second_national_day_by_amendments_matches_the_national_day_option()
    {
        var amended = new LegalCalendar(
            new CalendarAmendment(Day(2026, 9, 1), DayKind.WorkingDay, "Quốc khánh 2026: the government chose 3/9"),
            new CalendarAmendment(Day(2026, 9, 3), DayKind.DayOff, "Quốc khánh 2026, second day"));
        var configured = new LegalCalendar(new LegalCalendarOptions { NationalDayAdjacentByYear = { [2026] = NationalDayAdjacent.After } });

        foreach (var day in Days(Day(2026, 8, 25), Day(2026, 9, 10)))
            amended.IsWorkingDay(day).ShouldBe(configured.IsWorkingDay(day), day.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public void an_amendment_overrides_a_compensatory_day()
    {
        var calendar = new LegalCalendar(new CalendarAmendment(Day(2027, 5, 3), DayKind.WorkingDay, "announced without nghỉ bù"));

        calendar.Describe(Day(2027, 5, 3)).Reason.ShouldBe(DayReason.AmendedWorkingDay);
    }

    [Fact]
    public void changing_the_options_after_building_the_calendar_changes_nothing()
    {
        var options = new LegalCalendarOptions();
        var calendar = new LegalCalendar(options);

        options.Amendments.Add(new CalendarAmendment(Day(2026, 11, 30), DayKind.DayOff, "too late"));
        options.TetDaysFromNewYear = 9;

        calendar.IsWorkingDay(Day(2026, 11, 30)).ShouldBeTrue();
        calendar.IsWorkingDay(Day(2026, 2, 23)).ShouldBeTrue();
        calendar.Amendments.ShouldBeEmpty();
    }

    [Fact]
    public void an_amendment_needs_a_reason_and_one_date_takes_one_amendment()
    {
        Should.Throw<ArgumentException>(() => new LegalCalendar(new CalendarAmendment(Day(2026, 5, 4), DayKind.DayOff, " ")))
            .Message.ShouldContain("needs a reason");
        Should.Throw<ArgumentException>(() => new LegalCalendar(
                new CalendarAmendment(Day(2026, 5, 4), DayKind.DayOff, "bridge"),
                new CalendarAmendment(Day(2026, 5, 4), DayKind.WorkingDay, "make-up")))
            .Message.ShouldContain("More than one amendment for 2026-05-04");
    }
}
