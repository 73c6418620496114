using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Agencies;
using Marten;
using ChildProtection.Coordination.Common;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class AgencyHttpTests(AppFixture app) : IntegrationContext(app)
{
    protected override bool DemoDirectory => false;

    private async Task GivenDongHoi()
    {
        await App.EstablishAsync("dong-hoi-ward");
        await App.EstablishAsync("hong-bang-ward", province: "31");
    }

    [Fact]
    public async Task an_administrator_registers_an_agency_that_everybody_can_read()
    {
        await GivenDongHoi();
        var entry = DirectoryGiven.Entry("ubnd-dong-hoi", AgencyKind.CommunePeoplesCommittee, commune: "dong-hoi-ward");
        var response = await App.Admin().PostJson("/api/agencies", entry, ("X-Correlation-Id", "corr-register-1"));

        await response.ShouldHave(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe("/api/agencies/ubnd-dong-hoi");
        var read = await (await App.Client("police-officer", "ca-dong-hoi").GetAsync("/api/agencies/ubnd-dong-hoi")).ShouldHave(HttpStatusCode.OK);
        read.GetProperty("kind").GetString().ShouldBe("CommunePeoplesCommittee");
        read.GetProperty("communeCode").GetString().ShouldBe("dong-hoi-ward");
        read.GetProperty("activeFrom").GetString().ShouldBe("2025-07-01");

        await using var session = App.Store.QuerySession();
        var registered = (await session.Events.FetchStreamAsync(DirectoryStreams.Agency("ubnd-dong-hoi"))).Single();
        registered.Data.ShouldBeOfType<AgencyRegistered>();
        registered.CorrelationId.ShouldBe("corr-register-1");
        registered.Headers!["agency"].ToString().ShouldBe("sys-admin");
    }

    [Fact]
    public async Task registering_an_existing_id_is_a_conflict()
    {
        await App.RegisterAsync("syt-quang-tri", AgencyKind.ProvincialHealthDepartment);
        var again = await App.Admin().PostJson("/api/agencies", DirectoryGiven.Entry("syt-quang-tri", AgencyKind.ProvincialPolice));
        (await again.ShouldHave(HttpStatusCode.Conflict, ProblemKinds.AlreadyExists)).GetProperty("field").GetString().ShouldBe("id");
    }

    [Theory]
    [InlineData("""{"id":"x","nameVi":"X","kind":"CommunePolice","activeFrom":"2025-07-01","provinceCode":"44","communeCode":"nowhere"}""", "communeCode")]
    [InlineData("""{"id":"x","nameVi":"X","kind":"CommunePolice","activeFrom":"2025-07-01","provinceCode":"31","communeCode":"dong-hoi-ward"}""", "communeCode")]
    [InlineData("""{"id":"x","nameVi":"X","kind":"Education","activeFrom":"2025-07-01","provinceCode":"99"}""", "provinceCode")]
    [InlineData("""{"id":"x","nameVi":"X","kind":"Education","activeFrom":"2025-07-01","provinceCode":"44","supervisingAgencyId":"ghost"}""", "supervisingAgencyId")]
    [InlineData("""{"id":"Ủy ban","nameVi":"X","kind":"Education","activeFrom":"2025-07-01","provinceCode":"44"}""", "id")]
    [InlineData("""{"id":"x","nameVi":"X","kind":"Education","activeFrom":"2025-07-01","activeTo":"2025-01-01","provinceCode":"44"}""", "activeTo")]
    public async Task a_bad_entry_is_a_400_naming_the_field(string json, string field)
    {
        await GivenDongHoi();
        var problem = await (await App.Admin().PostRaw("/api/agencies", json)).ShouldHave(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task an_unknown_kind_is_a_400()
    {
        await (await App.Admin().PostRaw("/api/agencies", """{"id":"x","nameVi":"X","kind":"Police","activeFrom":"2025-07-01","provinceCode":"44"}"""))
            .ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task only_administrators_change_the_directory()
    {
        var entry = DirectoryGiven.Entry("syt", AgencyKind.ProvincialHealthDepartment);
        await (await App.Client("commune-chair").PostJson("/api/agencies", entry)).ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client(null).PostJson("/api/agencies", entry)).ShouldHave(HttpStatusCode.Unauthorized);
        await (await App.Client(null).GetAsync("/api/agencies")).ShouldHave(HttpStatusCode.Unauthorized);
        await (await App.Client("auditor").GetAsync("/api/agencies/syt")).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task agencies_are_listed_by_province_commune_kind_and_day()
    {
        await GivenDongHoi();
        await App.RegisterAsync("ubnd-dong-hoi", AgencyKind.CommunePeoplesCommittee, commune: "dong-hoi-ward");
        await App.RegisterAsync("tyt-dong-hoi", AgencyKind.HealthFacility, commune: "dong-hoi-ward", from: new DateOnly(2026, 1, 1));
        await App.RegisterAsync("syt-quang-tri", AgencyKind.ProvincialHealthDepartment);
        await App.RegisterAsync("syt-hai-phong", AgencyKind.ProvincialHealthDepartment, province: "31");
        var reader = App.Client("social-worker");

        async Task<string?[]> Ids(string query) =>
            (await (await reader.GetAsync("/api/agencies" + query)).ShouldHave(HttpStatusCode.OK)).EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToArray();

        (await Ids("")).ShouldBe(["syt-hai-phong", "syt-quang-tri", "tyt-dong-hoi", "ubnd-dong-hoi"]);
        (await Ids("?province=44")).ShouldBe(["syt-quang-tri", "tyt-dong-hoi", "ubnd-dong-hoi"]);
        (await Ids("?commune=dong-hoi-ward")).ShouldBe(["tyt-dong-hoi", "ubnd-dong-hoi"]);
        (await Ids("?kind=ProvincialHealthDepartment")).ShouldBe(["syt-hai-phong", "syt-quang-tri"]);
        (await Ids("?commune=dong-hoi-ward&activeAt=2025-12-31T23:00:00%2B07:00")).ShouldBe(["ubnd-dong-hoi"]);

        foreach (var (query, field) in new[] { ("?province=45", "province"), ("?commune=nowhere", "commune"), ("?kind=Police", "kind"), ("?kind=1", "kind"), ("?activeAt=tomorrow", "activeAt") })
            (await (await reader.GetAsync("/api/agencies" + query)).ShouldHave(HttpStatusCode.BadRequest)).GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task a_retired_agency_no_longer_serves_from_its_retirement_day()
    {
        await GivenDongHoi();
        await App.RegisterAsync("ubnd-dong-hoi", AgencyKind.CommunePeoplesCommittee, commune: "dong-hoi-ward");
        var effective = new DateOnly(2026, 3, 1);

        var retired = await App.Admin().PostJson("/api/agencies/ubnd-dong-hoi/retirement", new RetireAgency(effective, "Replaced after reorganisation"));
        var body = await retired.ShouldHave(HttpStatusCode.OK);
        body.GetProperty("activeTo").GetString().ShouldBe("2026-03-01");
        body.GetProperty("retirementReason").GetString().ShouldBe("Replaced after reorganisation");

        var directory = App.Directory();
        var dayBefore = new DateTimeOffset(2026, 2, 28, 23, 59, 0, TimeSpan.FromHours(7));
        (await directory.ServingAsync(AgencyKind.CommunePeoplesCommittee, "dong-hoi-ward", dayBefore))!.Id.ShouldBe("ubnd-dong-hoi");
        (await directory.ServingAsync(AgencyKind.CommunePeoplesCommittee, "dong-hoi-ward", dayBefore.AddMinutes(1))).ShouldBeNull();

        await (await App.Admin().PostJson("/api/agencies/ubnd-dong-hoi/retirement", new RetireAgency(effective, "again"))).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.AgencyRetired);
        await (await App.Admin().PostJson("/api/agencies/ghost/retirement", new RetireAgency(effective, "x"))).ShouldHave(HttpStatusCode.NotFound);
        await (await App.Client("commune-chair").PostJson("/api/agencies/ubnd-dong-hoi/retirement", new RetireAgency(effective, "x"))).ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_retirement_needs_a_reason_and_a_day_after_the_first_day_of_service()
    {
        await App.RegisterAsync("syt", AgencyKind.ProvincialHealthDepartment);
        (await (await App.Admin().PostJson("/api/agencies/syt/retirement", new RetireAgency(new DateOnly(2026, 1, 1), " "))).ShouldHave(HttpStatusCode.BadRequest))
            .GetProperty("field").GetString().ShouldBe("reason");
        (await (await App.Admin().PostJson("/api/agencies/syt/retirement", new RetireAgency(DirectoryApi.Reform, "x"))).ShouldHave(HttpStatusCode.BadRequest))
            .GetProperty("field").GetString().ShouldBe("effective");
    }
}
