using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Integration;
using ChildProtection.Coordination.Integration.Webhooks;
using Marten;
namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>Webhooks end to end: cases are worked through the API and a real receiver on 127.0.0.1 gets their events.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookFixture app) : IAsyncLifetime
{
    private WebhookReceiver receiver = null!;
    private readonly CaseApi cases = new(app);

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    /// <summary>A case with four published events: reported, crime report recorded, verified, risk assessed.</summary>
    private async Task<Guid> WorkedCase(string childName = "Nguyễn Thị Mai")
    {
        var caseId = await cases.Report(Bodies.Report(childName: childName));
        await cases.Step(Roles.PoliceOfficer, $"/api/cases/{caseId}/crime-report", Bodies.CrimeReport());
        await cases.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());
        await cases.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());
        return caseId;
    }

    /// <summary>The case's published events as the feed gives them, in order.</summary>
    private async Task<CloudEvent[]> Published(Guid caseId)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(caseId)).Select(GetFeedEndpoint.ToCloudEvent).OfType<CloudEvent>().ToArray();
    }

    /// <summary>Every published event of the case was accepted by the receiver, first arrivals in the case's order.</summary>
    private async Task AllArrivedInOrder(Guid caseId)
    {
        var expected = (await Published(caseId)).Select(e => e.Id).ToArray();
        expected.Length.ShouldBeGreaterThanOrEqualTo(4);
        await WebhookFixture.Eventually(() => receiver.AcceptedFor(caseId).Count >= expected.Length, $"all {expected.Length} events of case {caseId}");
        receiver.AcceptedFor(caseId).Select(r => r.Id).ShouldBe(expected);
    }

    [Fact]
    public async Task every_event_of_each_case_arrives_signed_and_in_the_cases_order()
    {
        await using var verificationsReceiver = await WebhookReceiver.StartAsync();
        var subscription = await app.Subscribe(receiver.Url);
        var verifiedOnly = await app.Subscribe(verificationsReceiver.Url, ["vn.childprotection.case.verified.v1"]);
        var report = Bodies.Report();
        var worked = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => WorkedCase()));

        foreach (var caseId in worked) await AllArrivedInOrder(caseId);

        var mine = receiver.Requests.Where(r => worked.Contains(r.CaseId)).ToList();
        mine.ShouldAllBe(r => WebhookReceiver.SignatureVerifies(subscription.Secret, r.Id, r.Timestamp, r.Body, r.Signature));
        mine.ShouldAllBe(r => !WebhookReceiver.SignatureVerifies(verifiedOnly.Secret, r.Id, r.Timestamp, r.Body, r.Signature));
        mine.ShouldAllBe(r => r.Event.GetProperty("id").GetString() == r.Id && r.Event.GetProperty("specversion").GetString() == "1.0");
        mine.ShouldAllBe(r => !r.Body.Contains(report.Child.Name) && !r.Body.Contains(report.Child.School!) && !r.Body.Contains(report.Incident.Description));

        // The filtered subscription gets the verifications, and only them, signed with its own secret.
        await WebhookFixture.Eventually(() => worked.All(c => verificationsReceiver.AcceptedFor(c).Count == 1), "the three verifications");
        var verifications = verificationsReceiver.Requests.Where(r => worked.Contains(r.CaseId)).ToList();
        verifications.ShouldAllBe(r => r.Event.GetProperty("type").GetString() == "vn.childprotection.case.verified.v1");
        verifications.ShouldAllBe(r => WebhookReceiver.SignatureVerifies(verifiedOnly.Secret, r.Id, r.Timestamp, r.Body, r.Signature));
    }

    [Fact]
    public async Task a_receiver_failing_for_a_while_then_recovering_loses_nothing_and_keeps_the_order()
    {
        var recoversAt = DateTimeOffset.UtcNow.AddSeconds(2.5);
        receiver.Answer = () => DateTimeOffset.UtcNow < recoversAt ? 500 : 204;
        var subscription = await app.Subscribe(receiver.Url);
        const string childName = "Đặng Thị Thu Hà";
        var worked = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => WorkedCase(childName)));

        foreach (var caseId in worked) await AllArrivedInOrder(caseId);

        // The failures were logged, by ids and status, and no log line names the child.
        app.Logs.Lines.ShouldContain(l => l.Contains("failed (500)") && l.Contains(subscription.Id.ToString()));
        app.Logs.Lines.ShouldNotContain(l => l.Contains(childName));

        receiver.Requests.Where(r => worked.Contains(r.CaseId)).ShouldContain(r => r.Answered == 500);
        var deliveries = await app.Deliveries(subscription.Id);
        var retried = deliveries.Where(d => worked.Contains(d.CaseId) && d.Attempts.Count > 1).ToList();
        retried.ShouldNotBeEmpty();
        retried.ShouldAllBe(d => d.State == DeliveryState.Delivered && d.Attempts.First().StatusCode == 500 && d.Attempts.Last().StatusCode == 204);
        // While a case's first event was failing, its later events waited: none was attempted before it was delivered.
        foreach (var caseId in worked)
        {
            var ofCase = deliveries.Where(d => d.CaseId == caseId).OrderBy(d => d.Sequence).ToList();
            // (The case may have gained events since — a clock, a hand-off — whose deliveries are not attempted yet.)
            for (var i = 1; i < ofCase.Count; i++)
                if (ofCase[i].Attempts.Count > 0)
                    ofCase[i].Attempts[0].At.ShouldBeGreaterThanOrEqualTo(ofCase[i - 1].DeliveredAt.ShouldNotBeNull());
        }
    }

    /// <summary>
    /// An unreachable receiver is an integrator's outage, not the service's fault: each failed attempt is the project's
    /// one line, with no stack trace, and the delivery client adds nothing of its own (IHttpClientFactory's request
    /// logging once wrote four lines per attempt, two with an HttpRequestException's whole stack). The fixture lets
    /// System.Net.Http.HttpClient log at Trace, as an operator's configuration might.
    /// </summary>
    [Fact]
    public async Task a_delivery_to_an_unreachable_receiver_logs_one_line_per_attempt_and_no_stack_trace()
    {
        var unreachable = $"http://127.0.0.1:{ServiceProcess.FreePort()}/hooks/{Guid.NewGuid():N}";
        var subscription = await app.Subscribe(unreachable);
        await cases.Report(Bodies.Report());
        await WebhookFixture.Eventually(async () => (await app.Deliveries(subscription.Id)).Sum(d => d.Attempts.Count) >= 2, "two failed attempts");
        await (await app.Integrator().PostAsync($"/api/subscriptions/{subscription.Id}/pause", null)).ShouldHave(HttpStatusCode.OK);
        await Task.Delay(1000);

        var attempts = (await app.Deliveries(subscription.Id)).Sum(d => d.Attempts.Count);
        var lines = app.Logs.Lines.ToArray();
        lines.ShouldNotContain(l => l.Contains("System.Net.Http.HttpClient." + SendWebhookHandler.HttpClientName + "."));
        lines.ShouldNotContain(l => l.Contains(unreachable));
        var mine = lines.Where(l => l.Contains(subscription.Id.ToString())).ToList();
        mine.Count.ShouldBe(attempts);
        mine.ShouldAllBe(l => l.Contains(" ChildProtection.Coordination.Integration.Webhooks.WebhookDelivery: ") && !l.Contains("Exception") && !l.Contains("   at "));
    }

    [Fact]
    public async Task a_paused_subscription_sends_nothing_and_catches_up_in_order_on_resume()
    {
        var subscription = await app.Subscribe(receiver.Url);
        (await (await app.Integrator().PostAsync($"/api/subscriptions/{subscription.Id}/pause", null)).ShouldHave(HttpStatusCode.OK))
            .GetProperty("paused").GetBoolean().ShouldBeTrue();
        var caseId = await WorkedCase();

        await WebhookFixture.Eventually(async () => (await app.Deliveries(subscription.Id)).Count(d => d.CaseId == caseId) >= 4, "the queued deliveries");
        await Task.Delay(1500);
        receiver.Requests.ShouldNotContain(r => r.CaseId == caseId);

        await (await app.Integrator().PostAsync($"/api/subscriptions/{subscription.Id}/resume", null)).ShouldHave(HttpStatusCode.OK);
        await AllArrivedInOrder(caseId);
    }

    [Fact]
    public async Task a_delivery_failing_past_the_retry_window_is_dead_lettered_holds_back_its_case_and_is_redriven_in_order()
    {
        using var counters = new CounterCapture();
        receiver.Answer = () => 503;
        var subscription = await app.Subscribe(receiver.Url);
        var caseId = await WorkedCase();

        DeliveryView[] parked = [];
        await WebhookFixture.Eventually(async () => (parked = await app.Deliveries(subscription.Id, "dead-letters")).Any(d => d.CaseId == caseId),
            "the case's first event dead-lettered");
        var first = parked.Single(d => d.CaseId == caseId);
        first.Type.ShouldBe("vn.childprotection.case.reported.v1");
        first.Attempts.Count.ShouldBeGreaterThan(2);
        first.Attempts.ShouldAllBe(a => a.StatusCode == 503);
        (first.Attempts[^1].At - first.Attempts[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(4));
        // The case's later events wait behind it and were never sent.
        (await app.Deliveries(subscription.Id)).Where(d => d.CaseId == caseId && d.Id != first.Id).ShouldAllBe(d => d.State == DeliveryState.Pending && d.Attempts.Count == 0);

        receiver.Answer = () => 200;
        (await (await app.Integrator().PostAsync($"/api/subscriptions/{subscription.Id}/dead-letters/redrive", null)).ShouldHave(HttpStatusCode.Accepted))
            .GetProperty("deliveries").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        await AllArrivedInOrder(caseId);
        (await app.Deliveries(subscription.Id, "dead-letters")).ShouldNotContain(d => d.CaseId == caseId);
        counters["cp.webhooks.failed"].ShouldBeGreaterThanOrEqualTo(first.Attempts.Count);
        counters["cp.webhooks.dead_lettered"].ShouldBeGreaterThanOrEqualTo(1);
        counters["cp.webhooks.delivered"].ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task a_replay_sends_the_events_after_a_cursor_again()
    {
        var subscription = await app.Subscribe(receiver.Url);
        var caseId = await WorkedCase();
        await AllArrivedInOrder(caseId);
        var published = await Published(caseId);

        var response = await app.Integrator().PostJson($"/api/subscriptions/{subscription.Id}/replay", new ReplayRequest(long.Parse(published[1].Sequence)));
        (await response.ShouldHave(HttpStatusCode.Accepted)).GetProperty("deliveries").GetInt32().ShouldBeGreaterThanOrEqualTo(2);

        var replayed = published.Skip(2).Select(e => e.Id).ToArray();
        await WebhookFixture.Eventually(() => receiver.Requests.Count(r => r.CaseId == caseId) >= published.Length + replayed.Length, "the replayed events");
        receiver.Requests.Where(r => r.CaseId == caseId).Skip(published.Length).Select(r => r.Id).ShouldBe(replayed);
    }

    [Fact]
    public async Task deleting_a_subscription_stops_its_deliveries()
    {
        var subscription = await app.Subscribe(receiver.Url);
        await (await app.Integrator().DeleteAsync($"/api/subscriptions/{subscription.Id}")).ShouldHave(HttpStatusCode.NoContent);
        var caseId = await WorkedCase();
        await (await app.Integrator().GetAsync($"/api/subscriptions/{subscription.Id}")).ShouldHave(HttpStatusCode.NotFound);
        await Task.Delay(2000);
        // Signed with the deleted subscription's secret: another test's live subscription may point at a receiver that
        // had this receiver's port before, and it rightly gets the case.
        receiver.Requests.ShouldNotContain(r => r.CaseId == caseId && WebhookReceiver.SignatureVerifies(subscription.Secret, r.Id, r.Timestamp, r.Body, r.Signature));
    }

    [Fact]
    public async Task a_subscription_registered_with_identity_scope_carries_the_childs_identity_only_where_consent_permits()
    {
        const string Consented = "Trần Văn An", Refused = "Lê Thị Hoa";
        var granted = app.Host.Server.CreateClient();
        granted.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            AppFixture.Token(Roles.Integrator, "stats-office", scope: IntegratorIdentity.Scope));
        await using var plainReceiver = await WebhookReceiver.StartAsync();
        var reportedOnly = new[] { "vn.childprotection.case.reported.v1" };
        var created = await granted.PostJson("/api/subscriptions", new CreateSubscription(receiver.Url, reportedOnly));
        await created.ShouldHave(HttpStatusCode.Created);
        var withIdentity = await created.Read<SubscriptionCreated>();
        withIdentity.IdentityScope.ShouldBeTrue();
        var plain = await app.Subscribe(plainReceiver.Url, reportedOnly);
        plain.IdentityScope.ShouldBeFalse();
        // Consent is read when sending: hold the deliveries until it is on record.
        await (await granted.PostAsync($"/api/subscriptions/{withIdentity.Id}/pause", null)).ShouldHave(HttpStatusCode.OK);

        var consented = await cases.Report(Bodies.Report(ageYears: 5, childName: Consented));
        await cases.ConsentGiven(consented, Coordination.Cases.Identity.ConsentGiver.Parent);
        var refused = await cases.Report(Bodies.Report(ageYears: 5, childName: Refused));
        await (await granted.PostAsync($"/api/subscriptions/{withIdentity.Id}/resume", null)).ShouldHave(HttpStatusCode.OK);

        await WebhookFixture.Eventually(() => receiver.AcceptedFor(consented).Count == 1 && receiver.AcceptedFor(refused).Count == 1,
            "the two reports on the identity subscription");
        var released = receiver.AcceptedFor(consented).Single();
        released.Event.GetProperty("data").GetProperty("identity").GetProperty("name").GetString().ShouldBe(Consented);
        WebhookReceiver.SignatureVerifies(withIdentity.Secret, released.Id, released.Timestamp, released.Body, released.Signature).ShouldBeTrue();
        var withheld = receiver.AcceptedFor(refused).Single();
        withheld.Event.GetProperty("identitywithheld").GetString().ShouldBe(IntegratorIdentity.NoConsent);
        withheld.Body.ShouldNotContain(Refused);

        await WebhookFixture.Eventually(() => plainReceiver.AcceptedFor(consented).Count == 1, "the report on the plain subscription");
        plainReceiver.AcceptedFor(consented).Single().Body.ShouldNotContain(Consented);
    }
}
