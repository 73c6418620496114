using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Api;

namespace ChildProtection.Coordination.Tests.Auth;

/// <summary>GET /api/cases lists only the cases the caller's agency stands in a relation to that lets its role read them.</summary>
public sealed class CaseListScopeTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<Guid[]> Listed(string role, string agency)
    {
        var response = await App.Client(role, agency).GetAsync("/api/cases?pageSize=100");
        await response.ShouldHave(HttpStatusCode.OK);
        return (await response.Read<CaseList>()).Items.Select(i => i.Id).ToArray();
    }

    [Fact]
    public async Task each_agency_lists_the_cases_it_is_related_to_and_no_others()
    {
        var dongHoi = await Api.Report();
        var dongThuan = await Api.Report(Bodies.Report("dong-thuan-ward"));
        var byCommune = await new CaseApi(App, reporterAgency: "ubnd-dong-son").Report(Bodies.Report("hong-bang-ward"));
        var handed = await Api.Report(Bodies.Report("dong-thuan-ward"));
        await new CaseApi(App, "ubnd-dong-thuan").Step(Roles.CommuneOfficer, $"/api/cases/{handed}/handoffs",
            new RequestHandoff("tyt-dong-son", HandoffTask.MedicalExamination, "Examine the child", DateTimeOffset.UtcNow.AddDays(1)));

        (await Listed(Roles.CommuneOfficer, "ubnd-dong-hoi")).ShouldBe([dongHoi]);
        (await Listed(Roles.CommuneOfficer, "ubnd-dong-thuan")).ShouldBe([handed, dongThuan], ignoreOrder: true);
        // Reported by the Đồng Sơn committee about a child in Hải Phòng: it lists what it reported.
        (await Listed(Roles.CommuneOfficer, "ubnd-dong-son")).ShouldBe([byCommune]);
        // Province-level: every case in its province's communes, and (supervising the Đồng Sơn committee) the one it reported.
        (await Listed(Roles.HealthWorker, "syt-quang-tri")).ShouldBe([dongHoi, dongThuan, handed, byCommune], ignoreOrder: true);
        (await Listed(Roles.HealthWorker, "syt-hai-phong")).ShouldBe([byCommune]);
        // Handed work: that case only.
        (await Listed(Roles.HealthWorker, "tyt-dong-son")).ShouldBe([handed]);
        // The hotline reads what it reported (and what it is handed), not the rest of the province.
        (await Listed(Roles.HotlineOperator, "hotline-111")).ShouldBe([dongHoi, dongThuan, handed], ignoreOrder: true);
        (await Listed(Roles.Auditor, "inspectorate")).Length.ShouldBe(4);
        (await Listed(Roles.CommuneOfficer, "ubnd-ngo-quyen")).ShouldBeEmpty();
        (await Listed(Roles.PoliceOfficer, "unknown-agency")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_mass_organisation_lists_only_the_cases_it_was_handed_and_its_inbox_holds_that_work()
    {
        var handed = await Api.Report();
        await Api.Report();
        var handoff = (await Api.Step(Roles.CommuneOfficer, $"/api/cases/{handed}/handoffs",
            new RequestHandoff("hlhpn-quang-tri", HandoffTask.ProvideService, "Peer support for the mother", DateTimeOffset.UtcNow.AddDays(3)))).Id!.Value;

        (await Listed(Roles.MassOrganisation, "hlhpn-quang-tri")).ShouldBe([handed]);
        // No consent on record yet: the case is not disclosed (DisclosureConsentTests), but the work can be answered.
        var refused = await (await App.Client(Roles.MassOrganisation, "hlhpn-quang-tri").GetAsync($"/api/cases/{handed}")).ShouldHave(HttpStatusCode.Forbidden);
        refused.Detail().ShouldContain("needs consent");
        await (await App.Client(Roles.MassOrganisation, "hlhpn-quang-tri").PostJson($"/api/cases/{handed}/handoffs/{handoff}/accept", new AcceptHandoff()))
            .ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_list_shows_the_risk_only_to_roles_whose_view_has_it()
    {
        var caseId = await Api.RiskAssessed();
        async Task<object?> Risk(string role, string agency) =>
            (await (await App.Client(role, agency).GetAsync("/api/cases")).Read<CaseList>()).Items.Single(i => i.Id == caseId).Risk;

        (await Risk(Roles.CommuneOfficer, "ubnd-dong-hoi")).ShouldNotBeNull();
        (await Risk(Roles.HotlineOperator, "hotline-111")).ShouldBeNull();
        (await Risk(Roles.EducationOfficer, "th-hai-dinh")).ShouldBeNull();
    }
}
