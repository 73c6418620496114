using Marten;
using Npgsql;

namespace ChildProtection.Coordination.Cases;

/// <summary>
/// One writer of a case at a time: every writer of a case stream (a step, the pathway, a clock, a merger's re-routing)
/// takes this transaction-scoped advisory lock on the case before it reads the case's version, so a second writer
/// waits a few milliseconds for the first to commit and then decides on the fresh case, instead of losing the
/// optimistic race at insert time.
/// </summary>
/// <remarks>
/// Why not just lose the race and retry: Marten's quick append draws the event's global sequence number
/// (<c>nextval</c>) inside the insert that then fails on the stream version, so every lost race leaves a hole in
/// the sequence. The async daemon's high-water mark stops under a hole until it can prove no live transaction
/// can still fill it (HighWaterDetector.DetectInSafeZone), and meanwhile the pathway, the inboxes and the seals stop
/// for every case. No lost race, no hole. The optimistic version check stays as the backstop.
/// The locks of one transaction are taken in one statement in a fixed order (sorted keys), so the pathway,
/// which locks all the cases of a page, cannot deadlock with a step, which locks one.
/// </remarks>
public static class CaseWriteLock
{
    /// <summary>The first key of the two-key advisory lock space, 'CASE': apart from Marten's and Wolverine's bigint locks.</summary>
    private const int Space = 0x43415345;

    /// <summary>The sessions that took write locks with <see cref="TakeAsync(IDocumentSession, IEnumerable{Guid}, CancellationToken)"/>.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentSession, object> Holders = new();

    /// <summary>
    /// Whether this session took case write locks (a step on two cases locks both before the step reads either): what
    /// follows must go on in its transaction, for another session would wait for those locks for ever.
    /// </summary>
    public static bool HeldBy(IDocumentSession session) => Holders.TryGetValue(session, out _);

    /// <summary>Begins the session's transaction (if it has none) and waits for the write lock of each case; held until commit or rollback.</summary>
    public static async Task TakeAsync(IDocumentSession session, IEnumerable<Guid> caseIds, CancellationToken ct)
    {
        var keys = caseIds.Select(Key).Distinct().Order().ToArray();
        if (keys.Length == 0) return;
        Holders.AddOrUpdate(session, Holders);
        await session.BeginTransactionAsync(ct);
        // unnest yields the array in order, so the locks are taken in ascending key order.
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock(@space, k) from unnest(@keys) as k", session.Connection);
        command.Parameters.AddWithValue("space", Space);
        command.Parameters.AddWithValue("keys", keys);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static Task TakeAsync(IDocumentSession session, Guid caseId, CancellationToken ct) => TakeAsync(session, [caseId], ct);

    /// <summary>
    /// The same lock as the first statement of a batch of reads, so a step waits for the lock and reads the case in one round
    /// trip: PostgreSQL runs the batch's statements in order, each reading what was committed when it starts, so the reads
    /// behind the lock see the case as its last writer committed it. The session's transaction must be begun first
    /// (<c>session.BeginTransactionAsync</c>, which sends nothing until the batch), or the lock would end with the batch.
    /// </summary>
    public static Task Take(Marten.Services.BatchQuerying.IBatchedQuery batch, Guid caseId) =>
        batch.Query<string>("select 'locked' from pg_advisory_xact_lock(?, ?)", Space, Key(caseId));

    /// <summary>32 bits of the case id; two cases sharing a key only wait for each other, which is harmless.</summary>
    private static int Key(Guid caseId)
    {
        Span<byte> bytes = stackalloc byte[16];
        caseId.TryWriteBytes(bytes);
        var hash = 0;
        for (var i = 0; i < 16; i += 4) hash ^= BitConverter.ToInt32(bytes[i..(i + 4)]);
        return hash;
    }
}
