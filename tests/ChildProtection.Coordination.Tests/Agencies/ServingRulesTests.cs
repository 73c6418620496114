using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Agencies.DirectoryGiven;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class ServingRulesTests
{
    private static readonly Commune DongHoi = Communes(Established("dong-hoi-ward"))["dong-hoi-ward"];
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static Agency? Serving(AgencyKind kind, params Agency[] agencies) => ServingRules.Choose(agencies, kind, DongHoi, Today);

    [Fact]
    public void a_commune_level_kind_serves_only_its_own_commune()
    {
        Serving(AgencyKind.CommunePeoplesCommittee,
            Agency("ubnd-other", AgencyKind.CommunePeoplesCommittee, commune: "dong-son-ward"),
            Agency("ubnd-dong-hoi", AgencyKind.CommunePeoplesCommittee, commune: "dong-hoi-ward"))!.Id.ShouldBe("ubnd-dong-hoi");
        Serving(AgencyKind.CommunePolice, Agency("ca-other", AgencyKind.CommunePolice, commune: "dong-son-ward")).ShouldBeNull();
        // The inter-sector coordination body meets on the cases of its own commune only.
        Serving(AgencyKind.InterSectorCoordinationBody, Agency("lienganh-other", AgencyKind.InterSectorCoordinationBody, commune: "dong-son-ward")).ShouldBeNull();
    }

    [Theory]
    [InlineData(AgencyKind.ForensicMedicineCentre)]
    [InlineData(AgencyKind.Procuracy)]
    [InlineData(AgencyKind.Court)]
    public void the_forensic_centre_the_procuracy_and_the_court_sit_at_province_level(AgencyKind kind) =>
        ServingRules.LevelOf(kind).ShouldBe(AgencyLevel.Province);

    [Theory]
    [InlineData(AgencyKind.ProvincialPolice)]
    [InlineData(AgencyKind.ProvincialHealthDepartment)]
    [InlineData(AgencyKind.SocialWorkCentre)]
    [InlineData(AgencyKind.JusticeLegalAid)]
    [InlineData(AgencyKind.MassOrganisation)]
    [InlineData(AgencyKind.WomensUnion)]
    [InlineData(AgencyKind.YouthUnion)]
    [InlineData(AgencyKind.ForensicMedicineCentre)]
    [InlineData(AgencyKind.Procuracy)]
    [InlineData(AgencyKind.Court)]
    public void a_provincial_kind_serves_the_communes_of_its_province(AgencyKind kind)
    {
        Serving(kind, Agency("in-31", kind, province: "31"), Agency("in-44", kind))!.Id.ShouldBe("in-44");
        Serving(kind, Agency("in-31", kind, province: "31")).ShouldBeNull();
    }

    [Fact]
    public void the_hotline_serves_everybody_and_a_provincial_line_first_its_own_province()
    {
        Serving(AgencyKind.Hotline, Agency("hotline-111", AgencyKind.Hotline, province: null))!.Id.ShouldBe("hotline-111");
        Serving(AgencyKind.Hotline, Agency("hotline-111", AgencyKind.Hotline, province: null), Agency("line-44", AgencyKind.Hotline))!.Id.ShouldBe("line-44");
        Serving(AgencyKind.Hotline, Agency("line-31", AgencyKind.Hotline, province: "31")).ShouldBeNull();
    }

    [Theory]
    [InlineData(AgencyKind.Education)]
    [InlineData(AgencyKind.School)]
    [InlineData(AgencyKind.HealthFacility)]
    public void schools_and_health_facilities_prefer_the_commune_then_the_province(AgencyKind kind)
    {
        var inCommune = Agency("b-in-commune", kind, commune: "dong-hoi-ward");
        var provincial = Agency("c-provincial", kind);
        var elsewhere = Agency("a-elsewhere", kind, commune: "dong-son-ward");
        var otherProvince = Agency("0-other-province", kind, province: "31");

        ServingRules.Rank([otherProvince, elsewhere, provincial, inCommune], kind, DongHoi, Today)
            .Select(a => a.Id).ShouldBe(["b-in-commune", "c-provincial", "a-elsewhere"]);
        Serving(kind, elsewhere, provincial)!.Id.ShouldBe("c-provincial");
        Serving(kind, elsewhere)!.Id.ShouldBe("a-elsewhere");
    }

    [Fact]
    public void excluding_agencies_that_declined_moves_to_the_next_suitable_one()
    {
        Agency[] all = [Agency("a", AgencyKind.SocialWorkCentre), Agency("b", AgencyKind.SocialWorkCentre)];
        ServingRules.Choose(all, AgencyKind.SocialWorkCentre, DongHoi, Today)!.Id.ShouldBe("a");
        ServingRules.Choose(all, AgencyKind.SocialWorkCentre, DongHoi, Today, ["a"])!.Id.ShouldBe("b");
        ServingRules.Choose(all, AgencyKind.SocialWorkCentre, DongHoi, Today, ["a", "b"]).ShouldBeNull();
    }

    [Fact]
    public void an_agency_serves_from_its_first_day_until_the_day_before_its_retirement()
    {
        var retiring = Agency("ubnd", AgencyKind.CommunePeoplesCommittee, commune: "dong-hoi-ward", from: Today.AddDays(-10), to: Today);
        ServingRules.Choose([retiring], AgencyKind.CommunePeoplesCommittee, DongHoi, Today.AddDays(-1))!.Id.ShouldBe("ubnd");
        ServingRules.Choose([retiring], AgencyKind.CommunePeoplesCommittee, DongHoi, Today).ShouldBeNull();
        ServingRules.Choose([retiring], AgencyKind.CommunePeoplesCommittee, DongHoi, Today.AddDays(-11)).ShouldBeNull();
    }

    [Fact]
    public void agencies_of_communes_absorbed_by_a_merger_serve_after_the_communes_own()
    {
        var absorbed = new HashSet<string> { "old-ward" };
        var own = Agency("z-own", AgencyKind.CommunePolice, commune: "dong-hoi-ward");
        var inherited = Agency("a-inherited", AgencyKind.CommunePolice, commune: "old-ward", province: "31");
        var stranger = Agency("b-stranger", AgencyKind.CommunePolice, commune: "dong-son-ward");

        ServingRules.Rank([stranger, inherited, own], AgencyKind.CommunePolice, DongHoi, Today, absorbed: absorbed)
            .Select(a => a.Id).ShouldBe(["z-own", "a-inherited"]);
        ServingRules.Choose([inherited], AgencyKind.CommunePolice, DongHoi, Today).ShouldBeNull();

        var school = Agency("school", AgencyKind.Education, commune: "old-ward", province: "31");
        ServingRules.Rank([Agency("sgddt", AgencyKind.Education), school], AgencyKind.Education, DongHoi, Today, absorbed: absorbed)
            .Select(a => a.Id).ShouldBe(["school", "sgddt"]);
    }

    [Fact]
    public void an_agency_of_another_kind_never_serves()
    {
        Serving(AgencyKind.CommunePolice, Agency("ubnd", AgencyKind.CommunePeoplesCommittee, commune: "dong-hoi-ward")).ShouldBeNull();
    }
}
