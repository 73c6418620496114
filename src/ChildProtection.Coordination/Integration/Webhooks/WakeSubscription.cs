using Marten;
using Wolverine;

namespace ChildProtection.Coordination.Integration.Webhooks;

/// <summary>
/// "Send what waits on this subscription": a resumed subscription looks again for queues left behind; after a
/// failing receiver answered again (<paramref name="Recovered"/>) the retrying heads go at once, not on their backoff.
/// </summary>
public sealed record WakeSubscription(Guid SubscriptionId, bool Recovered = false);

public static class WakeSubscriptionHandler
{
    /// <summary>One send per case whose queue on the subscription holds a pending or retrying delivery.</summary>
    public static async Task<IReadOnlyList<SendWebhook>> Waiting(IQuerySession session, Guid subscriptionId, CancellationToken ct, bool now = false) =>
        (await session.Query<WebhookDelivery>()
            .Where(d => d.SubscriptionId == subscriptionId && (d.State == DeliveryState.Pending || d.State == DeliveryState.Retrying))
            .Select(d => d.CaseId).Distinct().ToListAsync(ct))
        .Select(caseId => new SendWebhook(subscriptionId, caseId, now)).ToList();

    public static async Task<OutgoingMessages> Handle(WakeSubscription message, IQuerySession session, CancellationToken ct)
    {
        var sends = new OutgoingMessages();
        if (await session.LoadAsync<WebhookSubscription>(message.SubscriptionId, ct) is not { Paused: false }) return sends;
        sends.AddRange(await Waiting(session, message.SubscriptionId, ct, now: message.Recovered));
        return sends;
    }
}
