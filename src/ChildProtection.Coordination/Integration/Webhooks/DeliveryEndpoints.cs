using ChildProtection.Coordination.Cases.Steps;
using Marten;
using Wolverine;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Integration.Webhooks;

/// <summary>Re-deliver the feed's events after a cursor (a <c>sequence</c> from the feed or a delivery; 0 for everything).</summary>
public sealed record ReplayRequest(long? After = null);

public sealed record ReplayStarted(Guid ReplayId, long After, long UpTo, int Deliveries);

public sealed record RedriveStarted(int Deliveries);

/// <summary>One delivery and every attempt at it. The event itself is in the feed under <c>EventId</c>.</summary>
public sealed record DeliveryView(Guid Id, Guid EventId, Guid CaseId, long Sequence, string Type, DeliveryState State, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, Guid? ReplayId, IReadOnlyList<DeliveryAttempt> Attempts)
{
    public static DeliveryView Of(WebhookDelivery d) =>
        new(d.Id, d.EventId, d.CaseId, d.Sequence, d.Type, d.State, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt, d.ReplayId, d.Attempts);
}

public static class DeliveryEndpoints
{
    private const string Tag = "Webhooks";
    public const int MaxLimit = 500;

    /// <summary>The subscription's deliveries, newest event first, with attempts and outcomes.</summary>
    [WolverineGet("/api/subscriptions/{id}/deliveries", OperationId = "ListDeliveries")]
    [ReadResponses(typeof(DeliveryView[]), tag: Tag)]
    public static async Task<IResult> Deliveries(Guid id, IQuerySession session, HttpContext http, string? limit = null)
    {
        var (_, refused) = await Subscriptions.Find(session, http, id);
        if (refused is not null) return refused;
        if (!Paging.TryReadWhole(limit, 1, MaxLimit, 100, out var size)) return Problems.Invalid(http, "limit", $"'limit' is from 1 to {MaxLimit}.");
        var deliveries = await session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.Sequence).ThenByDescending(d => d.CreatedAt).Take((int)size).ToListAsync(http.RequestAborted);
        return Results.Ok(deliveries.Select(DeliveryView.Of).ToArray());
    }

    /// <summary>Deliveries still failing when the retry window closed, in feed order. Each holds back later events of its case.</summary>
    [WolverineGet("/api/subscriptions/{id}/dead-letters", OperationId = "ListDeadLetters")]
    [ReadResponses(typeof(DeliveryView[]), tag: Tag)]
    public static async Task<IResult> DeadLetters(Guid id, IQuerySession session, HttpContext http)
    {
        var (_, refused) = await Subscriptions.Find(session, http, id);
        if (refused is not null) return refused;
        var parked = await session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == id && d.State == DeliveryState.DeadLettered)
            .OrderBy(d => d.Sequence).ToListAsync(http.RequestAborted);
        return Results.Ok(parked.Select(DeliveryView.Of).ToArray());
    }

    /// <summary>Sends the dead letters again, each case's in order and ahead of what waited behind them, with a fresh retry window.</summary>
    [WolverinePost("/api/subscriptions/{id}/dead-letters/redrive", OperationId = "RedriveDeadLetters")]
    [ReadResponses(typeof(RedriveStarted), StatusCodes.Status202Accepted, Tag)]
    public static async Task<IResult> Redrive(Guid id, IDocumentSession session, IMessageBus bus, HttpContext http)
    {
        var (_, refused) = await Subscriptions.Find(session, http, id);
        if (refused is not null) return refused;
        var parked = await session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == id && d.State == DeliveryState.DeadLettered)
            .ToListAsync(http.RequestAborted);
        foreach (var delivery in parked)
        {
            DeliveryOutcome.Redrive(delivery);
            session.Store(delivery);
        }
        foreach (var caseId in parked.Select(d => d.CaseId).Distinct()) await bus.PublishAsync(new SendWebhook(id, caseId));
        return Results.Accepted($"/api/subscriptions/{id}/deliveries", new RedriveStarted(parked.Count));
    }

    /// <summary>Queues every published event after the cursor (up to the feed's high-water mark) for this subscription again.</summary>
    [WolverinePost("/api/subscriptions/{id}/replay", OperationId = "ReplaySubscription")]
    [ReadResponses(typeof(ReplayStarted), StatusCodes.Status202Accepted, Tag)]
    public static async Task<IResult> Replay(Guid id, ReplayRequest body, IDocumentSession session, IDocumentStore store, IMessageBus bus,
        HttpContext http, TimeProvider time, Microsoft.Extensions.Options.IOptionsMonitor<IntegrationOptions> grants)
    {
        var (subscription, refused) = await Subscriptions.Find(session, http, id);
        if (refused is not null) return refused;
        if (body?.After is not >= 0) return Problems.Invalid(http, "after", "'after' is a feed cursor (a sequence number) from 0.");

        var replayId = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        var deliveries = new List<WebhookDelivery>();
        var cursor = body.After.Value;
        // A replay, too, sends only what the agency's grant reaches now.
        var scope = subscription!.Scope(grants.CurrentValue);
        var reach = new EventReach(session, now);
        while (true)
        {
            var (events, next) = await GetFeedEndpoint.ReadAsync(store, cursor, GetFeedEndpoint.MaxLimit, http.RequestAborted);
            var reached = await reach.FilterAsync(scope, events.Where(e => subscription.Wants(e.Type)).ToList(), http.RequestAborted);
            deliveries.AddRange(reached.Select(e => WebhookDelivery.For(id, e, now, replayId)));
            if (next == cursor) break;
            cursor = next;
        }
        await WebhookFanOut.Enqueue(session, bus, deliveries, http.RequestAborted);
        return Results.Accepted($"/api/subscriptions/{id}/deliveries", new ReplayStarted(replayId, body.After.Value, cursor, deliveries.Count));
    }
}
