using ChildProtection.Coordination.Common.Keys;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using JasperFx.Events;
using Marten;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Audit;

/// <summary>Who recorded an event, from its metadata headers.</summary>
public sealed record EventActor(string? UserId, string? UserName, string? Agency, string? Role);

/// <summary>One event of a case as an auditor reads it.</summary>
/// <param name="Version">Its place in the case's stream, from 1.</param>
/// <param name="Sequence">Its place among all events of the store.</param>
/// <param name="Type">Marten's alias, e.g. <c>case_reported</c>.</param>
/// <param name="ClrType">The event's .NET type name, e.g. <c>CaseReported</c>.</param>
/// <param name="RecordedAt">When the event was stored: what <c>asOf</c> compares with.</param>
/// <param name="StepAt">When the step happened by its own account, where the event says: what <c>happenedBefore</c> compares with.</param>
/// <param name="LateEntry">Step time and recorded time differ by more than <c>Audit:LateEntryThreshold</c>.</param>
/// <param name="Actor">Who recorded it (the <c>user-id</c>, <c>user-name</c>, <c>agency</c> and <c>role</c> headers).</param>
/// <param name="CorrelationId">The request that recorded it.</param>
/// <param name="CausationId">The message that caused it, for events the pathway or a clock appended.</param>
/// <param name="Data">The event as stored.</param>
public sealed record HistoryEntry(long Version, long Sequence, string Type, string ClrType, DateTimeOffset RecordedAt,
    DateTimeOffset? StepAt, bool LateEntry, EventActor Actor, string? CorrelationId, string? CausationId, object Data);

/// <summary>A case's events in stream order, up to a point in time; shared by the history endpoint and the replay verb.</summary>
public static class CaseTimeline
{
    public enum Outcome { Found, UnknownCase, NotYet, VersionBeyond }

    public static async Task<(Outcome Outcome, IReadOnlyList<HistoryEntry> Entries, long CurrentVersion)> LoadAsync(
        IQuerySession session, IKeyEncryptionKeys keys, Guid caseId, PointInTime point, TimeSpan lateEntryThreshold, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(caseId, ct);
        if (state is null) return (Outcome.UnknownCase, [], 0);
        if (point.Version > state.Version) return (Outcome.VersionBeyond, [], state.Version);

        var events = await session.Events.FetchStreamAsync(caseId, point.Version ?? 0, point.AsOf, token: ct);
        if (events.Count > 0 && events[0].Data is not CaseReported) return (Outcome.UnknownCase, [], 0);
        if (events.Count == 0) return (Outcome.NotYet, [], state.Version);
        var entries = await RevealAsync(session, keys, caseId, events.Select(e => Entry(e, lateEntryThreshold)).ToList(), ct);
        return (Outcome.Found, entries, state.Version);
    }

    /// <summary>The events with their identity opened: the one call the history, the export and the replay make, right after loading.</summary>
    public static async Task<IReadOnlyList<HistoryEntry>> RevealAsync(IQuerySession session, IKeyEncryptionKeys keys, Guid caseId, IReadOnlyList<HistoryEntry> entries, CancellationToken ct)
    {
        if (!entries.Any(e => IdentityFields.Carries(e.Data))) return entries;
        var reveal = await new IdentityVault(session, keys).RevealerAsync(caseId, ct);
        return entries.Select(e => e with { Data = IdentityFields.Reveal(e.Data, reveal) }).ToList();
    }

    public static HistoryEntry Entry(IEvent e, TimeSpan lateEntryThreshold)
    {
        var stepAt = StepTimes.Of(e.Data);
        var late = stepAt is { } at && (e.Timestamp - at).Duration() > lateEntryThreshold;
        return new HistoryEntry(e.Version, e.Sequence, e.EventTypeName, e.EventType.Name, e.Timestamp, stepAt, late,
            new EventActor(Header(e, EventHeaders.UserId), Header(e, EventHeaders.UserName), Header(e, EventHeaders.Agency), Header(e, EventHeaders.Role)),
            e.CorrelationId, e.CausationId, e.Data);
    }

    private static string? Header(IEvent e, string name) =>
        e.Headers is { } headers && headers.TryGetValue(name, out var value) ? value?.ToString() : null;
}
