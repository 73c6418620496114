using ChildProtection.Coordination.Indicators;
namespace ChildProtection.Coordination.Tests.Indicators;

public sealed class ReportingPeriodTests
{
    [Theory]
    [InlineData("2026", "2026-01-01", "2027-01-01", PeriodKind.Year)]
    [InlineData("2026-H1", "2026-01-01", "2026-07-01", PeriodKind.HalfYear)]
    [InlineData("2026-H2", "2026-07-01", "2027-01-01", PeriodKind.HalfYear)]
    [InlineData("2026-03", "2026-03-01", "2026-04-01", PeriodKind.Month)]
    [InlineData("2026-12", "2026-12-01", "2027-01-01", PeriodKind.Month)]
    public void a_period_runs_from_its_first_vietnam_day_to_the_next_periods(string name, string first, string end, PeriodKind kind)
    {
        var period = ReportingPeriod.Parse(name)!;
        period.Kind.ShouldBe(kind);
        period.FirstDay.ShouldBe(DateOnly.Parse(first));
        period.EndDay.ShouldBe(DateOnly.Parse(end));
        period.Start.Offset.ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public void the_last_evening_of_june_in_vietnam_is_in_the_first_half_year_though_it_is_july_nowhere()
    {
        var h1 = ReportingPeriod.Parse("2026-H1")!;
        h1.Contains(new DateTimeOffset(2026, 6, 30, 16, 59, 59, TimeSpan.Zero)).ShouldBeTrue();
        h1.Contains(new DateTimeOffset(2026, 6, 30, 17, 0, 0, TimeSpan.Zero)).ShouldBeFalse("midnight in Vietnam");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-H3")]
    [InlineData("2026-00")]
    [InlineData("2026-13")]
    [InlineData("2026-Q1")]
    [InlineData("1999")]
    [InlineData("26")]
    [InlineData("2026-3")]
    public void anything_else_is_no_period(string? name) => ReportingPeriod.Parse(name).ShouldBeNull();
}
