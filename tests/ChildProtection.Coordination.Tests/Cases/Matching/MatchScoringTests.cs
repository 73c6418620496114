using System.Security.Cryptography;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Matching;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

public class MatchScoringTests
{
    private static readonly MatchKeySecret Secret = new(RandomNumberGenerator.GetBytes(32));
    private static readonly double Threshold = new MatchingOptions().Threshold;

    private static ChildMatchKey Key(string name, Sex sex = Sex.Female, string? born = "2017-03-05", string commune = "dong-hoi-ward",
        string? school = null, string[]? carers = null, int? ageAtReport = null) =>
        ChildMatchKey.Compute(Guid.NewGuid(), MatchIdentity.Of(name, sex, born is null ? null : DateOnly.Parse(born), ageAtReport,
            new DateOnly(2026, 11, 25), commune, school is null ? [] : [school], carers ?? []), Secret, DateTimeOffset.UnixEpoch);

    private static double Score(ChildMatchKey a, ChildMatchKey b) => MatchScoring.Score(a, b).Score;

    [Theory]
    [InlineData("Nguyen Thi Mai")]
    [InlineData("NGUYỄN THỊ MAI")]
    [InlineData("Mai Nguyễn Thị")]
    [InlineData("Nguyễn Mai")]
    [InlineData("Nguyễn Thị Maii")]
    [InlineData("bé Mai")]
    public void the_same_child_written_another_way_is_a_candidate(string other) =>
        Score(Key("Nguyễn Thị Mai", school: "Trường Tiểu học Hải Đình"), Key(other, school: "TH Hải Đình")).ShouldBeGreaterThanOrEqualTo(Threshold);

    [Fact]
    public void a_wrong_day_of_birth_or_a_move_still_matches() =>
        Score(Key("Nguyễn Thị Mai"), Key("Nguyen Thi Mai", born: "2017-03-15", commune: "bao-ninh")).ShouldBeGreaterThanOrEqualTo(Threshold);

    [Fact]
    public void the_matched_parts_are_named()
    {
        var score = MatchScoring.Score(Key("Nguyễn Thị Mai", carers: ["Trần Văn Nam"]), Key("Mai Nguyen Thi", carers: ["Tran Van Nam"]));
        score.Parts.ShouldBe([MatchParts.Name, MatchParts.DateOfBirth, MatchParts.Sex, MatchParts.Commune, MatchParts.Carers]);
    }

    [Fact]
    public void a_sibling_sharing_family_carers_commune_and_school_is_not() =>
        Score(Key("Nguyễn Thị Mai", school: "TH Hải Đình", carers: ["Trần Văn Nam"]),
            Key("Nguyễn Thị Lan", born: "2015-08-01", school: "TH Hải Đình", carers: ["Trần Văn Nam"])).ShouldBeLessThan(Threshold);

    [Fact]
    public void a_twin_is_not() =>
        Score(Key("Nguyễn Thị Mai", carers: ["Trần Văn Nam"]), Key("Nguyễn Thị Lan", carers: ["Trần Văn Nam"])).ShouldBeLessThan(Threshold);

    [Fact]
    public void a_namesake_born_on_another_day_of_the_year_is_not() =>
        Score(Key("Nguyễn Thị Mai"), Key("Nguyễn Thị Mai", born: "2017-11-20")).ShouldBeLessThan(Threshold);

    [Fact]
    public void another_sex_or_birth_year_far_apart_is_not()
    {
        Score(Key("Nguyễn Thị Mai"), Key("Nguyễn Thị Mai", sex: Sex.Male)).ShouldBeLessThan(Threshold);
        Score(Key("Nguyễn Thị Mai"), Key("Nguyễn Thị Mai", born: "2012-03-05")).ShouldBeLessThan(Threshold);
    }

    [Fact]
    public void keys_made_with_another_service_key_share_nothing()
    {
        var other = new MatchKeySecret(RandomNumberGenerator.GetBytes(32));
        var a = Key("Nguyễn Thị Mai");
        var b = ChildMatchKey.Compute(Guid.NewGuid(), MatchIdentity.Of("Nguyễn Thị Mai", Sex.Female, new DateOnly(2017, 3, 5), null, new DateOnly(2026, 11, 25), "dong-hoi-ward", [], []), other, DateTimeOffset.UnixEpoch);
        a.Blocks.Intersect(b.Blocks).ShouldBeEmpty();
        a.KeyId.ShouldNotBe(b.KeyId);
    }

    [Fact]
    public void a_match_key_holds_no_clear_identity()
    {
        var key = Key("Nguyễn Thị Mai", school: "TH Hải Đình", carers: ["Trần Văn Nam"]);
        // What is stored: the scoring record (bytes read one to one as characters) and the probes, all 64-bit keyed hashes.
        var stored = System.Text.Encoding.Latin1.GetString(MatchKeyRecord.Encode(key)) + string.Join(',', key.Probes);
        foreach (var clear in new[] { "mai", "Mai", "nguyen", "Nguy", "dong-hoi", "hai dinh", "Nam", "Female" })
            stored.ShouldNotContain(clear, Shouldly.Case.Sensitive);
    }

    [Fact]
    public void a_match_keys_record_reads_back_as_the_key_it_was_written_from()
    {
        var key = Key("Nguyễn Ngọc Mai", school: "TH Hải Đình", carers: ["Trần Văn Nam", "Lê Thị Hoa"]);
        var read = MatchKeyRecord.Decode(key.Id, key.KeyId, MatchKeyRecord.Encode(key));
        read.Blocks = key.Blocks;
        read.Probes = key.Probes;
        read.ComputedAt = key.ComputedAt;
        System.Text.Json.JsonSerializer.Serialize(read).ShouldBe(System.Text.Json.JsonSerializer.Serialize(key));
        MatchScoring.Score(key, read).Score.ShouldBe(1.0);
    }
}
