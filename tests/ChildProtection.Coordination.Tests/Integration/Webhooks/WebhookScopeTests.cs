using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Integration;
using ChildProtection.Coordination.Integration.Webhooks;
using ChildProtection.Coordination.Tests.Support;
namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>Issue 18, scoped integrators on webhooks: deliveries follow the subscribing agency's grant, and identity that leaves is logged.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookScopeTests(WebhookFixture app)
{
    [Fact]
    public async Task an_integrator_of_one_province_never_receives_another_provinces_events()
    {
        await using var quangTriReceiver = await WebhookReceiver.StartAsync();
        await using var haiPhongReceiver = await WebhookReceiver.StartAsync();
        var quangTriSubscription = await app.Subscribe(quangTriReceiver.Url, agency: "quang-tri-partner");
        var haiPhongSubscription = await app.Subscribe(haiPhongReceiver.Url, agency: "hai-phong-partner");

        // Hải Phòng's case first: once Quảng Trị's receiver has Quảng Trị's case, the fan-out has passed both.
        var haiPhong = await new CaseApi(app, "ubnd-hong-bang").Report(Bodies.Report("hong-bang-ward"));
        var quangTri = await new CaseApi(app).Report(Bodies.Report("dong-hoi-ward"));
        await WebhookFixture.Eventually(() => quangTriReceiver.AcceptedFor(quangTri).Count == 1, "Quảng Trị's report at Quảng Trị's receiver");
        await WebhookFixture.Eventually(() => haiPhongReceiver.AcceptedFor(haiPhong).Count == 1, "Hải Phòng's report at Hải Phòng's receiver");

        quangTriReceiver.Requests.ShouldNotContain(r => r.CaseId == haiPhong);
        haiPhongReceiver.Requests.ShouldNotContain(r => r.CaseId == quangTri);
        (await app.Deliveries(quangTriSubscription.Id, agency: "quang-tri-partner")).ShouldNotContain(d => d.CaseId == haiPhong);
        (await app.Deliveries(haiPhongSubscription.Id, agency: "hai-phong-partner")).ShouldNotContain(d => d.CaseId == quangTri);

        // A replay from the start sends only what the grant reaches, too.
        var client = app.Integrator("hai-phong-partner");
        var replay = await (await client.PostJson($"/api/subscriptions/{haiPhongSubscription.Id}/replay", new ReplayRequest(0))).ShouldHave(HttpStatusCode.Accepted);
        replay.GetProperty("deliveries").GetInt32().ShouldBeGreaterThan(0);
        (await app.Deliveries(haiPhongSubscription.Id, agency: "hai-phong-partner")).ShouldNotContain(d => d.CaseId == quangTri);
    }

    [Fact]
    public async Task a_delivery_that_carries_the_childs_identity_is_in_the_cases_access_log()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var granted = app.Host.Server.CreateClient();
        granted.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            AppFixture.Token(Roles.Integrator, "quang-tri-partner", scope: IntegratorIdentity.Scope));
        var created = await granted.PostJson("/api/subscriptions", new CreateSubscription(receiver.Url, ["vn.childprotection.case.reported.v1"]));
        var subscription = (await created.ShouldHave(HttpStatusCode.Created)).Deserialize<SubscriptionCreated>(Http.Json)!;
        subscription.IdentityScope.ShouldBeTrue();
        await (await granted.PostAsync($"/api/subscriptions/{subscription.Id}/pause", null)).ShouldHave(HttpStatusCode.OK);
        var cases = new CaseApi(app);
        var consented = await cases.Report(Bodies.Report(ageYears: 5, childName: "Võ Thị Lan"));
        await cases.ConsentGiven(consented, ConsentGiver.Parent);
        await (await granted.PostAsync($"/api/subscriptions/{subscription.Id}/resume", null)).ShouldHave(HttpStatusCode.OK);

        await WebhookFixture.Eventually(() => receiver.AcceptedFor(consented).Count == 1, "the report with identity");
        receiver.AcceptedFor(consented).Single().Event.GetProperty("data").GetProperty("identity").GetProperty("name").GetString().ShouldBe("Võ Thị Lan");
        var log = (await (await app.Client(Roles.Auditor, AppFixture.NationalInspectorate).GetAsync($"/api/cases/{consented}/access-log"))
            .ShouldHave(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
        var entry = log.Single(e => e.GetProperty("read").GetString() == "webhook");
        entry.GetProperty("agency").GetString().ShouldBe("quang-tri-partner");
        entry.GetProperty("userId").GetString().ShouldBe($"webhook:{subscription.Id}");
        entry.GetProperty("purpose").GetString().ShouldBe(IntegratorIdentity.Purpose);
    }
}
