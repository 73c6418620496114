using Marten;
using Npgsql;

namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>The hash of one case event, chained to the one before it; written in the transaction that appends the event.</summary>
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
/// Seals every case event in the transaction that appends it, so no event is ever committed without its seal (issue 18,
/// the seal gap). The database assigns version, sequence and timestamp at insert, so the hash can only be computed after
/// the insert: a Marten transaction participant runs after the unit of work's statements and before its <c>COMMIT</c>,
/// reads back the rows this unit of work appended (on the same connection and transaction), chains them after the case's
/// head and writes their seals and the new head in the same transaction. One extra read and one write per save; no
/// extra row per event beyond the seal itself, and no daemon work afterwards.
/// </summary>
/// <remarks>
/// Concurrent appends to one case are serialised before this runs (every case writer takes <c>CaseWriteLock</c>, and
/// Marten's append locks the stream's row), so the head read here is the one the previous writer committed. Only the
/// events of this unit of work are sealed: a row that appeared in the stream without passing through here (inserted
/// in the database by hand) stays unsealed, and the chain check reports it as a break instead of vouching for it.
/// A failure here rolls the whole append back: an event without a seal is never committed.
/// </remarks>
public sealed class CaseSealListener : DocumentSessionListenerBase
{
    private static readonly string CaseEvents = typeof(Cases.Case).Namespace!;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentSession, CaseSealParticipant> participants = new();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var appended = session.PendingChanges.Streams()
            .Where(s => s.Events.Count > 0 && s.Events.Any(e => e.Data.GetType().Namespace?.StartsWith(CaseEvents, StringComparison.Ordinal) == true))
            .ToList();
        participants.TryGetValue(session, out var participant);
        if (appended.Count == 0)
        {
            participant?.Expect([]);
            return Task.CompletedTask;
        }
        if (participant is null)
        {
            if (session is not ITransactionParticipantRegistrar registrar)
                throw new InvalidOperationException("Marten's session no longer accepts transaction participants: case events could not be sealed in their transaction.");
            participant = new CaseSealParticipant(session.DocumentStore);
            participants.Add(session, participant);
            registrar.AddTransactionParticipant(participant);
        }
        participant.Expect(appended.Select(s => (s.Id, s.Events.Select(e => e.Id).ToHashSet())));
        return Task.CompletedTask;
    }
}

/// <summary>The part of <see cref="CaseSealListener"/> that runs inside one session's transaction, just before its commit.</summary>
public sealed class CaseSealParticipant(IDocumentStore store) : ITransactionParticipant
{
    private IReadOnlyList<(Guid StreamId, HashSet<Guid> EventIds)> expected = [];

    public void Expect(IEnumerable<(Guid StreamId, HashSet<Guid> EventIds)> streams) => expected = streams.ToList();

    public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
    {
        var streams = expected;
        expected = [];
        if (streams.Count == 0) return;
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        // The heads and the rows after them in one round trip; then the seals and heads in one more.
        var (heads, rows) = await CaseChain.ReadHeadsAndRowsAfterAsync(connection, transaction, store.Options.Events.DatabaseSchemaName,
            store.Options.DatabaseSchemaName, streams.Select(s => s.StreamId).ToList(), token);
        var ours = streams.GroupBy(s => s.StreamId).ToDictionary(g => g.Key, g => g.SelectMany(s => s.EventIds).ToHashSet());
        var now = DateTimeOffset.UtcNow;
        foreach (var stream in rows.GroupBy(r => r.StreamId))
            CaseIntegritySeals.Seal(session, stream.Key, heads.GetValueOrDefault(stream.Key), stream.ToList(), ours[stream.Key].Contains, now);
        await session.SaveChangesAsync(token);
    }

    public Task AfterCommitAsync(CancellationToken token) => Task.CompletedTask;
}

/// <summary>The chaining itself: pure but for the documents it stores.</summary>
public static class CaseIntegritySeals
{
    /// <summary>
    /// Chains the stream's rows after its head (the newest seal) and stores a seal for each row <paramref name="sealHere"/>
    /// accepts; a stream without a head is chained from version 1, if it is a case. A row not accepted (one that did not come
    /// through the service) is still part of the chain the next hashes build on, as the chain check recomputes it, but keeps
    /// no seal, so the check reports it.
    /// </summary>
    public static void Seal(IDocumentOperations operations, Guid streamId, CaseChainHead? head, IReadOnlyList<EventRow> rows,
        Func<Guid, bool> sealHere, DateTimeOffset now)
    {
        if (head is null && !CaseChain.IsCase(rows)) return;
        var previous = head?.Hash ?? CaseChain.Genesis;
        var chainVersion = head is null ? CaseChain.Current : CaseChain.Version(head.ChainVersion);
        EventRow? last = null;
        var lastHash = previous;
        foreach (var row in rows)
        {
            var hash = CaseChain.Hash(row, previous, chainVersion);
            if (sealHere(row.Id))
            {
                operations.Store(new EventSeal
                {
                    Id = row.Id, StreamId = streamId, Version = row.Version, Sequence = row.Sequence,
                    Hash = hash, PreviousHash = previous, SealedAt = now, ChainVersion = chainVersion,
                });
                last = row;
                lastHash = hash;
            }
            previous = hash;
        }
        if (last is null) return;
        head ??= new CaseChainHead { Id = streamId };
        head.Version = last.Version;
        head.Hash = lastHash;
        head.ChainVersion = chainVersion;
        operations.Store(head);
    }
}

public static class CaseIntegritySetup
{
    /// <summary>The seal documents and the listener that writes them in each append's own transaction.</summary>
    public static void AddCaseIntegrity(this StoreOptions opts)
    {
        opts.Schema.For<EventSeal>().Index(x => x.StreamId);
        opts.Schema.For<CaseChainHead>();
        opts.Schema.For<AuditAnchor>().Index(x => x.CutAt);
        opts.Schema.For<AnchorSchedule>();
        opts.Listeners.Add(new CaseSealListener());
    }
}
