using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace ChildProtection.Coordination.Integration.Webhooks;

/// <summary>
/// Fans each published case event out to the subscriptions that want it: a delivery record per subscription and a
/// <see cref="SendWebhook"/> per (subscription, case) touched, both written in the daemon's transaction with this
/// subscription's progress (Wolverine's Marten outbox). A crash either keeps all three or none, and the page runs again.
/// </summary>
public sealed class WebhookFanOut(IOptionsMonitor<IntegrationOptions> grants) : BatchSubscription(Name)
{
    public const string Name = "Webhooks";

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        IMessageBus bus, CancellationToken cancellationToken)
    {
        var published = page.Events.Select(e => (Event: e, Public: GetFeedEndpoint.ToCloudEvent(e))).Where(p => p.Public is not null).ToList();
        if (published.Count == 0) return;
        var subscriptions = await operations.Query<WebhookSubscription>().ToListAsync(cancellationToken);
        if (subscriptions.Count == 0) return;

        var now = DateTimeOffset.UtcNow;
        // Each subscription gets only what its agency's grant reaches; the cases of the page are looked up once for all.
        var reach = new EventReach(operations, now);
        var options = grants.CurrentValue;
        var deliveries = new List<WebhookDelivery>();
        foreach (var s in subscriptions)
        {
            var wanted = published.Where(p => p.Event.Sequence > s.StartsAfter && s.Wants(p.Public!.Type)).Select(p => p.Public!).ToList();
            foreach (var e in await reach.FilterAsync(s.Scope(options), wanted, cancellationToken)) deliveries.Add(WebhookDelivery.For(s.Id, e, now));
        }
        await Enqueue(operations, bus, deliveries, cancellationToken);
    }

    /// <summary>Stores the deliveries not stored yet and wakes the queue of every (subscription, case) they belong to.</summary>
    public static async Task Enqueue(IDocumentOperations operations, IMessageBus bus, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken ct)
    {
        if (deliveries.Count == 0) return;
        var stored = (await operations.LoadManyAsync<WebhookDelivery>(ct, deliveries.Select(d => d.Id))).Select(d => d.Id).ToHashSet();
        foreach (var delivery in deliveries.Where(d => !stored.Contains(d.Id))) operations.Store(delivery);
        foreach (var queue in deliveries.Select(d => new SendWebhook(d.SubscriptionId, d.CaseId)).Distinct())
            await bus.PublishAsync(queue);
    }
}
