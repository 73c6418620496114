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
}

/// <summary>The newest seal of a case: what anchors are cut from.</summary>
public sealed class CaseChainHead
{
    /// <summary>The case id.</summary>
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Hash { get; set; } = "";
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
        foreach (var stream in page.Events.GroupBy(e => e.StreamId))
            await SealAsync(operations, stream.Key, stream.Max(e => e.Version), cancellationToken);
        return NullChangeListener.Instance;
    }

    private static async Task SealAsync(IDocumentOperations operations, Guid streamId, long upTo, CancellationToken ct)
    {
        var rows = await CaseChain.ReadAsync(operations, streamId, ct, upTo);
        if (!CaseChain.IsCase(rows)) return;
        var sealedIds = (await operations.Query<EventSeal>().Where(s => s.StreamId == streamId).ToListAsync(ct)).ToDictionary(s => s.Id);

        var previous = CaseChain.Genesis;
        EventRow? last = null;
        foreach (var row in rows)
        {
            if (sealedIds.TryGetValue(row.Id, out var seal))
            {
                previous = seal.Hash;
                continue;
            }
            var hash = CaseChain.Hash(row, previous);
            operations.Store(new EventSeal
            {
                Id = row.Id, StreamId = streamId, Version = row.Version, Sequence = row.Sequence,
                Hash = hash, PreviousHash = previous, SealedAt = DateTimeOffset.UtcNow,
            });
            previous = hash;
            last = row;
        }
        if (last is not null) operations.Store(new CaseChainHead { Id = streamId, Version = last.Version, Hash = previous });
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
