using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Indicators;
namespace ChildProtection.Coordination.Tests.Indicators;

/// <summary>A child reported twice and linked as the same child is one abused child of the period, as the links stood at the moment read.</summary>
public class SameChildIndicatorTests
{
    private static readonly ReportingPeriod Year = ReportingPeriod.Parse("2026")!;
    private static readonly DateTimeOffset March = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Linked = March.AddDays(10);
    private static readonly DateTimeOffset Unlinked = March.AddDays(20);

    private static CaseIndicatorFacts Substantiated(Guid id, DateTimeOffset at, Sex sex, params SameChildFact[] links) => new()
    {
        Id = id, Commune = "dong-hoi-ward", Communes = ["dong-hoi-ward"], ReceivedAt = at, ReportedRec = at, Sex = sex, AgeGroup = "6-10",
        Verifications = [new VerificationFact(at.AddHours(2), at.AddHours(2), true)], SameChild = [.. links], LastRec = at.AddHours(2),
    };

    private static IReadOnlyDictionary<string, (long Count, long? Denominator)> At(DateTimeOffset asOf, params CaseIndicatorFacts[] cases) =>
        IndicatorFold.Compute(cases, Year, asOf).NonZero();

    [Fact]
    public void two_linked_reports_count_once_as_the_earlier_and_apart_again_once_unlinked()
    {
        var (first, second, third) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var link = Guid.NewGuid();
        var cases = new[]
        {
            Substantiated(first, March, Sex.Female, new SameChildFact(link, second, Linked, Unlinked)),
            // The second report got the child's sex wrong: the earlier report is the one counted.
            Substantiated(second, March.AddDays(5), Sex.Unknown, new SameChildFact(link, first, Linked, Unlinked)),
            Substantiated(third, March.AddDays(6), Sex.Male),
        };

        At(Linked.AddTicks(-1), cases)["abused-children|total|all"].Count.ShouldBe(3, "before the link, three children");
        var linked = At(Linked, cases);
        linked["abused-children|total|all"].Count.ShouldBe(2);
        linked["abused-children|sex|Female"].Count.ShouldBe(1);
        linked.ContainsKey("abused-children|sex|Unknown").ShouldBeFalse();
        linked["early-intervention|total|all"].Denominator.ShouldBe(2, "the child's services are counted once too");
        At(Unlinked, cases)["abused-children|total|all"].Count.ShouldBe(3, "unlinked, two children again");
    }

    [Fact]
    public void two_reports_both_linked_to_a_third_are_one_child_even_when_the_third_is_not_read()
    {
        var (a, b, elsewhere) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var cases = new[]
        {
            Substantiated(a, March, Sex.Female, new SameChildFact(Guid.NewGuid(), elsewhere, Linked)),
            Substantiated(b, March.AddDays(1), Sex.Female, new SameChildFact(Guid.NewGuid(), elsewhere, Linked)),
        };
        At(Linked, cases)["abused-children|total|all"].Count.ShouldBe(1);
    }
}
