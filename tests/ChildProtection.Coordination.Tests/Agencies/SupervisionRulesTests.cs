using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Agencies.DirectoryGiven;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class SupervisionRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);
    private static readonly Agency HealthDept = Agency("syt", AgencyKind.ProvincialHealthDepartment);
    private static readonly Agency Police = Agency("ca-tinh", AgencyKind.ProvincialPolice);
    private static readonly Agency EducationDept = Agency("sgddt", AgencyKind.Education);
    private static readonly Agency Committee = Agency("ubnd", AgencyKind.CommunePeoplesCommittee, commune: "w");
    private static readonly Agency OtherProvinceHealth = Agency("syt-31", AgencyKind.ProvincialHealthDepartment, province: "31");
    private static readonly Agency[] Everybody = [HealthDept, Police, EducationDept, Committee, OtherProvinceHealth];

    private static string? SupervisorOf(Agency agency, IEnumerable<Agency>? candidates = null) =>
        SupervisionRules.Choose(agency, candidates ?? Everybody, agency.CommuneCode, Today)?.Id;

    [Theory]
    [InlineData(AgencyKind.CommunePeoplesCommittee, "w", "syt")]
    [InlineData(AgencyKind.CommunePolice, "w", "ca-tinh")]
    [InlineData(AgencyKind.HealthFacility, "w", "syt")]
    [InlineData(AgencyKind.HealthFacility, null, "syt")]
    [InlineData(AgencyKind.SocialWorkCentre, null, "syt")]
    [InlineData(AgencyKind.Education, "w", "sgddt")]
    [InlineData(AgencyKind.Education, null, null)]
    [InlineData(AgencyKind.School, "w", "sgddt")]
    [InlineData(AgencyKind.ForensicMedicineCentre, null, "syt")]
    [InlineData(AgencyKind.InterSectorCoordinationBody, "w", "ubnd")]
    [InlineData(AgencyKind.Procuracy, null, null)]
    [InlineData(AgencyKind.Court, null, null)]
    [InlineData(AgencyKind.ProvincialPolice, null, null)]
    [InlineData(AgencyKind.ProvincialHealthDepartment, null, null)]
    public void the_rule_names_the_provincial_line_above_each_kind(AgencyKind kind, string? commune, string? supervisor) =>
        SupervisorOf(Agency("x", kind, commune: commune)).ShouldBe(supervisor);

    [Fact]
    public void a_school_without_a_provincial_education_agency_answers_to_its_commune_committee()
    {
        SupervisorOf(Agency("school", AgencyKind.Education, commune: "w"), [HealthDept, Committee]).ShouldBe("ubnd");
        SupervisorOf(Agency("school", AgencyKind.Education, commune: "v"), [HealthDept, Committee]).ShouldBeNull();
    }

    [Fact]
    public void the_hotline_answers_to_the_ministry_which_is_not_in_the_directory() =>
        SupervisorOf(Agency("hotline-111", AgencyKind.Hotline, province: null)).ShouldBeNull();

    [Fact]
    public void commune_branches_answer_to_the_same_kind_at_province_level()
    {
        var union = Agency("hlhpn", AgencyKind.WomensUnion);
        SupervisorOf(Agency("hlhpn-w", AgencyKind.WomensUnion, commune: "w"), [union, HealthDept]).ShouldBe("hlhpn");
        SupervisorOf(union, [union, HealthDept]).ShouldBeNull();
        var youth = Agency("doan", AgencyKind.YouthUnion);
        // The Youth Union is a kind of its own: a commune branch never answers to the Women's Union.
        SupervisorOf(Agency("doan-w", AgencyKind.YouthUnion, commune: "w"), [union, youth]).ShouldBe("doan");
        var redCross = Agency("hctd", AgencyKind.MassOrganisation);
        SupervisorOf(Agency("hctd-w", AgencyKind.MassOrganisation, commune: "w"), [redCross, HealthDept]).ShouldBe("hctd");
    }

    [Fact]
    public void only_an_active_supervisor_of_the_same_province_counts()
    {
        var retired = Agency("syt-old", AgencyKind.ProvincialHealthDepartment, to: Today);
        SupervisorOf(Committee, [retired, OtherProvinceHealth]).ShouldBeNull();
        SupervisorOf(Committee, [retired, HealthDept]).ShouldBe("syt");
    }
}
