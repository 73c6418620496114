using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Integration;
using static ChildProtection.Coordination.Tests.Cases.Reporting.ReportingDecisionTests;

namespace ChildProtection.Coordination.Tests.Cases.Reporting;

/// <summary>Form 01's other facts: case type, setting, acts of sexual abuse, parents or carers (sealed), and victims of 16–17.</summary>
public sealed class ReportFactsDecisionTests
{
    private static readonly Carer Mother = new("Nguyễn Thị Lan", CarerRelation.Mother, "0912 345 678", "Tổ 3, phường Đồng Hới");

    private static IncidentDetails SexualAbuse(params SexualAbuseType[] acts) =>
        Incident(harm: [HarmForm.SexualAbuse]) with { Setting = HarmSetting.Online, SexualAbuseTypes = acts };

    [Fact]
    public void the_case_type_the_setting_the_acts_of_sexual_abuse_and_the_carers_are_recorded()
    {
        var report = Report(incident: SexualAbuse(SexualAbuseType.Molestation, SexualAbuseType.Pornography, SexualAbuseType.Molestation)) with
        {
            CaseType = CaseType.Abused, Carers = [Mother with { Name = "  Nguyễn Thị Lan " }, new Carer("Trần Văn Hùng", CarerRelation.StepFather, Phone: " ")],
        };

        var reported = Decide(report).ShouldAcceptOne<CaseReported>();

        reported.CaseType.ShouldBe(CaseType.Abused);
        reported.Incident.Setting.ShouldBe(HarmSetting.Online);
        reported.Incident.SexualAbuseTypes.ShouldBe([SexualAbuseType.Molestation, SexualAbuseType.Pornography]);
        reported.Carers.ShouldBe([Mother, new Carer("Trần Văn Hùng", CarerRelation.StepFather)]);
    }

    [Fact]
    public void a_report_without_the_new_facts_is_still_accepted_and_records_none()
    {
        var reported = Decide(Report()).ShouldAcceptOne<CaseReported>();

        (reported.CaseType, reported.Incident.Setting, reported.Incident.SexualAbuseTypes, reported.Carers).ShouldBe((null, null, null, null));
    }

    [Fact]
    public void acts_of_sexual_abuse_are_refused_on_a_report_without_sexual_abuse()
    {
        var incident = Incident(harm: [HarmForm.Violence]) with { SexualAbuseTypes = [SexualAbuseType.Rape] };

        Decide(Report(incident: incident)).ShouldReject(400, "incident.sexualAbuseTypes");
    }

    [Fact]
    public void undefined_values_name_their_field()
    {
        Decide(Report() with { CaseType = (CaseType)9 }).ShouldReject(400, "caseType");
        Decide(Report(incident: Incident() with { Setting = (HarmSetting)9 })).ShouldReject(400, "incident.setting");
        Decide(Report(incident: SexualAbuse((SexualAbuseType)9))).ShouldReject(400, "incident.sexualAbuseTypes");
        Decide(Report() with { Carers = [Mother with { Relation = (CarerRelation)42 }] }).ShouldReject(400, "carers.0.relation");
    }

    [Fact]
    public void a_carer_needs_a_name_and_a_report_names_at_most_ten()
    {
        Decide(Report() with { Carers = [Mother, Mother with { Name = " " }] }).ShouldReject(400, "carers.1.name");
        Decide(Report() with { Carers = Enumerable.Repeat(Mother, 11).ToArray() }).ShouldReject(400, "carers");
    }

    [Fact]
    public void the_carers_names_and_contacts_are_sealed_and_their_relation_is_not()
    {
        var reported = Decide(Report() with { Carers = [Mother] }).ShouldAcceptOne<CaseReported>();

        var sealedOne = (CaseReported)IdentityFields.Seal(reported, v => "sealed:" + v.Length);

        sealedOne.Carers.ShouldBe([new Carer("sealed:14", CarerRelation.Mother, "sealed:12", "sealed:21")]);
        ((CaseReported)IdentityFields.Reveal(sealedOne, _ => "opened")).Carers![0].Name.ShouldBe("opened");
    }

    [Fact]
    public void erasure_leaves_the_carers_relation_and_nothing_that_names_them()
    {
        var projection = new CaseSummaryProjection();
        var summary = new CaseSummary { Child = Report().Child, Carers = [Mother], ReceivedAt = Given.Now };

        projection.Apply(new IdentityErased(Given.CaseId, Given.Now, "admin", "retention ended"), summary);

        summary.Carers.ShouldBe([new Carer(IdentityVault.Erased, CarerRelation.Mother, IdentityVault.Erased, IdentityVault.Erased)]);
    }

    [Fact]
    public void the_integrators_contract_carries_the_case_type_and_setting_and_no_carer()
    {
        var reported = Decide(Report(incident: Incident() with { Setting = HarmSetting.School }) with { CaseType = CaseType.AtRisk, Carers = [Mother] })
            .ShouldAcceptOne<CaseReported>();

        var contract = CaseContractsV1.Map(reported)!.Value.Data.ShouldBeOfType<CaseReportedV1>();

        (contract.CaseType, contract.Setting).ShouldBe((CaseType.AtRisk, HarmSetting.School));
        System.Text.Json.JsonSerializer.Serialize(contract).ShouldNotContain("Lan");
    }

    // Victims of 16 and 17 (Law on Juvenile Justice 59/2024), configurable and off by default.

    private static readonly CaseRulesOptions JuvenileVictims = new() { RegisterJuvenileVictims = true };

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    public void by_default_a_victim_of_16_or_17_is_not_registered(int age)
    {
        Decide(Report(Child(ageYears: age)) with { CaseType = CaseType.Abused }).ShouldReject(400, "child.ageYears");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    public void where_configured_a_victim_of_16_or_17_is_registered(int age)
    {
        Decide(Report(Child(ageYears: age)) with { CaseType = CaseType.Abused }, JuvenileVictims).ShouldAcceptOne<CaseReported>().Child.AgeYears.ShouldBe(age);
    }

    [Fact]
    public void where_configured_a_person_of_18_is_still_refused()
    {
        Decide(Report(Child(ageYears: 18)) with { CaseType = CaseType.Abused }, JuvenileVictims).ShouldReject(400, "child.ageYears");
    }

    [Theory]
    [InlineData(CaseType.AtRisk)]
    [InlineData(CaseType.SpecialCircumstances)]
    [InlineData(null)]
    public void where_configured_only_a_victim_is_registered_at_16(CaseType? type)
    {
        var refused = Decide(Report(Child(ageYears: 16)) with { CaseType = type }, JuvenileVictims).ShouldReject(400, "child.ageYears");
        refused.Detail.ShouldContain("59/2024");
    }

    [Fact]
    public void where_configured_the_date_of_birth_counts_too()
    {
        // Reported on 25 November 2026; 17 the day before the 18th birthday.
        var child = Child(ageYears: null, dateOfBirth: new DateOnly(2008, 11, 26));

        Decide(Report(child) with { CaseType = CaseType.Abused }, JuvenileVictims).ShouldAccept();
        Decide(Report(child with { DateOfBirth = new DateOnly(2008, 11, 25) }) with { CaseType = CaseType.Abused }, JuvenileVictims)
            .ShouldReject(400, "child.dateOfBirth");
    }
}
