using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>The hash of one case event, chained to the one before it; written once the event is committed.</summary>
public sealed class EventSeal
{
    /// <summary>The event's id.</summary>
    public Guid Id { get; set; }
    public Guid StreamId { get; set; }
    public long Version { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    public string PreviousHash { get; set; } = "";
    public DateTimeOffset SealedAt { get; set; }
    /// <summary>The canonical form the hash was computed over (<see cref="CaseChain"/>); 0 on seals older than versions: 1.</summary>
    public int ChainVersion { get; set; }
}

/// <summary>The newest seal of a case: what anchors are cut from.</summary>
public sealed class CaseChainHead
{
    /// <summary>The case id.</summary>
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Hash { get; set; } = "";
    /// <summary>The chain version the case began with and keeps; 0 on heads older than versions: 1.</summary>
    public int ChainVersion { get; set; }
}

/// <summary>
/// Seals every case event after it is committed: the database assigns version, sequence and timestamp at insert,
/// so they can only be hashed afterwards. Runs as an async subscription under Wolverine's managed daemon.
/// Idempotent: an event already sealed keeps its seal, so a replay only fills in what is missing.
/// </summary>
public sealed class CaseIntegritySeals : SubscriptionBase
{
    public CaseIntegritySeals()
    {
        Name = "CaseIntegritySeals";
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // The whole page in two round trips: the chain heads of its streams, then every unsealed event up to the page.
        var upTo = page.Events.GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.Max(e => e.Version));
        if (upTo.Count == 0) return NullChangeListener.Instance;
        var heads = (await operations.LoadManyAsync<CaseChainHead>(cancellationToken, upTo.Keys)).ToDictionary(h => h.Id);
        var from = upTo.ToDictionary(s => s.Key, s => heads.TryGetValue(s.Key, out var head) ? head.Version : 0);
        var rows = await CaseChain.ReadAfterAsync(operations, from, upTo, cancellationToken);
        foreach (var stream in rows.GroupBy(r => r.StreamId))
            Seal(operations, stream.Key, heads.GetValueOrDefault(stream.Key), stream.ToList());
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// Chains the stream's events after its head (the newest seal). Events at or below the head are sealed already, so a
    /// replayed page only fills in what is missing; a stream without a head is sealed from version 1, if it is a case.
    /// </summary>
    private static void Seal(IDocumentOperations operations, Guid streamId, CaseChainHead? head, IReadOnlyList<EventRow> rows)
    {
        if (head is null && !CaseChain.IsCase(rows)) return;
        var previous = head?.Hash ?? CaseChain.Genesis;
        var chainVersion = head is null ? CaseChain.Current : CaseChain.Version(head.ChainVersion);
        EventRow? last = null;
        foreach (var row in rows)
        {
            var hash = CaseChain.Hash(row, previous, chainVersion);
            operations.Store(new EventSeal
            {
                Id = row.Id, StreamId = streamId, Version = row.Version, Sequence = row.Sequence,
                Hash = hash, PreviousHash = previous, SealedAt = DateTimeOffset.UtcNow, ChainVersion = chainVersion,
            });
            previous = hash;
            last = row;
        }
        if (last is null) return;
        // The loaded head is in the session's identity map: move it on rather than storing a second instance.
        head ??= new CaseChainHead { Id = streamId };
        head.Version = last.Version;
        head.Hash = previous;
        head.ChainVersion = chainVersion;
        operations.Store(head);
    }
}

public static class CaseIntegritySetup
{
    /// <summary>The seal documents and the subscription that writes them.</summary>
    public static void AddCaseIntegrity(this StoreOptions opts)
    {
        opts.Schema.For<EventSeal>().Index(x => x.StreamId);
        opts.Schema.For<CaseChainHead>();
        opts.Schema.For<AuditAnchor>().Index(x => x.CutAt);
        opts.Schema.For<AnchorSchedule>();
        opts.Events.Subscribe(new CaseIntegritySeals());
    }
}
