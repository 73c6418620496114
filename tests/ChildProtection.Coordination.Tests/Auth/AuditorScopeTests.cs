using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using ChildProtection.Coordination.Api;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Tests.Support;
namespace ChildProtection.Coordination.Tests.Auth;

/// <summary>
/// Issue 18, scoped auditors: an auditor reaches the cases of its agency's province on every read (the case, as-of, history,
/// integrity, export, access log, the list, the feed, inboxes); one whose token holds <c>audit:national</c> reaches them all.
/// </summary>
public sealed class AuditorScopeTests(AppFixture app) : IntegrationContext(app)
{
    private static readonly string[] CaseReads = ["", "?version=1", "/history", "/integrity", "/export", "/export?include=chain", "/access-log"];

    private HttpClient Auditor(string agency, bool national = false)
    {
        var client = App.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            AppFixture.Token(Roles.Auditor, agency, scope: national ? Scopes.AuditNational : null));
        return client;
    }

    private async Task<(Guid QuangTri, Guid HaiPhong)> OneCaseInEachProvince() =>
        (await new CaseApi(App).Report(Bodies.Report("dong-hoi-ward")),
         await new CaseApi(App, "ubnd-hong-bang").Report(Bodies.Report("hong-bang-ward")));

    private static async Task Reads(HttpClient auditor, Guid caseId, HttpStatusCode status)
    {
        foreach (var read in CaseReads) await (await auditor.GetAsync($"/api/cases/{caseId}{read}")).ShouldHave(status);
    }

    [Fact]
    public async Task a_provincial_auditor_reads_every_record_of_its_own_provinces_cases_and_none_of_anothers()
    {
        var (quangTri, haiPhong) = await OneCaseInEachProvince();

        await Reads(Auditor("syt-quang-tri"), quangTri, HttpStatusCode.OK);
        await Reads(Auditor("syt-quang-tri"), haiPhong, HttpStatusCode.NotFound);
        await Reads(Auditor("syt-hai-phong"), haiPhong, HttpStatusCode.OK);
        await Reads(Auditor("syt-hai-phong"), quangTri, HttpStatusCode.NotFound);
        // An auditor whose agency has no province (or is not in the directory) reaches nothing without national scope.
        await Reads(Auditor("unknown-inspectorate"), quangTri, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task national_scope_reaches_every_province()
    {
        var (quangTri, haiPhong) = await OneCaseInEachProvince();
        await Reads(Auditor("syt-quang-tri", national: true), haiPhong, HttpStatusCode.OK);
        await Reads(Auditor("unknown-inspectorate", national: true), quangTri, HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_case_list_the_inboxes_and_the_anchors_keep_to_the_province()
    {
        var (quangTri, haiPhong) = await OneCaseInEachProvince();

        async Task<Guid[]> Listed(HttpClient auditor) =>
            (await (await auditor.GetAsync("/api/cases?pageSize=100")).Read<CaseList>()).Items.Select(i => i.Id).ToArray();
        (await Listed(Auditor("syt-quang-tri"))).ShouldBe([quangTri]);
        (await Listed(Auditor("syt-hai-phong"))).ShouldBe([haiPhong]);
        (await Listed(Auditor("unknown-inspectorate"))).ShouldBeEmpty();
        (await Listed(Auditor("syt-quang-tri", national: true))).ShouldBe([quangTri, haiPhong], ignoreOrder: true);

        await (await Auditor("syt-quang-tri").GetAsync("/api/agencies/ubnd-dong-hoi/inbox")).ShouldHave(HttpStatusCode.OK);
        await (await Auditor("syt-quang-tri").GetAsync("/api/agencies/ubnd-hong-bang/inbox")).ShouldHave(HttpStatusCode.NotFound);
        await (await Auditor("syt-quang-tri", national: true).GetAsync("/api/agencies/ubnd-hong-bang/inbox")).ShouldHave(HttpStatusCode.OK);
        // An agency no directory knows is a 404 for a national overseer too, not an empty inbox.
        await (await Auditor("syt-quang-tri", national: true).GetAsync("/api/agencies/no-such-agency/inbox")).ShouldHave(HttpStatusCode.NotFound);

        // An anchor names every case in the country: a provincial auditor gets its digest and signature, not that list.
        await (await App.Client(Roles.Admin, "syt-quang-tri").PostAsync("/api/audit/anchors", null)).ShouldHave(HttpStatusCode.Created);
        var provincial = await (await Auditor("syt-quang-tri").GetAsync("/api/audit/anchors")).ShouldHave(HttpStatusCode.OK);
        var anchor = provincial.GetProperty("items")[0];
        anchor.GetProperty("digest").GetString()!.Length.ShouldBe(64);
        anchor.GetProperty("covered").GetArrayLength().ShouldBe(0);
        var national = await (await Auditor("syt-quang-tri", national: true).GetAsync("/api/audit/anchors")).ShouldHave(HttpStatusCode.OK);
        national.GetProperty("items")[0].GetProperty("covered").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task a_provincial_auditor_reads_only_its_provinces_events_on_the_feed()
    {
        var (quangTri, haiPhong) = await OneCaseInEachProvince();
        async Task<Guid[]> Subjects(HttpClient auditor) =>
            (await (await auditor.GetAsync("/api/feed?after=0&limit=500")).ShouldHave(HttpStatusCode.OK)).EnumerateArray()
            .Select(e => Guid.Parse(e.GetProperty("subject").GetString()!)).Distinct().ToArray();
        await Handoffs.HandoffApi.Eventually(async () => (await Subjects(Auditor("x", national: true))).Length == 2, "both reports on the feed", seconds: 30);
        (await Subjects(Auditor("syt-quang-tri"))).ShouldBe([quangTri]);
        (await Subjects(Auditor("syt-hai-phong"))).ShouldBe([haiPhong]);
    }

    [Fact]
    public void national_scope_is_a_grant_of_the_token_and_province_is_the_agencys()
    {
        static Actor Of(string? scope) => Actor.From(new ClaimsPrincipal(new ClaimsIdentity(
            new[] { new Claim("sub", "u"), new Claim("role", Roles.Auditor), new Claim("agency", "syt-quang-tri") }
                .Concat(scope is null ? [] : [new Claim("scope", scope)]), "test")))!;
        CaseReach.IsProvincial(Of(null)).ShouldBeTrue();
        CaseReach.IsProvincial(Of("openid " + Scopes.AuditNational)).ShouldBeFalse();
        CaseReach.IsProvincial(Of(null) with { Role = Roles.Admin }).ShouldBeFalse();
        CaseReach.Reaches("44", "44").ShouldBeTrue();
        CaseReach.Reaches("44", "31").ShouldBeFalse();
        CaseReach.Reaches(null, null).ShouldBeFalse();
    }
}
