using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Agencies.DirectoryGiven;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class AgencyRulesTests
{
    private static readonly DateOnly MergedOn = new(2026, 1, 1);
    private static readonly Dictionary<string, Commune> Map = Communes(Established("w"), Established("v"), Established("h", province: "31"),
        new CommunesMerged(["v"], "w", "Phường w", MergedOn, null, "44", null));

    private static IEnumerable<string> Fields(RegisterAgency entry, params string[] knownAgencies) =>
        AgencyRules.Check(AgencyRules.Normalize(entry), Map.GetValueOrDefault, knownAgencies.Contains).Select(e => e.Field);

    [Fact]
    public void a_complete_entry_has_no_errors()
    {
        Fields(Entry("ubnd-w", AgencyKind.CommunePeoplesCommittee, commune: "w", supervisor: "syt"), "syt").ShouldBeEmpty();
        Fields(Entry("hotline-111", AgencyKind.Hotline, province: null)).ShouldBeEmpty();
        Fields(Entry("syt", AgencyKind.ProvincialHealthDepartment)).ShouldBeEmpty();
        Fields(Entry("school", AgencyKind.Education, commune: "w")).ShouldBeEmpty();
    }

    [Fact]
    public void each_bad_field_is_named()
    {
        Fields(Entry("Bad Id", AgencyKind.Education)).ShouldBe(["id"]);
        Fields(Entry("x", AgencyKind.Education) with { NameVi = " " }).ShouldBe(["nameVi"]);
        Fields(Entry("x", AgencyKind.Education, province: null)).ShouldBe(["provinceCode"]);
        Fields(Entry("x", AgencyKind.Education, province: "99")).ShouldBe(["provinceCode"]);
        Fields(Entry("x", AgencyKind.Education) with { ActiveTo = Reform }).ShouldBe(["activeTo"]);
        Fields(Entry("x", AgencyKind.Education, supervisor: "nobody")).ShouldBe(["supervisingAgencyId"]);
        Fields(Entry("x", AgencyKind.Education, supervisor: "x"), "x").ShouldBe(["supervisingAgencyId"]);
        Fields(Entry("x", (AgencyKind)99)).ShouldContain("kind");
    }

    [Fact]
    public void the_commune_fits_the_kind_the_province_and_the_day()
    {
        Fields(Entry("x", AgencyKind.CommunePolice)).ShouldBe(["communeCode"]);
        Fields(Entry("x", AgencyKind.ProvincialPolice, commune: "w")).ShouldBe(["communeCode"]);
        Fields(Entry("x", AgencyKind.Hotline, province: null, commune: "w")).ShouldBe(["communeCode"]);
        Fields(Entry("x", AgencyKind.CommunePolice, commune: "nowhere")).ShouldBe(["communeCode"]);
        Fields(Entry("x", AgencyKind.CommunePolice, commune: "h")).ShouldBe(["communeCode"]);
        Fields(Entry("x", AgencyKind.CommunePolice, commune: "v", from: MergedOn)).ShouldBe(["communeCode"]);
        Fields(Entry("x", AgencyKind.CommunePolice, commune: "v", from: MergedOn.AddDays(-1))).ShouldBeEmpty();
    }

    [Fact]
    public void an_update_is_only_made_when_something_differs()
    {
        var entry = AgencyRules.Normalize(Entry("x", AgencyKind.Education, commune: "w"));
        var agency = AgencyProjection.Create(AgencyRules.Registered(entry));
        AgencyRules.Update(agency, entry).ShouldBeNull();
        AgencyRules.Update(agency, entry with { NameVi = "Tên mới" })!.NameVi.ShouldBe("Tên mới");
    }
}
