using System.Diagnostics.Metrics;

namespace ChildProtection.Coordination.Operations;

/// <summary>The service's own meter. Counters carry ids and outcomes only, never a child's identity.</summary>
public static class ServiceMetrics
{
    public const string MeterName = "ChildProtection.Coordination";

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> WebhooksDelivered = Meter.CreateCounter<long>("cp.webhooks.delivered", description: "Webhook deliveries the receiver answered with 2xx.");
    public static readonly Counter<long> WebhooksFailed = Meter.CreateCounter<long>("cp.webhooks.failed", description: "Webhook delivery attempts that failed (non-2xx, timeout, connection error).");
    public static readonly Counter<long> WebhooksDeadLettered = Meter.CreateCounter<long>("cp.webhooks.dead_lettered", description: "Webhook deliveries parked after the retry window.");
}
