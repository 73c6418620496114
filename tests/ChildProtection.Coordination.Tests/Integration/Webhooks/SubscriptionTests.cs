using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Integration.Webhooks;
namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>Registering and managing subscriptions: what is accepted, who sees what, and that the secret is shown once.</summary>
[Collection(WebhookCollection.Name)]
public sealed class SubscriptionTests(WebhookFixture app)
{
    [Theory]
    [InlineData("not a url", null, null, "url")]
    [InlineData("ftp://example.org/hook", null, null, "url")]
    [InlineData("/relative/hook", null, null, "url")]
    [InlineData("http://stats.example.org/hook", null, null, "url")]
    [InlineData("https://169.254.169.254/latest/meta-data", null, null, "url")]
    [InlineData("https://10.1.2.3/hook", null, null, "url")]
    [InlineData("https://[fd00::1]/hook", null, null, "url")]
    [InlineData("https://user:secret@stats.example.org/hook", null, null, "url")]
    [InlineData("https://example.org/hook", "vn.childprotection.case.nonsense.v1", null, "eventTypes")]
    [InlineData("https://example.org/hook", null, "whsec_c2hvcnQ=", "secret")]
    [InlineData("https://example.org/hook", null, "not-a-secret", "secret")]
    public async Task a_bad_registration_is_a_400_naming_the_field(string url, string? eventType, string? secret, string field)
    {
        var body = new CreateSubscription(url, eventType is null ? null : [eventType], secret);
        var problem = await (await app.Integrator().PostJson("/api/subscriptions", body)).ShouldHave(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task a_url_longer_than_2048_characters_is_a_400_naming_url()
    {
        var tooLong = "https://stats.example.org/hooks/" + new string('a', 19_000);
        var problem = await (await app.Integrator().PostJson("/api/subscriptions", new CreateSubscription(tooLong))).ShouldHave(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("url");
        problem.GetProperty("detail").GetString()!.Length.ShouldBeLessThan(200);

        var longest = "https://stats.example.org/hooks/" + new string('a', Subscriptions.MaxUrlLength - "https://stats.example.org/hooks/".Length);
        (await app.Subscribe(longest)).Url.ShouldBe(longest);
        await (await app.Integrator().PostJson("/api/subscriptions", new CreateSubscription(longest + "a"))).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_missing_body_or_url_is_a_400_not_a_server_error()
    {
        await (await app.Integrator().PostRaw("/api/subscriptions", "{}")).ShouldHave(HttpStatusCode.BadRequest);
        await (await app.Integrator().PostRaw("/api/subscriptions/" + Guid.NewGuid() + "/replay", "{}")).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_id_that_is_not_a_guid_or_a_bad_cursor_is_refused_without_a_server_error()
    {
        await (await app.Integrator().GetAsync("/api/subscriptions/not-a-guid")).ShouldHave(HttpStatusCode.NotFound);
        var created = await app.Subscribe("https://stats.example.org/hooks");
        var problem = await (await app.Integrator().PostJson($"/api/subscriptions/{created.Id}/replay", new ReplayRequest(-1))).ShouldHave(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("after");
        await (await app.Integrator().PostRaw($"/api/subscriptions/{created.Id}/replay", "{}")).ShouldHave(HttpStatusCode.BadRequest);
        await (await app.Integrator().GetAsync($"/api/subscriptions/{created.Id}/deliveries?limit=0")).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_generated_secret_is_returned_once_and_never_again()
    {
        var created = await app.Subscribe("https://stats.example.org/hooks");
        WebhookSecret.Key(created.Secret).ShouldNotBeNull().Length.ShouldBeGreaterThanOrEqualTo(24);
        created.EventTypes.ShouldBeEmpty();

        var one = await (await app.Integrator().GetAsync($"/api/subscriptions/{created.Id}")).ShouldHave(HttpStatusCode.OK);
        var all = await (await app.Integrator().GetAsync("/api/subscriptions")).ShouldHave(HttpStatusCode.OK);
        one.GetRawText().ShouldNotContain(created.Secret);
        all.GetRawText().ShouldNotContain(created.Secret);
        one.TryGetProperty("secret", out _).ShouldBeFalse();
        all.EnumerateArray().ShouldContain(s => s.GetProperty("id").GetGuid() == created.Id);
    }

    [Fact]
    public async Task a_given_secret_is_kept()
    {
        var secret = "whsec_" + Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray());
        (await app.Subscribe("https://stats.example.org/hooks", ["vn.childprotection.case.reported.v1"], secret)).Secret.ShouldBe(secret);
    }

    [Fact]
    public async Task an_integrator_sees_only_its_own_agencys_subscriptions()
    {
        var theirs = await app.Subscribe("https://police.example.org/hooks", agency: "police-system");
        var other = app.Integrator("stats-office");

        await (await other.GetAsync($"/api/subscriptions/{theirs.Id}")).ShouldHave(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/subscriptions/{theirs.Id}/pause", null)).ShouldHave(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"/api/subscriptions/{theirs.Id}")).ShouldHave(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/subscriptions/{theirs.Id}/deliveries")).ShouldHave(HttpStatusCode.NotFound);
        (await (await other.GetAsync("/api/subscriptions")).ShouldHave(HttpStatusCode.OK)).EnumerateArray().ShouldNotContain(s => s.GetProperty("id").GetGuid() == theirs.Id);

        await (await app.Client("admin", "ministry").GetAsync($"/api/subscriptions/{theirs.Id}")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task subscriptions_are_for_integrators_and_admins()
    {
        await (await app.Client("commune-officer", "ubnd-x").GetAsync("/api/subscriptions")).ShouldHave(HttpStatusCode.Forbidden);
        await (await app.Client("auditor", "inspectorate").PostJson("/api/subscriptions", new CreateSubscription("https://x.example.org")))
            .ShouldHave(HttpStatusCode.Forbidden);
        await (await app.Client(null).GetAsync("/api/subscriptions")).ShouldHave(HttpStatusCode.Unauthorized);
    }
}
