using ChildProtection.Coordination.Common.Keys;
using Wolverine.Attributes;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Auth;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Integration.Webhooks;

/// <summary>Registers a webhook. Without a secret one is generated; either way it is shown in this answer only.</summary>
public sealed record CreateSubscription(string? Url = null, string[]? EventTypes = null, string? Secret = null);

/// <summary>A subscription as the API shows it: never with its secret.</summary>
public sealed record SubscriptionView(Guid Id, string Agency, string Url, string[] EventTypes, bool Paused, long StartsAfter, DateTimeOffset CreatedAt,
    bool IdentityScope = false, string? PausedReason = null, DateTimeOffset? PreviousSecretValidUntil = null, DateTimeOffset? NotBefore = null)
{
    public static SubscriptionView Of(WebhookSubscription s) => new(s.Id, s.Agency, s.Url, s.EventTypes, s.Paused, s.StartsAfter, s.CreatedAt, s.IdentityScope,
        s.PausedReason, s.PreviousSecret is null ? null : s.PreviousSecretUntil, s.NotBefore);
}

/// <summary>A secret rotation: a new secret, generated unless given.</summary>
public sealed record RotateSecret(string? Secret = null);

/// <summary>The answer to a rotation: the new secret, shown this once, and until when the old one still signs deliveries.</summary>
public sealed record SecretRotated(Guid Id, string Secret, DateTimeOffset PreviousSecretValidUntil);

/// <summary>The answer to a registration: the subscription and, this once, its secret.</summary>
public sealed record SubscriptionCreated(Guid Id, string Agency, string Url, string[] EventTypes, bool Paused, long StartsAfter, DateTimeOffset CreatedAt, string Secret,
    bool IdentityScope = false);

public static class SubscriptionEndpoints
{
    private const string Tag = "Webhooks";

