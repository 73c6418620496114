using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Integration.Webhooks;
namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>
/// What a receiver's answer may and may not make the service do: a redirect is a failed attempt and is not followed,
/// 410 Gone pauses the subscription, Retry-After is waited for; and a secret rotation keeps both secrets signing
/// during the overlap.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookSafetyTests(WebhookFixture app) : IAsyncLifetime
{
    private WebhookReceiver receiver = null!;
    private readonly CaseApi cases = new(app);

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    private async Task<SubscriptionView> Subscription(Guid id)
    {
        var response = await app.Integrator().GetAsync($"/api/subscriptions/{id}");
        await response.ShouldHave(HttpStatusCode.OK);
        return await response.Read<SubscriptionView>();
    }

    [Fact]
    public async Task a_redirect_is_a_failed_attempt_and_is_never_followed()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync();
        receiver.Answer = () => 307;
        receiver.AnswerHeaders = () => new Dictionary<string, string> { ["Location"] = elsewhere.Url };
        var subscription = await app.Subscribe(receiver.Url);
        var caseId = await cases.Report(Bodies.Report());

        await WebhookFixture.Eventually(() => receiver.Requests.Count(r => r.CaseId == caseId) >= 2, "the redirecting receiver asked twice");
        var head = (await app.Deliveries(subscription.Id)).Single(d => d.CaseId == caseId);
        head.State.ShouldBe(DeliveryState.Retrying);
        head.Attempts.ShouldAllBe(a => a.StatusCode == 307);
        elsewhere.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_410_gone_pauses_the_subscription_and_a_resume_sends_what_waited()
    {
        receiver.Answer = () => 410;
        var subscription = await app.Subscribe(receiver.Url);
        var caseId = await cases.Report(Bodies.Report());

        await WebhookFixture.Eventually(async () => (await Subscription(subscription.Id)).Paused, "the subscription paused by the 410");
        (await Subscription(subscription.Id)).PausedReason.ShouldNotBeNull().ShouldContain("410");
        var asked = receiver.Requests.Count(r => r.CaseId == caseId);
        asked.ShouldBe(1);

        receiver.Answer = () => 204;
        await (await app.Integrator().PostJson($"/api/subscriptions/{subscription.Id}/resume", new { })).ShouldHave(HttpStatusCode.OK);
        await WebhookFixture.Eventually(() => receiver.AcceptedFor(caseId).Count == 1, "the report delivered after the resume");
        (await Subscription(subscription.Id)).PausedReason.ShouldBeNull();
    }

    [Fact]
    public async Task retry_after_is_waited_for_before_the_next_attempt()
    {
        var answered = 0;
        receiver.Answer = () => Interlocked.Increment(ref answered) == 1 ? 503 : 204;
        receiver.AnswerHeaders = () => answered <= 1 ? new Dictionary<string, string> { ["Retry-After"] = "2" } : new Dictionary<string, string>();
        var subscription = await app.Subscribe(receiver.Url);
        var caseId = await cases.Report(Bodies.Report());

        await WebhookFixture.Eventually(() => receiver.AcceptedFor(caseId).Count == 1, "the report delivered after the wait");
        var attempts = (await app.Deliveries(subscription.Id)).Single(d => d.CaseId == caseId).Attempts;
        attempts.Count.ShouldBe(2);
        attempts[0].StatusCode.ShouldBe(503);
        // The fixture's own backoff is 0.2 s; the receiver asked for 2 s.
        (attempts[1].At - attempts[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task after_a_rotation_deliveries_verify_with_the_old_secret_and_the_new_one()
    {
        var subscription = await app.Subscribe(receiver.Url);
        var rotation = await app.Integrator().PostRaw($"/api/subscriptions/{subscription.Id}/secret", "");
        await rotation.ShouldHave(HttpStatusCode.OK);
        var rotated = await rotation.Read<SecretRotated>();
        rotated.Secret.ShouldNotBe(subscription.Secret);
        rotated.PreviousSecretValidUntil.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        (await Subscription(subscription.Id)).PreviousSecretValidUntil.ShouldBe(rotated.PreviousSecretValidUntil);

        var caseId = await cases.Report(Bodies.Report());
        await WebhookFixture.Eventually(() => receiver.AcceptedFor(caseId).Count == 1, "the report delivered");
        var delivered = receiver.AcceptedFor(caseId)[0];
        WebhookReceiver.SignatureVerifies(subscription.Secret, delivered.Id, delivered.Timestamp, delivered.Body, delivered.Signature).ShouldBeTrue();
        WebhookReceiver.SignatureVerifies(rotated.Secret, delivered.Id, delivered.Timestamp, delivered.Body, delivered.Signature).ShouldBeTrue();
    }

    [Fact]
    public async Task a_rotation_with_a_bad_secret_is_a_400_and_another_agencys_subscription_a_404()
    {
        var subscription = await app.Subscribe("https://stats.example.org/hooks");
        var bad = await (await app.Integrator().PostRaw($"/api/subscriptions/{subscription.Id}/secret", """{"secret":"whsec_c2hvcnQ="}""")).ShouldHave(HttpStatusCode.BadRequest);
        bad.GetProperty("field").GetString().ShouldBe("secret");
        await (await app.Integrator().PostRaw($"/api/subscriptions/{subscription.Id}/secret", "{not json")).ShouldHave(HttpStatusCode.BadRequest);
        await (await app.Integrator().PostRaw($"/api/subscriptions/{subscription.Id}/secret", "{\"secret\":\"whsec_\u0000\"}")).ShouldHave(HttpStatusCode.BadRequest);
        await (await app.Integrator().PostRaw($"/api/subscriptions/{subscription.Id}/secret", $"{{\"secret\":\"{new string('a', 1_000_000)}\"}}")).ShouldHave(HttpStatusCode.BadRequest);
        await (await app.Integrator("police-system").PostRaw($"/api/subscriptions/{subscription.Id}/secret", "")).ShouldHave(HttpStatusCode.NotFound);

        var given = WebhookSecret.Generate();
        var rotated = await (await app.Integrator().PostRaw($"/api/subscriptions/{subscription.Id}/secret", $$"""{"secret":"{{given}}"}""")).Read<SecretRotated>();
        rotated.Secret.ShouldBe(given);
    }
}
