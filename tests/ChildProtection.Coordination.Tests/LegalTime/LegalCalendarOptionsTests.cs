using System.ComponentModel.DataAnnotations;
using ChildProtection.Coordination.LegalTime;
using Microsoft.Extensions.Configuration;
using static ChildProtection.Coordination.Tests.LegalTimeTests.Vn;

namespace ChildProtection.Coordination.Tests.LegalTimeTests;

/// <summary>The calendar's data comes from the <c>LegalCalendar</c> configuration section.</summary>
public sealed class LegalCalendarOptionsTests
{
    private static LegalCalendarOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(LegalCalendarOptions.Section).Get<LegalCalendarOptions>() ?? new LegalCalendarOptions();

    private static List<ValidationResult> Validate(LegalCalendarOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void the_2025_announcement_binds_from_configuration()
    {
        var options = Bind(new()
        {
            ["LegalCalendar:TetDaysBefore"] = "2",
            ["LegalCalendar:NationalDayAdjacent"] = "After",
            ["LegalCalendar:NationalDayAdjacentByYear:2025"] = "Before",
            ["LegalCalendar:AdditionalHolidays:0:Month"] = "11",
            ["LegalCalendar:AdditionalHolidays:0:Day"] = "24",
            ["LegalCalendar:AdditionalHolidays:0:Name"] = "Ngày Văn hóa Việt Nam",
            ["LegalCalendar:AdditionalHolidays:0:FromYear"] = "2026",
            ["LegalCalendar:Amendments:0:Date"] = "2025-05-02",
            ["LegalCalendar:Amendments:0:Kind"] = "DayOff",
            ["LegalCalendar:Amendments:0:Reason"] = "Hoán đổi",
            ["LegalCalendar:Amendments:1:Date"] = "2025-04-26",
            ["LegalCalendar:Amendments:1:Kind"] = "WorkingDay",
            ["LegalCalendar:Amendments:1:Reason"] = "Làm bù",
        });

        options.TetDaysBefore.ShouldBe(2);
        options.TetDaysFromNewYear.ShouldBe(4);
        options.NationalDayAdjacent.ShouldBe(NationalDayAdjacent.After);
        options.NationalDayAdjacentByYear[2025].ShouldBe(NationalDayAdjacent.Before);
        options.AdditionalHolidays.ShouldHaveSingleItem().FromYear.ShouldBe(2026);
        options.Amendments.ShouldBe([
            new CalendarAmendment(Day(2025, 5, 2), DayKind.DayOff, "Hoán đổi"),
            new CalendarAmendment(Day(2025, 4, 26), DayKind.WorkingDay, "Làm bù")]);
        Validate(options).ShouldBeEmpty();

        var calendar = new LegalCalendar(options);
        calendar.IsWorkingDay(Day(2025, 4, 26)).ShouldBeTrue();
        calendar.IsWorkingDay(Day(2025, 9, 1)).ShouldBeFalse();
        calendar.IsWorkingDay(Day(2026, 11, 24)).ShouldBeFalse();
    }

    [Fact]
    public void an_empty_section_gives_the_labour_code_defaults()
    {
        var options = Bind([]);

        options.TetDaysBefore.ShouldBe(1);
        options.TetDaysFromNewYear.ShouldBe(4);
        options.NationalDayAdjacent.ShouldBe(NationalDayAdjacent.Before);
        options.CompensateWeekendHolidays.ShouldBeTrue();
        options.Amendments.ShouldBeEmpty();
        Validate(options).ShouldBeEmpty();
    }

    [Fact]
    public void a_tet_without_mung_1_is_invalid()
    {
        Validate(new LegalCalendarOptions { TetDaysFromNewYear = 0 }).ShouldHaveSingleItem().MemberNames.ShouldBe([nameof(LegalCalendarOptions.TetDaysFromNewYear)]);
        Should.Throw<ArgumentException>(() => new LegalCalendar(new LegalCalendarOptions { TetDaysBefore = -1 }));
    }

    [Fact]
    public void an_additional_holiday_needs_a_real_date_and_a_name()
    {
        Validate(new LegalCalendarOptions { AdditionalHolidays = [new FixedHoliday { Month = 2, Day = 30, Name = "x" }] }).ShouldNotBeEmpty();
        Validate(new LegalCalendarOptions { AdditionalHolidays = [new FixedHoliday { Month = 11, Day = 24 }] }).ShouldNotBeEmpty();
    }

    [Fact]
    public void an_amendment_outside_the_supported_years_or_of_no_kind_is_invalid()
    {
        Validate(new LegalCalendarOptions { Amendments = [new CalendarAmendment(Day(2300, 1, 2), DayKind.DayOff, "far")] }).ShouldNotBeEmpty();
        Validate(new LegalCalendarOptions { Amendments = [new CalendarAmendment(Day(2026, 1, 2), (DayKind)7, "odd")] }).ShouldNotBeEmpty();
    }
}