    [WolverinePost("/api/subscriptions", OperationId = "CreateSubscription")]
    [NonTransactional]
    [ReadResponses(typeof(SubscriptionCreated), StatusCodes.Status201Created, Tag, Conflict = true)]
    public static async Task<IResult> Create(CreateSubscription body, IDocumentSession session, IDocumentStore store, HttpContext http, TimeProvider time,
        IOptions<WebhookOptions> options, IOptionsMonitor<IntegrationOptions> grants)
    {
        if (Subscriptions.Refuse(http) is { } refused) return refused;
        if (Subscriptions.Check(body, options.Value) is { } invalid) return Problems.Invalid(http, invalid.Field, invalid.Detail);
        var actor = Actor.From(http.User)!;
        // A subscription never asks for more than its agency's grant: types outside it, or identity it does not include, are refused.
        if (Subscriptions.Exceeds(actor, grants.CurrentValue, body.EventTypes, IntegratorIdentity.Granted(http.User)) is { } beyond)
            return Problems.Forbidden(http, beyond);
        var held = await session.Query<WebhookSubscription>().CountAsync(s => s.Agency == actor.Agency, http.RequestAborted);
        if (Subscriptions.Full(actor.Agency, held, options.Value) is { } full)
            return Problems.Create(http, ProblemKinds.SubscriptionLimitReached, "Too many subscriptions", full);
        // Deliveries start with what the feed does not show yet; earlier events come by a replay.
        var highWater = (await store.Advanced.AllProjectionProgress(token: http.RequestAborted)).FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
        var secret = body.Secret ?? WebhookSecret.Generate();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(), Agency = actor.Agency, Url = body.Url!, EventTypes = body.EventTypes?.Distinct().ToArray() ?? [],
            StartsAfter = highWater, CreatedAt = time.GetUtcNow(), CreatedBy = actor.UserId,
            IdentityScope = IntegratorIdentity.Granted(http.User), AdminScope = actor.Role == Roles.Admin,
        };
        // Stored wrapped by the key ring; the clear secret is in this answer only.
        subscription.Secret = await subscription.WrapAsync(http.RequestServices.GetRequiredService<IKeyEncryptionKeys>(), secret, http.RequestAborted);
        session.Store(subscription);
        await session.SaveChangesAsync(http.RequestAborted);
        var s = subscription;
        return Results.Created($"/api/subscriptions/{s.Id}", new SubscriptionCreated(s.Id, s.Agency, s.Url, s.EventTypes, s.Paused, s.StartsAfter, s.CreatedAt, secret, s.IdentityScope));
    }

    [WolverineGet("/api/subscriptions", OperationId = "ListSubscriptions")]
    [ReadResponses(typeof(SubscriptionView[]), tag: Tag)]
    public static async Task<IResult> List(IQuerySession session, HttpContext http)
    {
        if (Subscriptions.Refuse(http) is { } refused) return refused;
        var actor = Actor.From(http.User)!;
        var query = session.Query<WebhookSubscription>().AsQueryable();
        if (actor.Role != Roles.Admin) query = query.Where(s => s.Agency == actor.Agency);
        var all = await query.OrderBy(s => s.CreatedAt).ToListAsync(http.RequestAborted);
        return Results.Ok(all.Select(SubscriptionView.Of).ToArray());
    }

    [WolverineGet("/api/subscriptions/{id}", OperationId = "GetSubscription")]
    [ReadResponses(typeof(SubscriptionView), tag: Tag)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http)
    {
        var (subscription, refused) = await Subscriptions.Find(session, http, id);
        return refused ?? Results.Ok(SubscriptionView.Of(subscription!));
    }

    /// <summary>Stops sending; new events are still queued and go out in order on resume.</summary>
    [WolverinePost("/api/subscriptions/{id}/pause", OperationId = "PauseSubscription")]
    [ReadResponses(typeof(SubscriptionView), tag: Tag)]
    public static async Task<IResult> Pause(Guid id, IDocumentSession session, HttpContext http)
    {
        var (subscription, refused) = await Subscriptions.Find(session, http, id);
        if (refused is not null) return refused;
        subscription!.Paused = true;
        subscription.PausedReason = null;
        session.Store(subscription);
        return Results.Ok(SubscriptionView.Of(subscription));
    }

    /// <summary>Sends again, starting with what queued up while paused.</summary>
    [WolverinePost("/api/subscriptions/{id}/resume", OperationId = "ResumeSubscription")]
    [ReadResponses(typeof(SubscriptionView), tag: Tag)]
    public static async Task<IResult> Resume(Guid id, IDocumentSession session, IMessageBus bus, HttpContext http)
    {
        var (subscription, refused) = await Subscriptions.Find(session, http, id);
        if (refused is not null) return refused;
        subscription!.Paused = false;
        subscription.PausedReason = null;
        session.Store(subscription);
        foreach (var send in await WakeSubscriptionHandler.Waiting(session, id, http.RequestAborted)) await bus.PublishAsync(send);
        // A delivery the fan-out commits while this resume commits is seen by neither (its send still found the
        // subscription paused; this query did not see it yet): look again once both have committed.
        await bus.ScheduleAsync(new WakeSubscription(id), TimeSpan.FromSeconds(1));
        return Results.Ok(SubscriptionView.Of(subscription));
    }

    /// <summary>
    /// Gives the subscription a new secret. For <see cref="WebhookOptions.SecretOverlap"/> deliveries carry a signature
    /// with each secret, so the receiver can switch to the new one at any moment in that window without refusing any.
    /// </summary>
    [WolverinePost("/api/subscriptions/{id}/secret", OperationId = "RotateSubscriptionSecret")]
    [NonTransactional]
    [ReadResponses(typeof(SecretRotated), tag: Tag)]
    public static async Task<IResult> Rotate(Guid id, IDocumentSession session, HttpContext http, TimeProvider time, IOptions<WebhookOptions> options)
    {
        var (subscription, refused) = await Subscriptions.Find(session, http, id);
        if (refused is not null) return refused;
        // The body is optional (no body: a secret is generated), so it is read here rather than bound.
        RotateSecret? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            try { body = await System.Text.Json.JsonSerializer.DeserializeAsync<RotateSecret>(http.Request.Body, CaseJson.Options, http.RequestAborted); }
            catch (System.Text.Json.JsonException) { return Problems.Invalid(http, "secret", "Send no body, or a JSON object such as {\"secret\": \"whsec_…\"}."); }
        }
        if (body?.Secret is { } given && WebhookSecret.Key(given) is null)
            return Problems.Invalid(http, "secret", WebhookSecret.Expected);
        var until = time.GetUtcNow() + options.Value.SecretOverlap;
        subscription!.PreviousSecret = subscription.Secret;
        subscription.PreviousSecretUntil = until;
        var secret = body?.Secret ?? WebhookSecret.Generate();
        subscription.Secret = await subscription.WrapAsync(http.RequestServices.GetRequiredService<IKeyEncryptionKeys>(), secret, http.RequestAborted);
        session.Store(subscription);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(new SecretRotated(subscription.Id, secret, until));
    }

    [WolverineDelete("/api/subscriptions/{id}", OperationId = "DeleteSubscription")]
    [NoContentResponses(Tag)]
    public static async Task<IResult> Delete(Guid id, IDocumentSession session, HttpContext http)
    {
        var (_, refused) = await Subscriptions.Find(session, http, id);
        if (refused is not null) return refused;
        session.Delete<WebhookSubscription>(id);
        session.DeleteWhere<WebhookDelivery>(d => d.SubscriptionId == id);
        return Results.NoContent();
    }
}

