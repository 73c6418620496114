using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using Marten;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Reporting;
namespace ChildProtection.Coordination.Tests.Cases.Reporting;

/// <summary>Form 01's other facts through the real host: stored sealed, shown by need to know, erased with the identity.</summary>
public sealed class ReportFactsRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private const string Mother = "Hoàng Thị Thu Hà", Phone = "0977 111 222";

    private static ReportCase Report() => Bodies.Report(harm: [HarmForm.SexualAbuse]) with
    {
        CaseType = CaseType.Abused,
        Carers = [new Carer(Mother, CarerRelation.Mother, Phone, "Tổ 7, phường Đồng Hới")],
        Incident = Bodies.Report().Incident with
        {
            HarmForms = [HarmForm.SexualAbuse], Setting = HarmSetting.Online, SexualAbuseTypes = [SexualAbuseType.Pornography],
        },
    };

    private async Task<JsonElement> Read(string role, Guid caseId) =>
        await (await Api.Get(role, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);

    [Fact]
    public async Task the_facts_are_stored_the_carers_sealed_and_the_owning_commune_sees_them_opened()
    {
        var caseId = await Api.Report(Report());

        var stored = (CaseReported)(await Api.Events(caseId))[0].Data;
        stored.Carers![0].Name.ShouldStartWith("enc:v1:");
        stored.Carers[0].Phone!.ShouldStartWith("enc:v1:");
        stored.Carers[0].Relation.ShouldBe(CarerRelation.Mother);
        (stored.CaseType, stored.Incident.Setting).ShouldBe((CaseType.Abused, HarmSetting.Online));

        var seen = await Read(Roles.CommuneOfficer, caseId);
        seen.GetProperty("carers")[0].GetProperty("name").GetString().ShouldBe(Mother);
        seen.GetProperty("carers")[0].GetProperty("relation").GetString().ShouldBe("Mother");
        seen.GetProperty("caseType").GetString().ShouldBe("Abused");
        seen.GetProperty("setting").GetString().ShouldBe("Online");
        seen.GetProperty("sexualAbuseTypes")[0].GetString().ShouldBe("Pornography");
    }

    [Fact]
    public async Task the_carers_are_shown_only_to_the_views_that_show_the_childs_identity()
    {
        var caseId = await Api.Report(Report());

        (await Read(Roles.PoliceOfficer, caseId)).GetProperty("carers")[0].GetProperty("phone").GetString().ShouldBe(Phone);
        (await Read(Roles.HealthWorker, caseId)).TryGetProperty("carers", out _).ShouldBeTrue();
        var education = await Read(Roles.EducationOfficer, caseId);
        education.TryGetProperty("carers", out _).ShouldBeFalse();
        education.TryGetProperty("sexualAbuseTypes", out _).ShouldBeFalse();
        education.GetRawText().ShouldNotContain("Thu Hà");
    }

    [Fact]
    public async Task erasure_makes_the_carers_unreadable_in_the_case_and_the_history()
    {
        var caseId = await Api.Report(Report());

        await Api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());

        var carer = (await Read(Roles.CommuneOfficer, caseId)).GetProperty("carers")[0];
        carer.GetProperty("name").GetString().ShouldBe("[erased]");
        carer.GetProperty("phone").GetString().ShouldBe("[erased]");
        carer.GetProperty("relation").GetString().ShouldBe("Mother");
        var history = await (await Api.Get(Roles.Auditor, $"/api/cases/{caseId}/history")).ShouldHave(HttpStatusCode.OK);
        history.GetRawText().ShouldNotContain("Thu Hà");
        history.GetRawText().ShouldContain("[erased]");
    }

    [Fact]
    public async Task acts_of_sexual_abuse_without_sexual_abuse_are_a_400_naming_the_field()
    {
        var report = Bodies.Report() with { Incident = Bodies.Report().Incident with { SexualAbuseTypes = [SexualAbuseType.Rape] } };

        await (await Api.As(Roles.HotlineOperator).PostJson("/api/cases", report)).ShouldBeInvalid("incident.sexualAbuseTypes");
    }

    [Fact]
    public async Task a_victim_of_16_is_not_registered_unless_configured()
    {
        var report = Report() with { Child = Report().Child with { AgeYears = 16 } };

        var problem = await (await Api.As(Roles.HotlineOperator).PostJson("/api/cases", report)).ShouldBeInvalid("child.ageYears");
        problem.Detail().ShouldContain("under 16");
    }
}

/// <summary>A host where victims of 16 and 17 are registered (Law on Juvenile Justice 59/2024).</summary>
public sealed class JuvenileVictimsHost : AppFixture
{
    private const string Schema = "cp_juvenile";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "false", ["Marten:Schema"] = Schema, ["CaseRules:RegisterJuvenileVictims"] = "true",
        // The reports name the demo directory's communes: a report's communes are ones in force (Cases/Reporting/ReportCase.cs).
        ["Directory:SeedDemo"] = "true",
    };

    protected override Task PrepareDatabaseAsync() => TestDatabase.DropSchemaAsync(Schema);
}

[Collection(AppCollection.Name)]
public sealed class JuvenileVictimsRoutesTests
{
    [Fact]
    public async Task where_configured_a_victim_of_17_is_registered_and_a_child_at_risk_of_17_is_not()
    {
        var host = new JuvenileVictimsHost();
        await host.InitializeAsync();
        try
        {
            var hotline = host.Client(Roles.HotlineOperator, "hotline-111");
            var victim = Bodies.Report(ageYears: 17) with { CaseType = CaseType.Abused };

            var created = await (await hotline.PostJson("/api/cases", victim)).ShouldHave(HttpStatusCode.Created);
            await using (var session = host.Store.QuerySession())
            {
                var reported = (CaseReported)(await session.Events.FetchStreamAsync(created.GetProperty("caseId").GetGuid()))[0].Data;
                (reported.Child.AgeYears, reported.CaseType).ShouldBe((17, CaseType.Abused));
            }
            var problem = await (await hotline.PostJson("/api/cases", victim with { CaseType = CaseType.AtRisk })).ShouldBeInvalid("child.ageYears");
            problem.Detail().ShouldContain("Juvenile Justice 59/2024");
            await (await hotline.PostJson("/api/cases", Bodies.Report(ageYears: 18) with { CaseType = CaseType.Abused })).ShouldBeInvalid("child.ageYears");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
