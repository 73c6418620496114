using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Agencies.DirectoryGiven;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class JurisdictionsTests
{
    private static readonly DateOnly MergedOn = new(2026, 1, 1);

    private static Dictionary<string, Commune> AandBMergedIntoC() => Communes(
        Established("a"), Established("b"),
        new CommunesMerged(["a", "b"], "c", "Phường C", MergedOn, "C Ward", "44", "Nghị quyết 1/2025"));

    [Fact]
    public void a_commune_answers_for_itself_while_in_force()
    {
        var map = AandBMergedIntoC();
        Jurisdictions.Resolve(map, "a", MergedOn.AddDays(-1))!.Code.ShouldBe("a");
        Jurisdictions.Resolve(map, "b", Reform)!.Code.ShouldBe("b");
    }

    [Fact]
    public void after_a_merger_the_successor_answers_for_the_merged_codes()
    {
        var map = AandBMergedIntoC();
        Jurisdictions.Resolve(map, "a", MergedOn)!.Code.ShouldBe("c");
        Jurisdictions.Resolve(map, "b", MergedOn.AddYears(3))!.Code.ShouldBe("c");
        Jurisdictions.Resolve(map, "c", MergedOn)!.Code.ShouldBe("c");
    }

    [Fact]
    public void the_merged_communes_keep_their_history()
    {
        var map = AandBMergedIntoC();
        map["a"].ActiveTo.ShouldBe(MergedOn);
        map["a"].SuccessorCode.ShouldBe("c");
        map["a"].NameVi.ShouldBe("Phường a");
        map["c"].PredecessorCodes.ShouldBe(["a", "b"]);
        map["c"].ActiveFrom.ShouldBe(MergedOn);
    }

    [Fact]
    public void a_commune_created_by_a_merger_does_not_answer_for_the_days_before_it()
    {
        Jurisdictions.Resolve(AandBMergedIntoC(), "c", MergedOn.AddDays(-1)).ShouldBeNull();
    }

    [Fact]
    public void successive_mergers_are_followed_to_the_end()
    {
        var later = MergedOn.AddYears(1);
        var map = Communes(Established("a"), Established("b"), Established("d"),
            new CommunesMerged(["a", "b"], "c", "C", MergedOn, null, "44", null),
            new CommunesMerged(["c", "d"], "d", "D", later, null, "44", null));

        Jurisdictions.Resolve(map, "a", later.AddDays(-1))!.Code.ShouldBe("c");
        Jurisdictions.Resolve(map, "a", later)!.Code.ShouldBe("d");
        map["d"].PredecessorCodes.ShouldBe(["c"]);
    }

    [Fact]
    public void an_absorbing_commune_keeps_its_code_and_may_take_a_new_name()
    {
        var map = Communes(Established("a", name: "Phường A"), Established("b"),
            new CommunesMerged(["a", "b"], "a", "Phường A Mới", MergedOn, null, "44", null));

        map["a"].IsActiveOn(MergedOn).ShouldBeTrue();
        map["a"].NameOn(MergedOn.AddDays(-1)).NameVi.ShouldBe("Phường A");
        map["a"].NameOn(MergedOn).NameVi.ShouldBe("Phường A Mới");
        Jurisdictions.Resolve(map, "b", MergedOn)!.Code.ShouldBe("a");
    }

    [Fact]
    public void a_rename_keeps_the_old_name_for_the_days_before_it()
    {
        var map = Communes(Established("a", name: "Xã A"), new CommuneRenamed("a", "Phường A", MergedOn, "A Ward"));
        map["a"].NameOn(Reform).NameVi.ShouldBe("Xã A");
        map["a"].NameOn(MergedOn).NameVi.ShouldBe("Phường A");
        map["a"].NameVi.ShouldBe("Phường A");
        map["a"].NameEn.ShouldBe("A Ward");
    }

    [Fact]
    public void unknown_codes_days_before_establishment_and_broken_chains_resolve_to_nobody()
    {
        var map = AandBMergedIntoC();
        Jurisdictions.Resolve(map, "zzz", MergedOn).ShouldBeNull();
        Jurisdictions.Resolve(map, "a", Reform.AddDays(-1)).ShouldBeNull();

        map.Remove("c");
        Jurisdictions.Resolve(map, "a", MergedOn).ShouldBeNull();
    }

    [Fact]
    public void a_successor_cycle_does_not_loop_forever()
    {
        var map = AandBMergedIntoC();
        map["c"].ActiveTo = MergedOn.AddDays(1);
        map["c"].SuccessorCode = "a";
        Jurisdictions.Resolve(map, "a", MergedOn.AddDays(5)).ShouldBeNull();
    }

    [Fact]
    public void resolving_an_instant_counts_in_vietnam_days()
    {
        var map = AandBMergedIntoC();
        // 31 Dec 2025 18:00 UTC is already 1 Jan 2026 in Vietnam.
        Jurisdictions.Resolve(map, "a", new DateTimeOffset(2025, 12, 31, 18, 0, 0, TimeSpan.Zero))!.Code.ShouldBe("c");
        Jurisdictions.Resolve(map, "a", new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero))!.Code.ShouldBe("a");
    }

    [Theory]
    [InlineData("dong-hoi-ward", true)]
    [InlineData("19732", true)]
    [InlineData("Dong-Hoi", false)]
    [InlineData("dong--hoi", false)]
    [InlineData("-dong", false)]
    [InlineData("đồng-hới", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void codes_are_lower_case_hyphenated_words(string? code, bool valid) => Jurisdictions.IsValidCode(code).ShouldBe(valid);
}
