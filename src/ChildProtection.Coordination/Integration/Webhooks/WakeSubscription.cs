using Marten;
using Wolverine;

namespace ChildProtection.Coordination.Integration.Webhooks;

/// <summary>"Send what waits on this subscription": a resumed subscription looks again for queues left behind.</summary>
public sealed record WakeSubscription(Guid SubscriptionId);

public static class WakeSubscriptionHandler
{
    /// <summary>One send per case whose queue on the subscription holds a pending or retrying delivery.</summary>
    public static async Task<IReadOnlyList<SendWebhook>> Waiting(IQuerySession session, Guid subscriptionId, CancellationToken ct) =>
        (await session.Query<WebhookDelivery>()
            .Where(d => d.SubscriptionId == subscriptionId && (d.State == DeliveryState.Pending || d.State == DeliveryState.Retrying))
            .Select(d => d.CaseId).Distinct().ToListAsync(ct))
        .Select(caseId => new SendWebhook(subscriptionId, caseId)).ToList();

    public static async Task<OutgoingMessages> Handle(WakeSubscription message, IQuerySession session, CancellationToken ct)
    {
        var sends = new OutgoingMessages();
        if (await session.LoadAsync<WebhookSubscription>(message.SubscriptionId, ct) is not { Paused: false }) return sends;
        sends.AddRange(await Waiting(session, message.SubscriptionId, ct));
        return sends;
    }
}
