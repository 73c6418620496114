using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Agencies.DirectoryGiven;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class JurisdictionDecisionTests
{
    private static readonly DateOnly Day = new(2026, 1, 1);
    private static readonly Dictionary<string, Commune> Map = Communes(Established("a"), Established("b"), Established("e", province: "31"));
    private static Commune? Find(string code) => Map.GetValueOrDefault(code);

    [Fact]
    public void establishing_a_commune_records_it_trimmed()
    {
        var events = EstablishCommuneEndpoint.Decide(new EstablishCommune(" new-ward ", " Phường Mới ", "44", Day, " "), Find).ShouldAccept();
        events.Single().ShouldBe(new CommuneEstablished("new-ward", "Phường Mới", null, "44", Day));
    }

    [Theory]
    [InlineData("Bad Code", "Phường", "44", 400, "invalid-input", "code")]
    [InlineData("x", " ", "44", 400, "invalid-input", "nameVi")]
    [InlineData("x", "Phường", "45", 400, "invalid-input", "provinceCode")]
    [InlineData("a", "Phường", "44", 409, "already-exists", "code")]
    public void establishing_refuses_bad_input_and_reused_codes(string code, string name, string province, int status, string kind, string field) =>
        EstablishCommuneEndpoint.Decide(new EstablishCommune(code, name, province, Day), Find).ShouldReject(status, Given.Kind(kind), field);

    [Fact]
    public void merging_into_a_new_commune_needs_its_name_and_province()
    {
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "b"], "c", Day), Find).ShouldReject(400, "intoNameVi");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "b"], "c", Day, "Phường C"), Find).ShouldReject(400, "provinceCode");

        var events = MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "b"], "c", Day, "Phường C", ProvinceCode: "44", LegalBasis: "NQ 1"), Find).ShouldAccept();
        events.Single().ShouldBeOfType<CommunesMerged>().ShouldSatisfyAllConditions(
            m => m.FromCodes.ShouldBe(["a", "b"]), m => m.IntoCode.ShouldBe("c"), m => m.ProvinceCode.ShouldBe("44"), m => m.LegalBasis.ShouldBe("NQ 1"));
    }

    [Fact]
    public void merging_into_an_existing_commune_keeps_its_province_and_name()
    {
        var merged = (CommunesMerged)MergeCommunesEndpoint.Decide(new MergeCommunes(["b"], "a", Day), Find).ShouldAccept().Single();
        merged.IntoNameVi.ShouldBe("Phường a");
        merged.ProvinceCode.ShouldBe("44");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["b"], "a", Day, ProvinceCode: "31"), Find).ShouldReject(400, "provinceCode");
    }

    [Fact]
    public void a_merger_names_known_distinct_communes_in_force()
    {
        MergeCommunesEndpoint.Decide(new MergeCommunes([], "c", Day, "C", ProvinceCode: "44"), Find).ShouldReject(400, "fromCodes");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "a"], "c", Day, "C", ProvinceCode: "44"), Find).ShouldReject(400, "fromCodes");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a"], "a", Day), Find).ShouldReject(400, "fromCodes");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "zz"], "c", Day, "C", ProvinceCode: "44"), Find).ShouldReject(400, "fromCodes");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "b"], "Bad", Day), Find).ShouldReject(400, "intoCode");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "b"], "c", Reform, "C", ProvinceCode: "44"), Find).ShouldReject(409, ProblemKinds.CommuneNotInForce, "fromCodes");
    }

    [Fact]
    public void communes_merge_only_within_one_province()
    {
        // Into a new commune of the province given: a commune of another province is named by its place in 'fromCodes'.
        var intoNew = MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "e"], "c", Day, "Phường C", ProvinceCode: "44"), Find)
            .ShouldReject(400, "fromCodes[1]");
        intoNew.Detail.ShouldContain("'e' belongs to province 31, not 44");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["e", "a"], "c", Day, "Phường C", ProvinceCode: "31"), Find).ShouldReject(400, "fromCodes[1]");

        // Into an existing commune, whose province is the merger's, kept or not in 'fromCodes'.
        MergeCommunesEndpoint.Decide(new MergeCommunes(["e"], "a", Day), Find).ShouldReject(400, "fromCodes[0]");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "b", "e"], "a", Day), Find).ShouldReject(400, "fromCodes[2]");
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "b"], "e", Day), Find).ShouldReject(400, "fromCodes[0]");

        // The same province, the commune merged into kept among them: accepted.
        MergeCommunesEndpoint.Decide(new MergeCommunes(["a", "b"], "a", Day), Find).ShouldAccept().Single()
            .ShouldBeOfType<CommunesMerged>().ProvinceCode.ShouldBe("44");
    }

    [Fact]
    public void a_commune_already_merged_cannot_be_merged_again()
    {
        var map = Communes(Established("a"), Established("b"), new CommunesMerged(["a", "b"], "c", "C", Day, null, "44", null));
        var rejected = MergeCommunesEndpoint.Decide(new MergeCommunes(["a"], "x", Day.AddDays(10), "X", ProvinceCode: "44"), map.GetValueOrDefault)
            .ShouldReject(409, ProblemKinds.CommuneNotInForce, "fromCodes");
        rejected.Detail.ShouldContain("merged into 'c'");
    }

    [Fact]
    public void renaming_takes_effect_after_the_last_name_and_changes_something()
    {
        RenameCommuneEndpoint.Decide("a", new RenameCommune("Phường A Mới", Day), Find).ShouldAccept()
            .Single().ShouldBe(new CommuneRenamed("a", "Phường A Mới", Day, null));
        RenameCommuneEndpoint.Decide("zz", new RenameCommune("X", Day), Find).ShouldReject(404);
        RenameCommuneEndpoint.Decide("a", new RenameCommune(" ", Day), Find).ShouldReject(400, "nameVi");
        RenameCommuneEndpoint.Decide("a", new RenameCommune("Phường a", Day), Find).ShouldReject(409, ProblemKinds.NameUnchanged, "nameVi");
        RenameCommuneEndpoint.Decide("a", new RenameCommune("X", Reform), Find).ShouldReject(409, ProblemKinds.RenameNotLater, "effectiveFrom");
        RenameCommuneEndpoint.Decide("a", new RenameCommune("X", Reform.AddDays(-1)), Find).ShouldReject(409, ProblemKinds.CommuneNotInForce, "effectiveFrom");
    }
}
