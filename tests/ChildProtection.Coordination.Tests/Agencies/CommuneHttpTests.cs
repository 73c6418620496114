using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Agencies;
using Marten;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class CommuneHttpTests(AppFixture app) : IntegrationContext(app)
{
    protected override bool DemoDirectory => false;

    [Fact]
    public async Task any_authenticated_role_reads_the_34_provinces_and_anonymous_callers_get_401()
    {
        var response = await App.Client("health-worker").GetAsync("/api/provinces");
        (await response.ShouldHave(HttpStatusCode.OK)).GetArrayLength().ShouldBe(34);
        await (await App.Client(null).GetAsync("/api/provinces")).ShouldHave(HttpStatusCode.Unauthorized);
        await (await App.Client(null).GetAsync("/api/communes")).ShouldHave(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_administrator_establishes_a_commune_once()
    {
        var command = new EstablishCommune("dong-hoi-ward", "Phường Đồng Hới", "44", DirectoryApi.Reform, "Dong Hoi Ward");
        var created = await App.Admin().PostJson("/api/communes", command, ("X-Correlation-Id", "corr-establish-1"));
        await created.ShouldHave(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe("/api/communes/dong-hoi-ward");
        (await created.Read<Commune>()).NameEn.ShouldBe("Dong Hoi Ward");

        await (await App.Admin().PostJson("/api/communes", command)).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.AlreadyExists);
        await (await App.Client("commune-chair").PostJson("/api/communes", command with { Code = "other" })).ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client(null).PostJson("/api/communes", command with { Code = "other" })).ShouldHave(HttpStatusCode.Unauthorized);

        await using var session = App.Store.QuerySession();
        var recorded = (await session.Events.FetchStreamAsync(DirectoryStreams.Jurisdictions)).Single();
        recorded.CorrelationId.ShouldBe("corr-establish-1");
        recorded.Headers!["user-id"].ToString().ShouldBe("user-admin");
        recorded.Headers!["role"].ToString().ShouldBe("admin");
    }

    [Theory]
    [InlineData("""{"code":"x","nameVi":"X","provinceCode":"45","effectiveFrom":"2025-07-01"}""", "provinceCode")]
    [InlineData("""{"code":"Not A Code","nameVi":"X","provinceCode":"44","effectiveFrom":"2025-07-01"}""", "code")]
    [InlineData("""{"code":"x","nameVi":"  ","provinceCode":"44","effectiveFrom":"2025-07-01"}""", "nameVi")]
    public async Task a_bad_commune_is_a_400_naming_the_field(string json, string field)
    {
        var problem = await (await App.Admin().PostRaw("/api/communes", json)).ShouldHave(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task a_body_that_is_not_the_command_is_a_400()
    {
        await (await App.Admin().PostRaw("/api/communes", """{"code":"x","nameVi":"X","provinceCode":"44"}""")).ShouldHave(HttpStatusCode.BadRequest);
        await (await App.Admin().PostRaw("/api/communes", "{not json")).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task communes_are_listed_by_province_and_day()
    {
        await App.EstablishAsync("a");
        await App.EstablishAsync("h", province: "31");
        await App.EstablishAsync("late", from: new DateOnly(2027, 1, 1));

        var inQuangTri = await (await App.Client("auditor").GetAsync("/api/communes?province=44")).ShouldHave(HttpStatusCode.OK);
        inQuangTri.EnumerateArray().Select(c => c.GetProperty("code").GetString()).ShouldBe(["a", "late"]);
        var inForce = await (await App.Client("auditor").GetAsync("/api/communes?province=44&activeAt=2026-06-01")).ShouldHave(HttpStatusCode.OK);
        inForce.EnumerateArray().Select(c => c.GetProperty("code").GetString()).ShouldBe(["a"]);
        (await (await App.Client("auditor").GetAsync("/api/communes")).ShouldHave(HttpStatusCode.OK)).GetArrayLength().ShouldBe(3);

        (await (await App.Client("auditor").GetAsync("/api/communes?province=45")).ShouldHave(HttpStatusCode.BadRequest))
            .GetProperty("field").GetString().ShouldBe("province");
        (await (await App.Client("auditor").GetAsync("/api/communes?activeAt=someday")).ShouldHave(HttpStatusCode.BadRequest))
            .GetProperty("field").GetString().ShouldBe("activeAt");
    }

    [Fact]
    public async Task a_merger_through_the_api_keeps_the_merged_communes_readable()
    {
        await App.EstablishAsync("a");
        await App.EstablishAsync("b");
        var mergedOn = new DateOnly(2026, 1, 1);

        var recorded = await App.MergeAsync(new MergeCommunes(["a", "b"], "c", mergedOn, "Phường C", ProvinceCode: "44"));
        recorded.Into.Code.ShouldBe("c");
        recorded.Merged.Select(c => (c.Code, c.SuccessorCode, c.ActiveTo)).ShouldBe([("a", "c", mergedOn), ("b", "c", mergedOn)]);

        var before = await (await App.Client("auditor").GetAsync("/api/communes/a?at=2025-12-31")).ShouldHave(HttpStatusCode.OK);
        before.GetProperty("responsible").GetProperty("code").GetString().ShouldBe("a");
        var after = await (await App.Client("auditor").GetAsync("/api/communes/a?at=2026-01-01")).ShouldHave(HttpStatusCode.OK);
        after.GetProperty("responsible").GetProperty("code").GetString().ShouldBe("c");
        after.GetProperty("commune").GetProperty("nameVi").GetString().ShouldBe("Phường a");

        await (await App.Admin().PostJson("/api/communes/mergers", new MergeCommunes(["a"], "d", mergedOn.AddDays(1), "D", ProvinceCode: "44")))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.CommuneNotInForce);
        (await (await App.Admin().PostJson("/api/communes/mergers", new MergeCommunes(["zz"], "c", mergedOn))).ShouldHave(HttpStatusCode.BadRequest))
            .GetProperty("field").GetString().ShouldBe("fromCodes");
        await (await App.Client("commune-chair").PostJson("/api/communes/mergers", new MergeCommunes(["c"], "e", mergedOn.AddDays(1), "E", ProvinceCode: "44")))
            .ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client("auditor").GetAsync("/api/communes/zz")).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_merger_across_provinces_is_a_400_naming_the_commune_of_the_other_province()
    {
        await App.EstablishAsync("a");
        await App.EstablishAsync("h", province: "31");
        var mergedOn = new DateOnly(2026, 1, 1);

        var problem = await (await App.Admin().PostJson("/api/communes/mergers",
            new MergeCommunes(["a", "h"], "c", mergedOn, "Phường C", ProvinceCode: "44", LegalBasis: "x"))).ShouldHave(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("fromCodes[1]");
        (await (await App.Admin().PostJson("/api/communes/mergers", new MergeCommunes(["h"], "a", mergedOn))).ShouldHave(HttpStatusCode.BadRequest))
            .GetProperty("field").GetString().ShouldBe("fromCodes[0]");

        // Nothing was recorded: both communes still answer for themselves, and no commune 'c' exists.
        await using var session = App.Store.QuerySession();
        (await session.Events.FetchStreamAsync(DirectoryStreams.Jurisdictions)).Select(e => e.Data).ShouldAllBe(e => e is CommuneEstablished);
        await (await App.Client("auditor").GetAsync("/api/communes/c")).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_administrator_renames_a_commune_from_a_day()
    {
        await App.EstablishAsync("a", name: "Xã A");
        var renamed = await App.Admin().PostJson("/api/communes/a/rename", new RenameCommune("Phường A", new DateOnly(2026, 1, 1)));
        (await renamed.ShouldHave(HttpStatusCode.OK)).GetProperty("nameVi").GetString().ShouldBe("Phường A");

        var onReform = await (await App.Client("auditor").GetAsync("/api/communes/a?at=2025-07-01")).ShouldHave(HttpStatusCode.OK);
        onReform.GetProperty("name").GetProperty("nameVi").GetString().ShouldBe("Xã A");

        await (await App.Admin().PostJson("/api/communes/zz/rename", new RenameCommune("Z", new DateOnly(2026, 1, 1)))).ShouldHave(HttpStatusCode.NotFound);
        await (await App.Client("commune-officer").PostJson("/api/communes/a/rename", new RenameCommune("Z", new DateOnly(2026, 2, 1))))
            .ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Admin().PostJson("/api/communes/a/rename", new RenameCommune("Phường A", new DateOnly(2026, 2, 1))))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.NameUnchanged);
    }
}
