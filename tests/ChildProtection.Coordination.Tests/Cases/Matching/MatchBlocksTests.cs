using System.Security.Cryptography;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Matching;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>The index entries: two reports of one child meet through one whatever slip they carry; unrelated children do not.</summary>
public class MatchBlocksTests
{
    private static readonly MatchKeySecret Secret = new(RandomNumberGenerator.GetBytes(32));

    private static ChildMatchKey Key(string name, string? born = "2017-03-05", int? age = null, string commune = "dong-hoi-ward") =>
        ChildMatchKey.Compute(Guid.NewGuid(), MatchIdentity.Of(name, Sex.Female, born is null ? null : DateOnly.Parse(born), age,
            new DateOnly(2026, 11, 25), commune, [], []), Secret, DateTimeOffset.UnixEpoch);

    /// <summary>Either finds the other: a probe of one among the stored entries of the other.</summary>
    private static bool Meet(ChildMatchKey a, ChildMatchKey b) => a.Probes.Intersect(b.Blocks).Any() || b.Probes.Intersect(a.Blocks).Any();

    public static TheoryData<string, string?, int?, string> SameChild => new()
    {
        { "Nguyen Thi Mai", "2017-03-05", null, "dong-hoi-ward" },     // no diacritics
        { "Nguyễn Thị Mia", "2017-03-05", null, "bao-ninh" },          // a typo, moved
        { "bé Mai", "2017-03-21", null, "bao-ninh" },                  // a nickname, a wrong day, moved
        { "Mai Nguyễn Thị", "2018-03-05", null, "bao-ninh" },          // given name first, a year off, moved
        { "Nguyễn Mai", "2017-05-03", null, "bao-ninh" },              // middle name left out, day and month swapped, moved
        { "Nguyễn Thị Mai", null, 9, "dong-hoi-ward" },                // an age instead of a date
        { "Nguyễn Thị Mai", null, 9, "bao-ninh" },                     // an age, moved
        { "Nguyen Mai", null, 9, "bao-ninh" },                         // an age, moved, no middle name
    };

    [Theory]
    [MemberData(nameof(SameChild))]
    public void two_reports_of_one_child_share_an_entry(string name, string? born, int? age, string commune) =>
        Meet(Key("Nguyễn Thị Mai"), Key(name, born, age, commune)).ShouldBeTrue();

    [Fact]
    public void two_ages_of_one_child_in_two_communes_share_an_entry() =>
        Meet(Key("Nguyễn Thị Mai", null, 9), Key("Nguyen Thi Mai", null, 9, "bao-ninh")).ShouldBeTrue();

    [Fact]
    public void a_child_of_another_given_name_or_born_years_apart_shares_none()
    {
        Meet(Key("Nguyễn Thị Mai"), Key("Nguyễn Thị Lan")).ShouldBeFalse();
        Meet(Key("Nguyễn Thị Mai"), Key("Nguyễn Thị Mai", "2012-08-20", commune: "bao-ninh")).ShouldBeFalse();
    }

    [Fact]
    public void an_age_is_stored_under_its_name_and_years_only_as_a_few_entries()
    {
        var dob = Key("Nguyễn Thị Mai");
        var age = Key("Nguyễn Thị Mai", null, 9, "bao-ninh");
        dob.Blocks.Length.ShouldBeLessThanOrEqualTo(16);
        age.Blocks.Length.ShouldBeLessThanOrEqualTo(16);
    }
}
