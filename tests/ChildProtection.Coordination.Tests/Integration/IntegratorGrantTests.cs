using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Access;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Integration;
using ChildProtection.Coordination.Integration.Webhooks;
using ChildProtection.Coordination.Tests.Support;
namespace ChildProtection.Coordination.Tests.Integration;

/// <summary>
/// Issue 18, scoped integrators: an integrator receives on the feed only what its grant (Integration:Grants, see
/// AppFixture.TestGrants) reaches: the cases of its provinces or agencies, of its event types, with identity only if granted.
/// </summary>
public sealed class IntegratorGrantTests(AppFixture app) : IntegrationContext(app)
{
    private readonly CaseApi _api = new(app);

    private HttpClient Integrator(string agency, string? scope = null)
    {
        var client = App.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.Token(Roles.Integrator, agency, scope: scope));
        return client;
    }

    private async Task<JsonElement[]> Feed(string agency, string? scope = null)
    {
        var events = new List<JsonElement>();
        var after = 0L;
        while (true)
        {
            var response = await Integrator(agency, scope).GetAsync($"/api/feed?after={after}&limit=500");
            events.AddRange((await response.ShouldHave(HttpStatusCode.OK)).EnumerateArray());
            var next = long.Parse(response.Headers.GetValues("Feed-Next-Cursor").Single());
            if (next == after) return events.ToArray();
            after = next;
        }
    }

    private static Guid[] Cases(IEnumerable<JsonElement> events) => events.Select(e => Guid.Parse(e.GetProperty("subject").GetString()!)).Distinct().ToArray();

    /// <summary>A case in Đồng Hới (Quảng Trị, 44) and one in Hồng Bàng (Hải Phòng, 31), both verified; once a national reader sees all four events.</summary>
    private async Task<(Guid QuangTri, Guid HaiPhong)> OneCaseInEachProvince()
    {
        var quangTri = await _api.Report(Bodies.Report("dong-hoi-ward"));
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{quangTri}/verification", Bodies.Verify());
        var haiPhong = await new CaseApi(App, "ubnd-hong-bang").Report(Bodies.Report("hong-bang-ward"));
        await new CaseApi(App, "ubnd-hong-bang").Step(Roles.CommuneOfficer, $"/api/cases/{haiPhong}/verification", Bodies.Verify());
        await Handoffs.HandoffApi.Eventually(async () => (await Feed("stats-office")).Length >= 4, "the four events past the high-water mark", seconds: 30);
        return (quangTri, haiPhong);
    }

    [Fact]
    public async Task an_integrator_of_one_province_never_sees_another_provinces_events_on_the_feed()
    {
        var (quangTri, haiPhong) = await OneCaseInEachProvince();

        Cases(await Feed("stats-office")).ShouldBe([quangTri, haiPhong], ignoreOrder: true);
        var ofQuangTri = await Feed("quang-tri-partner");
        Cases(ofQuangTri).ShouldBe([quangTri]);
        ofQuangTri.Length.ShouldBe(2);
        Cases(await Feed("hai-phong-partner")).ShouldBe([haiPhong]);
        // By agency: the Đồng Thuận committee works on neither case.
        (await Feed("dong-thuan-partner")).ShouldBeEmpty();
        // By type: only the verifications, of both provinces.
        var verifications = await Feed("verifications-only");
        verifications.Select(e => e.GetProperty("type").GetString()).ShouldAllBe(t => t == "vn.childprotection.case.verified.v1");
        Cases(verifications).ShouldBe([quangTri, haiPhong], ignoreOrder: true);
    }

    [Fact]
    public async Task an_agency_grant_follows_the_cases_the_agency_works_on()
    {
        var dongThuan = await new CaseApi(App, "ubnd-dong-thuan").Report(Bodies.Report("dong-thuan-ward"));
        var elsewhere = await _api.Report(Bodies.Report("dong-hoi-ward"));
        await Handoffs.HandoffApi.Eventually(async () => Cases(await Feed("stats-office")).Length >= 2, "both reports on the feed", seconds: 30);
        Cases(await Feed("dong-thuan-partner")).ShouldBe([dongThuan]);
        Cases(await Feed("quang-tri-partner")).ShouldBe([dongThuan, elsewhere], ignoreOrder: true);
    }

    [Fact]
    public async Task an_integrator_without_a_grant_reads_nothing_and_registers_nothing()
    {
        var feed = await (await Integrator("no-grant-office").GetAsync("/api/feed")).ShouldHave(HttpStatusCode.Forbidden);
        feed.Detail().ShouldContain("no grant");
        await (await Integrator("no-grant-office").PostJson("/api/subscriptions", new CreateSubscription("https://x.example.org/hooks")))
            .ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_subscription_cannot_ask_for_more_than_the_grant()
    {
        var reported = await (await Integrator("verifications-only").PostJson("/api/subscriptions",
            new CreateSubscription("https://x.example.org/hooks", ["vn.childprotection.case.reported.v1"]))).ShouldHave(HttpStatusCode.Forbidden);
        reported.Detail().ShouldContain("case.reported");
        var identity = await (await Integrator("hai-phong-partner", IntegratorIdentity.Scope).PostJson("/api/subscriptions",
            new CreateSubscription("https://x.example.org/hooks"))).ShouldHave(HttpStatusCode.Forbidden);
        identity.Detail().ShouldContain("identity");
        // Within the grant: accepted.
        await (await Integrator("verifications-only").PostJson("/api/subscriptions",
            new CreateSubscription("https://x.example.org/hooks", ["vn.childprotection.case.verified.v1"]))).ShouldHave(HttpStatusCode.Created);
    }

    [Fact]
    public async Task identity_is_withheld_when_the_grant_does_not_include_it_and_a_feed_read_that_carries_it_is_in_the_access_log()
    {
        var caseId = await new CaseApi(App, "ubnd-hong-bang").Report(Bodies.Report("hong-bang-ward", ageYears: 5, childName: "Phạm Minh Khoa"));
        await new CaseApi(App, "ubnd-hong-bang").ConsentGiven(caseId, ConsentGiver.Parent);
        await Handoffs.HandoffApi.Eventually(async () => Cases(await Feed("hai-phong-partner")).Contains(caseId), "the report on the feed", seconds: 30);

        var notGranted = (await Feed("hai-phong-partner", IntegratorIdentity.Scope)).Single(e => e.GetProperty("type").GetString()!.EndsWith("case.reported.v1"));
        notGranted.GetProperty("identitywithheld").GetString().ShouldBe(IntegratorIdentity.NotGranted);
        notGranted.GetRawText().ShouldNotContain("Phạm Minh Khoa");
        (await AccessLog(caseId)).ShouldNotContain(e => e.GetProperty("read").GetString() == "feed");

        var granted = (await Feed("stats-office", IntegratorIdentity.Scope)).Single(e => e.GetProperty("subject").GetString() == caseId.ToString()
            && e.GetProperty("type").GetString()!.EndsWith("case.reported.v1"));
        granted.GetProperty("data").GetProperty("identity").GetProperty("name").GetString().ShouldBe("Phạm Minh Khoa");
        var logged = (await AccessLog(caseId)).Single(e => e.GetProperty("read").GetString() == "feed");
        logged.GetProperty("agency").GetString().ShouldBe("stats-office");
        logged.GetProperty("role").GetString().ShouldBe(Roles.Integrator);
        logged.GetProperty("purpose").GetString().ShouldBe(IntegratorIdentity.Purpose);
        logged.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldContain("child.name");
    }

    private async Task<JsonElement[]> AccessLog(Guid caseId) =>
        (await (await App.Client(Roles.Auditor, AppFixture.NationalInspectorate).GetAsync($"/api/cases/{caseId}/access-log?pageSize=100"))
            .ShouldHave(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();

    // Pure: what a grant reaches and what a malformed one says.

    private static CaseParties Parties(string? province, string? reporting = null, string commune = "c1") =>
        new(reporting, new HashSet<string>(), commune, province, new HashSet<string> { commune });

    [Fact]
    public void a_province_grant_reaches_the_cases_owned_in_its_provinces_only()
    {
        var scope = FeedScope.Of(new IntegratorGrant { Provinces = ["44"] });
        scope.Reaches(Parties("44"), new Dictionary<string, Agency>()).ShouldBeTrue();
        scope.Reaches(Parties("31"), new Dictionary<string, Agency>()).ShouldBeFalse();
        scope.Reaches(null, new Dictionary<string, Agency>()).ShouldBeFalse();
        FeedScope.Of(new IntegratorGrant { National = true }).Reaches(null, new Dictionary<string, Agency>()).ShouldBeTrue();
        FeedScope.Of(new IntegratorGrant { Agencies = ["hotline-111"] }).Reaches(Parties("31", reporting: "hotline-111"), new Dictionary<string, Agency>()).ShouldBeTrue();
        FeedScope.Nothing.Reaches(Parties("44"), new Dictionary<string, Agency>()).ShouldBeFalse();
    }

    [Fact]
    public void a_malformed_grant_is_named_at_start()
    {
        new IntegratorGrant().Problem("x").ShouldContain("names no province");
        new IntegratorGrant { National = true, Provinces = ["44"] }.Problem("x").ShouldContain("choose one");
        new IntegratorGrant { Provinces = ["99"] }.Problem("x").ShouldContain("'99'");
        new IntegratorGrant { National = true, EventTypes = ["case.reported"] }.Problem("x").ShouldContain("unknown event type");
        new IntegratorGrant { Provinces = ["44"], EventTypes = ["vn.childprotection.case.reported.v1"] }.Problem("x").ShouldBeNull();
    }
}
