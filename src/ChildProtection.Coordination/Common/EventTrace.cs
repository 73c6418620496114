using System.Diagnostics;
using JasperFx.Events;

namespace ChildProtection.Coordination.Common;

/// <summary>
/// One trace from the request that records a step, through the work the pathway hands on because of it, to
/// whatever later delivers that work (a webhook). The pathway and the deliveries run asynchronously, from
/// Marten subscriptions, so the trace cannot ride on <see cref="Activity.Current"/>: each event carries the
/// W3C <c>traceparent</c> of the activity that appended it (the event header <c>traceparent</c>, written by the Auth folder's EventHeaders), and whoever
/// handles the event later continues that trace with <see cref="StartFrom"/>.
/// </summary>
public static class EventTrace
{
    public const string TraceParentHeader = "traceparent";
    public const string SourceName = "ChildProtection.Coordination";
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts an activity that continues the trace of the request that appended <paramref name="e"/> (or, for an
    /// event without a traceparent, the current one), linked to the subscription's own activity. Null when
    /// nothing listens. Tags name the event and the case by id only, never anything about the child.
    /// </summary>
    public static Activity? StartFrom(IEvent e, string name)
    {
        var parent = TraceParentOf(e) is { } traceparent && ActivityContext.TryParse(traceparent, null, out var context) ? context : default;
        ActivityLink[]? links = parent != default && Activity.Current is { } current ? [new ActivityLink(current.Context)] : null;
        var activity = Source.StartActivity(name, ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("cp.case.id", e.StreamId.ToString());
        activity?.SetTag("cp.event.type", e.EventTypeName);
        activity?.SetTag("cp.event.sequence", e.Sequence);
        return activity;
    }

    public static string? TraceParentOf(IEvent e) =>
        e.Headers is { } headers && headers.TryGetValue(TraceParentHeader, out var value) ? value?.ToString() : null;
}
