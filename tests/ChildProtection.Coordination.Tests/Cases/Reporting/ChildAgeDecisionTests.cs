using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using static ChildProtection.Coordination.Tests.Cases.Reporting.ReportingDecisionTests;

namespace ChildProtection.Coordination.Tests.Cases.Reporting;

/// <summary>A child is a person under 16 (Law on Children Art. 1), by age or by date of birth on the Vietnam date of the report.</summary>
public sealed class ChildAgeDecisionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void a_child_under_16_by_age_is_accepted(int age)
    {
        Decide(Report(Child(ageYears: age))).ShouldAcceptOne<CaseReported>().Child.AgeYears.ShouldBe(age);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    public void a_person_of_16_or_more_by_age_is_not_a_child(int age)
    {
        Decide(Report(Child(ageYears: age))).ShouldReject(400, "child.ageYears");
    }

    [Fact]
    public void a_negative_age_is_invalid()
    {
        Decide(Report(Child(ageYears: -1))).ShouldReject(400, "child.ageYears");
    }

    [Fact]
    public void a_child_the_day_before_the_16th_birthday_is_accepted()
    {
        // Reported on 25 November 2026; born 26 November 2010.
        Decide(Report(Child(ageYears: null, dateOfBirth: new DateOnly(2010, 11, 26)))).ShouldAccept();
    }

    [Fact]
    public void a_person_on_the_16th_birthday_is_not_a_child()
    {
        Decide(Report(Child(ageYears: null, dateOfBirth: new DateOnly(2010, 11, 25)))).ShouldReject(400, "child.dateOfBirth");
    }

    [Fact]
    public void the_date_of_birth_wins_over_an_age_given_with_it()
    {
        Decide(Report(Child(ageYears: 10, dateOfBirth: new DateOnly(2010, 11, 25)))).ShouldReject(400, "child.dateOfBirth");
    }

    [Fact]
    public void the_birthday_counts_from_the_vietnam_date_of_the_report_not_the_utc_date()
    {
        // 24 November 18:00 UTC is already 25 November 01:00 in Vietnam: the 16th birthday.
        var receivedAt = new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero);

        Decide(Report(Child(ageYears: null, dateOfBirth: new DateOnly(2010, 11, 25)), Incident(occurredAt: receivedAt.AddHours(-1)), receivedAt: receivedAt))
            .ShouldReject(400, "child.dateOfBirth");
    }

    [Fact]
    public void one_minute_before_vietnam_midnight_the_child_is_still_15()
    {
        var receivedAt = new DateTimeOffset(2026, 11, 24, 16, 59, 0, TimeSpan.Zero); // 23:59 in Vietnam

        Decide(Report(Child(ageYears: null, dateOfBirth: new DateOnly(2010, 11, 25)), Incident(occurredAt: receivedAt.AddHours(-1)), receivedAt: receivedAt))
            .ShouldAccept();
    }

    [Fact]
    public void the_age_limit_is_configurable_upwards()
    {
        var rules = new CaseRulesOptions { ChildAgeLimitYears = 18 };

        Decide(Report(Child(ageYears: 17)), rules).ShouldAccept();
        Decide(Report(Child(ageYears: 18)), rules).ShouldReject(400, "child.ageYears");
    }

    [Fact]
    public void the_age_limit_is_configurable_downwards()
    {
        var rules = new CaseRulesOptions { ChildAgeLimitYears = 14 };

        Decide(Report(Child(ageYears: 13)), rules).ShouldAccept();
        Decide(Report(Child(ageYears: 14)), rules).ShouldReject(400, "child.ageYears");
        Decide(Report(Child(ageYears: null, dateOfBirth: new DateOnly(2012, 11, 25))), rules).ShouldReject(400, "child.dateOfBirth");
    }
}
