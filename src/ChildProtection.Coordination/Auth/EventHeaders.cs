using System.Diagnostics;
using ChildProtection.Coordination.Common;
using Marten;

namespace ChildProtection.Coordination.Auth;

/// <summary>The event metadata headers that say who recorded a step.</summary>
public static class EventHeaders
{
    public const string UserId = "user-id";
    public const string UserName = "user-name";
    public const string Agency = "agency";
    public const string Role = "role";
    /// <summary>The W3C trace context of the activity that appended the event (Operations/EventTrace.cs).</summary>
    public const string TraceParent = EventTrace.TraceParentHeader;

    /// <summary>The service itself, when the pathway or a clock records an event.</summary>
    public static readonly Actor System = new("system:pathway", "Case pathway", "system", "system");

    /// <summary>Who, and the request's correlation id: recorded on every event this session appends.</summary>
    public static void Stamp(IDocumentSession session, HttpContext http, Actor actor) => Stamp(session, actor, Correlation.Of(http));

    /// <summary>Who, and which request: recorded on every event this session appends.</summary>
    public static void Stamp(IDocumentSession session, Actor actor, string? correlationId, string? causationId = null)
    {
        session.CorrelationId = correlationId;
        if (causationId is not null) session.CausationId = causationId;
        session.LastModifiedBy = actor.UserId;
        foreach (var (key, value) in HeadersOf(actor)) session.SetHeader(key, value);
    }

    /// <summary>
    /// The same on one event built ahead (<c>session.Events.BuildEvent</c>), for a session that appends on behalf of
    /// several causes at once (the pathway's page): Marten keeps what an event carries over the session's values.
    /// </summary>
    public static JasperFx.Events.IEvent Stamp(JasperFx.Events.IEvent e, Actor actor, string? correlationId, string? causationId, Guid? id = null)
    {
        if (id is { } given) e.Id = given;
        e.CorrelationId = correlationId;
        e.CausationId = causationId;
        e.UserName = actor.UserId;
        foreach (var (key, value) in HeadersOf(actor)) e.SetHeader(key, value);
        return e;
    }

    /// <summary>The headers of who recorded an event, and the trace context it was recorded in.</summary>
    private static IEnumerable<(string Key, string Value)> HeadersOf(Actor actor)
    {
        yield return (UserId, actor.UserId);
        yield return (UserName, actor.Name);
        yield return (Agency, actor.Agency);
        yield return (Role, actor.Role);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceparent })
            yield return (TraceParent, traceparent);
    }

    public static string? AgencyOf(JasperFx.Events.IEvent e) =>
        e.Headers is { } headers && headers.TryGetValue(Agency, out var agency) ? agency?.ToString() : null;
}
