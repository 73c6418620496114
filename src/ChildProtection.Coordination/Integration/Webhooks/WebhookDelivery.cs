using System.Security.Cryptography;
using System.Text;
using System.Globalization;

namespace ChildProtection.Coordination.Integration.Webhooks;

public enum DeliveryState
{
    /// <summary>Not sent yet: waiting for its turn behind earlier events of the same case.</summary>
    Pending,
    /// <summary>Failed at least once; the next attempt is scheduled.</summary>
    Retrying,
    Delivered,
    /// <summary>Still failing when the retry window closed; holds back later events of its case until re-driven.</summary>
    DeadLettered,
    /// <summary>Nothing to send: the event no longer exists (the case was erased), or it is no longer within the subscription's grant.</summary>
    Skipped,
}

public sealed record DeliveryAttempt(DateTimeOffset At, int? StatusCode, string? Error, double DurationMs);

/// <summary>
/// One event on its way to one subscription. The deliveries of a case on a subscription form a queue in
/// feed order: only the oldest open one is sent; when it is delivered the next one goes.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>Derived from subscription, event and replay, so a fan-out that runs twice stores each delivery once.</summary>
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The event's id: the <c>webhook-id</c> and CloudEvents <c>id</c>, stable across retries and replays.</summary>
    public Guid EventId { get; set; }
    public long Sequence { get; set; }
    public string Type { get; set; } = "";
    public Guid? ReplayId { get; set; }
    public DeliveryState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstAttemptAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public List<DeliveryAttempt> Attempts { get; set; } = [];

    public bool IsOpen => State is DeliveryState.Pending or DeliveryState.Retrying or DeliveryState.DeadLettered;

    public static WebhookDelivery For(Guid subscriptionId, CloudEvent e, DateTimeOffset now, Guid? replayId = null)
    {
        var eventId = Guid.Parse(e.Id);
        return new()
        {
            Id = DeriveId(subscriptionId, eventId, replayId), SubscriptionId = subscriptionId, CaseId = Guid.Parse(e.Subject), EventId = eventId,
            Sequence = long.Parse(e.Sequence, CultureInfo.InvariantCulture), Type = e.Type, ReplayId = replayId, State = DeliveryState.Pending, CreatedAt = now,
        };
    }

    private static Guid DeriveId(Guid subscriptionId, Guid eventId, Guid? replayId) =>
        new(SHA256.HashData(Encoding.ASCII.GetBytes($"{subscriptionId:N}/{eventId:N}/{replayId:N}")).AsSpan(0, 16));
}

/// <summary>What happens to a delivery after an attempt: pure, so the schedule is tested without a receiver.</summary>
public static class DeliveryOutcome
{
    /// <summary>Records the attempt; after a failure, either the time of the next attempt or dead-lettering once the retry window has passed.</summary>
    /// <remarks>A failure's next attempt is never before <paramref name="notBefore"/>, the receiver's <c>Retry-After</c>.</remarks>
    public static void Record(WebhookDelivery delivery, DeliveryAttempt attempt, bool succeeded, WebhookOptions options, double jitter,
        DateTimeOffset? notBefore = null)
    {
        delivery.Attempts.Add(attempt);
        delivery.FirstAttemptAt ??= attempt.At;
        delivery.NextAttemptAt = null;
        if (succeeded)
        {
            delivery.State = DeliveryState.Delivered;
            delivery.DeliveredAt = attempt.At;
        }
        else if (attempt.At - delivery.FirstAttemptAt.Value >= options.RetryFor)
            delivery.State = DeliveryState.DeadLettered;
        else
        {
            delivery.State = DeliveryState.Retrying;
            var next = attempt.At + Backoff(delivery.Attempts.Count(a => a.At >= delivery.FirstAttemptAt.Value), options, jitter);
            delivery.NextAttemptAt = notBefore > next ? notBefore : next;
        }
    }

    /// <summary>
    /// When a receiver that answered <c>Retry-After</c> (seconds or a date) may be called again: not in the past, and
    /// at most <see cref="WebhookOptions.MaxRetryAfter"/> ahead. Null without the header.
    /// </summary>
    public static DateTimeOffset? NotBefore(System.Net.Http.Headers.RetryConditionHeaderValue? retryAfter, DateTimeOffset now, WebhookOptions options)
    {
        var asked = retryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date,
            _ => (DateTimeOffset?)null,
        };
        if (asked is null || asked <= now) return null;
        var latest = now + options.MaxRetryAfter;
        return asked > latest ? latest : asked;
    }

    /// <summary>The wait after the n-th failed attempt: doubling from the first delay, capped, scaled by <paramref name="jitter"/> (0.8–1.2).</summary>
    public static TimeSpan Backoff(int failures, WebhookOptions options, double jitter)
    {
        var doubled = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, options.MaxDelay.TotalMilliseconds) * jitter);
    }

    /// <summary>Whether the head of a case's queue should be sent now; <paramref name="ignoreSchedule"/> sends a retrying one early.</summary>
    public static bool IsDue(WebhookDelivery head, DateTimeOffset now, bool ignoreSchedule = false) => head.State switch
    {
        DeliveryState.Pending => true,
        // The scheduled poll may fire a moment before the recorded time.
        DeliveryState.Retrying => ignoreSchedule || head.NextAttemptAt is not { } next || next <= now.AddMilliseconds(500),
        _ => false,
    };

    /// <summary>Puts a parked delivery back in the queue with a fresh retry window.</summary>
    public static void Redrive(WebhookDelivery delivery)
    {
        delivery.State = DeliveryState.Pending;
        delivery.FirstAttemptAt = null;
        delivery.NextAttemptAt = null;
    }
}
