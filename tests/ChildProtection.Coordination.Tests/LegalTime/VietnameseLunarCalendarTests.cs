using System.Globalization;
using ChildProtection.Coordination.LegalTime;

namespace ChildProtection.Coordination.Tests.LegalTimeTests;

/// <summary>Âm lịch for the UTC+7 meridian, checked against dates Vietnam actually kept.</summary>
public sealed class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    [InlineData(1985, "1985-01-21")]
    [InlineData(2007, "2007-02-17")]
    [InlineData(1968, "1968-01-29")]
    public void tet_falls_on_the_day_vietnam_celebrates(int lunarYear, string expected)
    {
        var tet = DateOnly.Parse(expected, CultureInfo.InvariantCulture);

        VietnameseLunarCalendar.NewYear(lunarYear).ShouldBe(tet);
        VietnameseLunarCalendar.FromGregorian(tet).ShouldBe(new LunarDate(lunarYear, 1, 1));
        VietnameseLunarCalendar.ToGregorian(lunarYear, 1, 1).ShouldBe(tet);
    }

    [Theory]
    [InlineData(1985, "1985-02-20")]
    [InlineData(2007, "2007-02-18")]
    public void tet_differs_from_the_chinese_calendar_computed_for_utc_plus_8(int lunarYear, string chinaNewYear)
    {
        var china = new ChineseLunisolarCalendar();

        DateOnly.FromDateTime(china.ToDateTime(lunarYear, 1, 1, 0, 0, 0, 0)).ShouldBe(DateOnly.Parse(chinaNewYear, CultureInfo.InvariantCulture));
        VietnameseLunarCalendar.NewYear(lunarYear).ShouldNotBe(DateOnly.Parse(chinaNewYear, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    [InlineData(2027, "2027-04-16")]
    public void hung_kings_day_is_the_10th_of_the_3rd_lunar_month(int lunarYear, string expected)
    {
        var day = DateOnly.Parse(expected, CultureInfo.InvariantCulture);

        VietnameseLunarCalendar.ToGregorian(lunarYear, 3, 10).ShouldBe(day);
        VietnameseLunarCalendar.FromGregorian(day).ShouldBe(new LunarDate(lunarYear, 3, 10));
    }

    [Fact]
    public void lunar_2023_repeats_its_2nd_month_and_2025_its_6th()
    {
        VietnameseLunarCalendar.LeapMonthOf(2023).ShouldBe(2);
        VietnameseLunarCalendar.ToGregorian(2023, 2, 1, leapMonth: true).ShouldBe(new DateOnly(2023, 3, 22));
        VietnameseLunarCalendar.FromGregorian(new DateOnly(2023, 3, 22)).ShouldBe(new LunarDate(2023, 2, 1, IsLeapMonth: true));
        VietnameseLunarCalendar.FromGregorian(new DateOnly(2023, 3, 21)).ShouldBe(new LunarDate(2023, 2, 30));

        VietnameseLunarCalendar.LeapMonthOf(2025).ShouldBe(6);
        VietnameseLunarCalendar.ToGregorian(2025, 6, 1, leapMonth: true).ShouldBe(new DateOnly(2025, 7, 25));
        VietnameseLunarCalendar.ToGregorian(2025, 6, 1).ShouldBe(new DateOnly(2025, 6, 25));
    }

    [Fact]
    public void twelve_month_years_have_no_leap_month_to_ask_for()
    {
        VietnameseLunarCalendar.LeapMonthOf(2024).ShouldBeNull();
        VietnameseLunarCalendar.LeapMonthOf(2026).ShouldBeNull();

        Should.Throw<ArgumentException>(() => VietnameseLunarCalendar.ToGregorian(2026, 3, 10, leapMonth: true));
        Should.Throw<ArgumentException>(() => VietnameseLunarCalendar.ToGregorian(2025, 5, 1, leapMonth: true));
    }

    [Fact]
    public void the_last_day_of_the_year_is_the_29th_or_30th_of_the_12th_month()
    {
        VietnameseLunarCalendar.LastDayOfYear(2023).ShouldBe(new DateOnly(2024, 2, 9));
        VietnameseLunarCalendar.FromGregorian(new DateOnly(2024, 2, 9)).ShouldBe(new LunarDate(2023, 12, 30));

        VietnameseLunarCalendar.LastDayOfYear(2024).ShouldBe(new DateOnly(2025, 1, 28));
        VietnameseLunarCalendar.FromGregorian(new DateOnly(2025, 1, 28)).ShouldBe(new LunarDate(2024, 12, 29));
        VietnameseLunarCalendar.DaysInMonth(2024, 12).ShouldBe(29);

        VietnameseLunarCalendar.LastDayOfYear(2026).ShouldBe(new DateOnly(2027, 2, 5));
    }

    [Fact]
    public void a_day_past_the_end_of_a_short_month_is_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToGregorian(2024, 12, 30));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToGregorian(2024, 13, 1));
    }

    [Fact]
    public void a_month_that_starts_late_in_the_night_is_not_dated_day_zero()
    {
        // The published algorithm's mean-moon estimate misses this month start by one moon.
        VietnameseLunarCalendar.FromGregorian(new DateOnly(2054, 5, 7)).Day.ShouldBeInRange(29, 30);
        VietnameseLunarCalendar.FromGregorian(new DateOnly(2062, 4, 9)).Day.ShouldBeInRange(29, 30);
    }

    [Fact]
    public void every_day_from_1990_to_2060_converts_there_and_back_in_unbroken_months()
    {
        LunarDate? previous = null;
        for (var day = new DateOnly(1990, 1, 1); day.Year <= 2060; day = day.AddDays(1))
        {
            var lunar = VietnameseLunarCalendar.FromGregorian(day);
            VietnameseLunarCalendar.ToGregorian(lunar).ShouldBe(day);
            if (previous is { } p && lunar.Day != 1) lunar.ShouldBe(p with { Day = p.Day + 1 });
            if (previous is { } q && lunar.Day == 1) q.Day.ShouldBeInRange(29, 30);
            previous = lunar;
        }
    }

    [Fact]
    public void years_outside_the_supported_range_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.NewYear(1899));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.FromGregorian(new DateOnly(1900, 1, 30)));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.NewYear(2200));
    }
}
