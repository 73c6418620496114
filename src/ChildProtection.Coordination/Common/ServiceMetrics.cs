using System.Diagnostics.Metrics;

namespace ChildProtection.Coordination.Common;

/// <summary>
/// The service's own metrics, exported with OpenTelemetry beside Wolverine's, Marten's and the runtime's.
/// Tags carry only low-cardinality facts (a channel, a task, an outcome): never a case id, a name or anything
/// about a child.
/// </summary>
public static class ServiceMetrics
{
    public const string MeterName = "ChildProtection.Coordination";
    public static readonly Meter Meter = new(MeterName);

    /// <summary>Reports received (Form 01), tagged <c>channel</c>.</summary>
    public static readonly Counter<long> CasesReported =
        Meter.CreateCounter<long>("cp.cases.reported", "{case}", "Cases reported, by channel.");

    /// <summary>Work handed to an agency (by the pathway, a referral, a send-on or an escalation), tagged <c>task</c>.</summary>
    public static readonly Counter<long> HandoffsRequested =
        Meter.CreateCounter<long>("cp.handoffs.requested", "{handoff}", "Hand-offs requested, by task.");

    /// <summary>Hand-offs the receiving agency accepted or declined, tagged <c>outcome</c> (accepted, declined).</summary>
    public static readonly Counter<long> HandoffsAnswered =
        Meter.CreateCounter<long>("cp.handoffs.answered", "{handoff}", "Hand-offs accepted or declined, by outcome.");

    /// <summary>Legal clocks that fell due with the work still open, tagged <c>task</c>.</summary>
    public static readonly Counter<long> ClockBreaches =
        Meter.CreateCounter<long>("cp.clocks.breached", "{breach}", "Legal clocks breached, by task.");

    /// <summary>Webhook delivery outcomes (Integration/Webhooks).</summary>
    public static readonly Counter<long> WebhooksDelivered = Meter.CreateCounter<long>("cp.webhooks.delivered", description: "Webhook deliveries the receiver answered with 2xx.");
    public static readonly Counter<long> WebhooksFailed = Meter.CreateCounter<long>("cp.webhooks.failed", description: "Webhook delivery attempts that failed (non-2xx, timeout, connection error).");
    public static readonly Counter<long> WebhooksDeadLettered = Meter.CreateCounter<long>("cp.webhooks.dead_lettered", description: "Webhook deliveries parked after the retry window.");
}