/// <summary>Who may manage which subscription: integrators their own agency's, admins all.</summary>
public static class Subscriptions
{
    private static readonly string[] Managers = [Roles.Integrator, Roles.Admin];

    /// <summary>The longest <c>url</c> registered, as browsers and most servers bound a URL.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The field at fault and why, or null when the registration is well-formed.</summary>
    public static (string Field, string Detail)? Check(CreateSubscription? body, WebhookOptions options)
    {
        if (body is null) return ("url", "Send a JSON body with 'url' (and optionally 'eventTypes' and 'secret').");
        if (body.Url?.Length > MaxUrlLength) return ("url", $"'url' is at most {MaxUrlLength} characters long; this one has {body.Url.Length}.");
        if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return ("url", "'url' is an absolute https address (plain http only to a loopback receiver on this machine).");
        if (WebhookAddresses.Problem(url, options) is { } address) return ("url", address);
        if (body.EventTypes?.Where(t => t is null || !CaseContractsV1.TypeNames.Contains(t)).ToArray() is [var unknown, ..])
            return ("eventTypes", $"Unknown event type '{unknown}'. Types are the feed's, e.g. 'vn.childprotection.case.reported.v1'; leave the list empty for all.");
        if (body.Secret is not null && WebhookSecret.Key(body.Secret) is null)
            return ("secret", WebhookSecret.Expected);
        return null;
    }

    /// <summary>Why an agency that already holds <paramref name="held"/> subscriptions may register no more, or null.</summary>
    public static string? Full(string agency, int held, WebhookOptions options) =>
        held >= options.MaxSubscriptionsPerAgency
            ? $"The agency '{agency}' holds {held} webhook subscriptions, paused ones included, and Webhooks:MaxSubscriptionsPerAgency allows {options.MaxSubscriptionsPerAgency}: delete one it no longer needs (DELETE /api/subscriptions/{{id}}) before registering another."
            : null;

    /// <summary>Why a registration asks for more than the integrator's grant allows, or null; an admin's is bounded by no grant.</summary>
    public static string? Exceeds(Actor actor, IntegrationOptions options, string[]? eventTypes, bool asksIdentity)
    {
        if (actor.Role == Roles.Admin) return null;
        if (options.GrantOf(actor.Agency) is not { } grant)
            return $"The integrator '{actor.Agency}' has no grant: an operator names what it may receive under Integration:Grants.";
        var scope = FeedScope.Of(grant);
        if (eventTypes?.FirstOrDefault(t => !scope.Wants(t)) is { } type)
            return $"The grant of '{actor.Agency}' does not include the event type '{type}'.";
        if (asksIdentity && !grant.Identity)
            return $"The token asks for the child's identity (case:identity), which the grant of '{actor.Agency}' does not include.";
        return null;
    }

    public static IResult? Refuse(HttpContext http) => Actor.From(http.User) switch
    {
        null => Problems.MissingClaims(http),
        { } actor when !Managers.Contains(actor.Role) => Problems.Forbidden(http, "Webhook subscriptions are for integrators and admins."),
        _ => null,
    };

    /// <summary>The subscription, or the problem to answer: another agency's subscription is a 404, as if it did not exist.</summary>
    public static async Task<(WebhookSubscription? Subscription, IResult? Refused)> Find(IQuerySession session, HttpContext http, Guid id)
    {
        if (Refuse(http) is { } refused) return (null, refused);
        var actor = Actor.From(http.User)!;
        var subscription = await session.LoadAsync<WebhookSubscription>(id, http.RequestAborted);
        return subscription is null || (actor.Role != Roles.Admin && subscription.Agency != actor.Agency)
            ? (null, Problems.NotFound(http, $"No subscription {id}."))
            : (subscription, null);
    }
}

/// <summary>Documents an endpoint that answers 204 with no body, or a problem.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NoContentResponsesAttribute(string tag) : Wolverine.Http.ModifyHttpChainAttribute
{
    public override void Modify(HttpChain chain, JasperFx.CodeGeneration.GenerationRules rules)
    {
        chain.Metadata.WithTags(tag).Produces(StatusCodes.Status204NoContent);
        foreach (var status in new[] { 401, 403, 404 })
            chain.Metadata.Produces<Microsoft.AspNetCore.Mvc.ProblemDetails>(status, "application/problem+json");
    }
}
