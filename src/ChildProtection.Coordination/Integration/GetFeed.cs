using ChildProtection.Coordination.Cases.Steps;
using System.Globalization;
using ChildProtection.Coordination.Auth;
using JasperFx.Events;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Access;
using Microsoft.Extensions.Options;
namespace ChildProtection.Coordination.Integration;

/// <summary>
/// One CloudEvents 1.0 event of the feed; <c>sequence</c> is the cursor to continue after, zero-padded to
/// <see cref="GetFeedEndpoint.SequenceDigits"/> digits because CloudEvents orders the attribute as a string. <c>identitywithheld</c> (an
/// extension attribute) says why a caller granted identity got none on this event.
/// </summary>
public sealed record CloudEvent(string Specversion, string Id, string Source, string Type, string Subject, DateTimeOffset Time,
    string Datacontenttype, string Sequence, object Data,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Identitywithheld = null);

/// <summary>
/// The integrators' pull feed: public contracts in global order, as a CloudEvents JSON batch. It reads only up
/// to the store's high-water mark, so an event that commits late with a lower sequence is never skipped. Each reader
/// gets only what its <see cref="FeedScope"/> reaches.
/// </summary>
public static class GetFeedEndpoint
{
    public const int MaxLimit = 500;
    public const int MaxWaitSeconds = 30;
    /// <summary>Width of the CloudEvents <c>sequence</c>: a long has at most 19 digits, so 20 never overflows and strings sort like numbers.</summary>
    public const int SequenceDigits = 20;
    private static readonly string[] Readers = [Roles.Integrator, Roles.Auditor, Roles.Admin];

    [WolverineGet("/api/feed", OperationId = "ReadFeed")]
    [ReadResponses(typeof(CloudEvent[]))]
    public static async Task<IResult> Get(IDocumentStore store, FeedWaiters waiters, HttpContext http, IOptionsMonitor<IntegrationOptions> grants,
        ICaseReadLog readLog, string? after = null, string? limit = null, string? wait = null)
    {
        if (Actor.From(http.User) is not { } actor || !Readers.Contains(actor.Role))
            return Problems.Forbidden(http, "The feed is for integrators, auditors and admins.");
        if (!Paging.TryReadWhole(after, 0, long.MaxValue, 0, out var cursor)) return Problems.Invalid(http, "after", "'after' is a sequence number (a cursor) from 0.");
        if (!Paging.TryReadWhole(limit, 1, MaxLimit, 100, out var size)) return Problems.Invalid(http, "limit", $"'limit' is from 1 to {MaxLimit}.");
        if (!Paging.TryReadWhole(wait, 0, MaxWaitSeconds, 0, out var waitSeconds)) return Problems.Invalid(http, "wait", $"'wait' is seconds from 0 to {MaxWaitSeconds}.");

        await using var session = store.QuerySession();
        // What this reader reaches: an integrator its agency's grant, a provincial auditor its province (Integration/IntegratorGrants.cs).
        var scope = await FeedScope.ForAsync(actor, grants.CurrentValue, session, http.RequestAborted);
        if (actor.Role == Roles.Integrator && ReferenceEquals(scope, FeedScope.Nothing))
            return Problems.Forbidden(http, $"The integrator '{actor.Agency}' has no grant: an operator names what it may receive under Integration:Grants.");
        var reach = new EventReach(session, DateTimeOffset.UtcNow);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(waitSeconds);
        IDisposable? place = null;
        try
        {
            while (true)
            {
                var (all, next, highWater) = await ReadPageAsync(store, cursor, (int)size, http.RequestAborted);
                // The cursor moves past events out of reach too, so a reader never reads them again.
                var events = await reach.FilterAsync(scope, all, http.RequestAborted);
                if (events.Count == 0 && next == cursor && DateTimeOffset.UtcNow < deadline && place is null && (place = waiters.TryEnter()) is null)
                {
                    // Nothing to read and every waiting place taken: come back shortly rather than hold a connection here.
                    http.Response.Headers.RetryAfter = "1";
                    return Problems.Create(http, ProblemKinds.FeedBusy, "Too many waiting readers",
                        "The feed has nothing new yet and this node holds as many waiting requests as it allows; retry after 1 second.");
                }
                if (events.Count > 0 || next > cursor || DateTimeOffset.UtcNow >= deadline)
                {
                    http.Response.Headers["Feed-Next-Cursor"] = next.ToString(CultureInfo.InvariantCulture);
                    http.Response.Headers.Link = $"</api/feed?after={next}&limit={size}>; rel=\"next\"";
                    if (IntegratorIdentity.Granted(http.User))
                    {
                        events = scope.Identity
                            ? await IntegratorIdentity.ApplyAsync(session, events, DateTimeOffset.UtcNow, http.RequestAborted)
                            : IntegratorIdentity.Withhold(events, IntegratorIdentity.NotGranted);
                        // Recorded before the answer leaves, like every other read of identity.
                        await readLog.RecordAsync(IntegratorIdentity.ReleasedTo(events), "feed", actor, IntegratorIdentity.Purpose, IntegratorIdentity.Fields,
                            Correlation.Of(http), http.RequestAborted);
                    }
                    return Results.Json(events, CaseJson.Options, "application/cloudevents-batch+json");
                }
                // One shared poll of the high-water mark for every waiter (FeedWaiters), not a query per waiter every 250 ms.
                await waiters.WaitPastAsync(highWater, deadline, http.RequestAborted);
            }
        }
        finally
        {
            place?.Dispose();
        }
    }

    /// <summary>Public events after <paramref name="after"/>, and the cursor to continue from (past skipped internal events too).</summary>
    public static async Task<(IReadOnlyList<CloudEvent> Events, long Next)> ReadAsync(IDocumentStore store, long after, int limit, CancellationToken ct)
    {
        var (events, next, _) = await ReadPageAsync(store, after, limit, ct);
        return (events, next);
    }

    private static async Task<(IReadOnlyList<CloudEvent> Events, long Next, long HighWater)> ReadPageAsync(IDocumentStore store, long after, int limit, CancellationToken ct)
    {
        var highWater = (await store.Advanced.AllProjectionProgress(token: ct)).FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
        await using var session = store.QuerySession();
        var raw = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Sequence <= highWater)
            .OrderBy(e => e.Sequence).Take(limit).ToListAsync(ct);
        var events = raw.Select(ToCloudEvent).OfType<CloudEvent>().ToList();
        return (events, raw.Count > 0 ? raw[^1].Sequence : after, highWater);
    }

    /// <summary>The CloudEvents <c>sequence</c> of a store sequence: fixed-width decimal, so lexical order is feed order.</summary>
    public static string Sequence(long sequence) => sequence.ToString(new string('0', SequenceDigits), CultureInfo.InvariantCulture);

    /// <summary>The CloudEvent integrators see for a stored event (the feed and webhooks alike), or null when it is not published.</summary>
    public static CloudEvent? ToCloudEvent(IEvent e) => CaseContractsV1.Map(e.Data) is { } contract
        ? new CloudEvent("1.0", e.Id.ToString(), $"/api/cases/{e.StreamId}", CaseContractsV1.Prefix + contract.Type + ".v1",
            e.StreamId.ToString(), e.Timestamp, "application/json", Sequence(e.Sequence), contract.Data)
        : null;
}
