using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marten;
using ChildProtection.Coordination.Cases.Access;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Integration.Webhooks;

/// <summary>
/// "Send what is due in this case's queue on this subscription." Messages for one (subscription, case) run one
/// at a time (a durable local queue partitioned by that pair, see <see cref="WebhookSetup"/>), and each looks at the stored queue
/// afresh, so a repeated or stale message is harmless: at most it finds nothing due. <paramref name="Now"/> sends a
/// retrying head without waiting for its scheduled time: the receiver has just answered again (<see cref="WakeSubscription"/>).
/// </summary>
public sealed record SendWebhook(Guid SubscriptionId, Guid CaseId, bool Now = false)
{
    public string QueueKey => $"{SubscriptionId:N}/{CaseId:N}";
}

public static class SendWebhookHandler
{
    public const string HttpClientName = "webhooks";

    /// <summary>
    /// A receiver's failure is an outcome, recorded and retried on the delivery's own schedule; an exception here is
    /// the service's (the database away, say). The message then keeps coming back rather than going to Wolverine's
    /// dead-letter table, where the case's queue would wait for a kick that might never come.
    /// </summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException().RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1))
            .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));

    public static async Task<OutgoingMessages> Handle(SendWebhook message, IDocumentSession session, IHttpClientFactory clients,
        IOptions<WebhookOptions> options, IOptionsMonitor<IntegrationOptions> grants, ICaseReadLog readLog, TimeProvider time,
        ILogger<WebhookDelivery> log, CancellationToken ct)
    {
        var next = new OutgoingMessages();
        if (await session.LoadAsync<WebhookSubscription>(message.SubscriptionId, ct) is not { Paused: false } subscription) return next;
        var head = await session.Query<WebhookDelivery>()
            .Where(d => d.SubscriptionId == message.SubscriptionId && d.CaseId == message.CaseId
                        && d.State != DeliveryState.Delivered && d.State != DeliveryState.Skipped)
            .OrderBy(d => d.Sequence).ThenBy(d => d.CreatedAt).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        if (head is null || !DeliveryOutcome.IsDue(head, now, ignoreSchedule: message.Now)) return next;
        var woken = message.Now;
        message = message with { Now = false };
        // The receiver asked for quiet (Retry-After): nothing of this subscription goes before then, not even a wake.
        if (subscription.NotBefore > now)
        {
            next.Schedule(message, subscription.NotBefore.Value);
            return next;
        }

        var stored = await session.Events.LoadAsync(head.EventId, ct);
        // The grant is read again at each send: one narrowed since the fan-out stops what it no longer reaches.
        var scope = subscription.Scope(grants.CurrentValue);
        if (stored is null || GetFeedEndpoint.ToCloudEvent(stored) is not { } cloudEvent || !await new EventReach(session, now).ReachesAsync(scope, cloudEvent, ct))
        {
            head.State = DeliveryState.Skipped;
            session.Store(head);
            next.Add(message);
            return next;
        }

        // Identity only to a subscription registered with case:identity, while its grant includes it, and only where consent permits now.
        if (subscription.IdentityScope)
            cloudEvent = scope.Identity
                ? (await IntegratorIdentity.ApplyAsync(session, [cloudEvent], now, ct))[0]
                : IntegratorIdentity.Withhold([cloudEvent], IntegratorIdentity.NotGranted)[0];
        // A delivery that carries identity is in the case's access log before it leaves, once (at its first attempt, not at every retry).
        if (head.Attempts.Count == 0 && IntegratorIdentity.ReleasedTo([cloudEvent]) is { Count: > 0 } released)
            await readLog.RecordAsync(released, "webhook", new Auth.Actor($"webhook:{subscription.Id}", subscription.CreatedBy, subscription.Agency, Auth.Roles.Integrator),
                IntegratorIdentity.Purpose, IntegratorIdentity.Fields, stored.CorrelationId, ct);

        // The delivery continues the trace of the request (or pathway) that appended the event; HttpClient passes it on.
        using var activity = EventTrace.StartFrom(stored, "webhook delivery");
        activity?.SetTag("cp.webhook.subscription", subscription.Id.ToString());
        var (status, error, elapsed, retryAfter) = await PostAsync(clients, subscription, cloudEvent, now, ct);
        activity?.SetTag("http.response.status_code", status);
        var succeeded = status is >= 200 and < 300;
        // Not after a wake's own send: each of those would wake every case again.
        var recovered = succeeded && head.State == DeliveryState.Retrying && !woken;
        var notBefore = succeeded ? null : DeliveryOutcome.NotBefore(retryAfter, now, options.Value);
        DeliveryOutcome.Record(head, new DeliveryAttempt(now, status, error, elapsed), succeeded, options.Value, 0.8 + Random.Shared.NextDouble() * 0.4, notBefore);
        if (head.State == DeliveryState.Retrying) await ProbeAsync(session, head, now, options.Value, notBefore, ct);
        session.Store(head);
        if (notBefore is not null || status == StatusCodes.Status410Gone)
        {
            subscription.NotBefore = notBefore ?? subscription.NotBefore;
            // 410 Gone: the receiver says the address is no more. Sending stops (nothing is lost: the queue waits for a resume).
            if (status == StatusCodes.Status410Gone)
            {
                subscription.Paused = true;
                subscription.PausedReason = $"The receiver answered 410 Gone at {now:O}.";
                log.LogWarning("Webhook subscription {SubscriptionId} paused: its receiver answered 410 Gone", subscription.Id);
            }
            session.Store(subscription);
        }
        // A delivery that had failed went through: the receiver is back, so what waits on other cases goes now too
        // rather than on each one's backoff (up to MaxDelay).
        if (recovered) next.Add(new WakeSubscription(subscription.Id, Recovered: true));

        // Ids and outcomes only: the body may carry case facts and is never logged.
        switch (head.State)
        {
            case DeliveryState.Delivered:
                ServiceMetrics.WebhooksDelivered.Add(1);
                next.Add(message);
                break;
            case DeliveryState.Retrying:
                ServiceMetrics.WebhooksFailed.Add(1);
                log.LogInformation("Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed ({Status}); next attempt at {NextAttemptAt}",
                    head.Id, subscription.Id, status?.ToString() ?? error, head.NextAttemptAt);
                next.Schedule(message, head.NextAttemptAt!.Value);
                break;
            case DeliveryState.DeadLettered:
                ServiceMetrics.WebhooksFailed.Add(1);
                ServiceMetrics.WebhooksDeadLettered.Add(1);
                log.LogWarning("Webhook delivery {DeliveryId} to subscription {SubscriptionId} dead-lettered after {Attempts} attempts",
                    head.Id, subscription.Id, head.Attempts.Count);
                break;
        }
        return next;
    }

    /// <summary>
    /// Keeps one attempt on a failing subscription within <see cref="WebhookOptions.ProbeInterval"/>: when no other
    /// retrying delivery of the subscription is due that soon, this one is brought forward to be that probe. Its
    /// success wakes the rest, so a receiver that comes back gets its backlog within seconds, while the other cases
    /// keep their doubling backoff and a dead receiver sees one request per interval, not one per case.
    /// </summary>
    private static async Task ProbeAsync(IDocumentSession session, WebhookDelivery head, DateTimeOffset now, WebhookOptions options,
        DateTimeOffset? notBefore, CancellationToken ct)
    {
        var probeBy = now + options.ProbeInterval;
        if (notBefore > probeBy) return;
        if (head.NextAttemptAt <= probeBy) return;
        // Heads due within the next second are being attempted now and will decide for themselves.
        var busy = now.AddSeconds(1);
        var anotherProbe = await session.Query<WebhookDelivery>().AnyAsync(d => d.SubscriptionId == head.SubscriptionId
            && d.State == DeliveryState.Retrying && d.Id != head.Id && d.NextAttemptAt > busy && d.NextAttemptAt <= probeBy, ct);
        if (!anotherProbe) head.NextAttemptAt = probeBy;
    }

    private static async Task<(int? Status, string? Error, double Milliseconds, RetryConditionHeaderValue? RetryAfter)> PostAsync(IHttpClientFactory clients,
        WebhookSubscription subscription, CloudEvent cloudEvent, DateTimeOffset now, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(cloudEvent, CaseJson.Options);
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.Add("webhook-id", cloudEvent.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSecret.SignatureHeader(subscription.SigningSecrets(now), cloudEvent.Id, timestamp, body));

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return ((int)response.StatusCode, null, clock.Elapsed.TotalMilliseconds, response.Headers.RetryAfter);
        }
        // A shutdown is not the receiver's failure: the message stays in the durable inbox and runs again.
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException)
        {
            var reason = e is TaskCanceledException ? "timed out" : $"{(e as HttpRequestException)?.HttpRequestError}: {e.Message}";
            return (null, reason, clock.Elapsed.TotalMilliseconds, null);
        }
    }
}
