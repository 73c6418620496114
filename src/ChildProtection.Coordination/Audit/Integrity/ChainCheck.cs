namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>Where a case's chain first breaks (<c>Kind</c>: <c>altered</c>, <c>missing</c> or <c>reordered</c>), at which version, and why.</summary>
public sealed record ChainBreak(string Kind, long Version, long? Sequence, Guid? EventId, string Detail);

/// <summary>An event committed without a seal. Seals are written in the append's own transaction, so this is an event that did not come through the service.</summary>
public sealed record UnsealedEvent(long Version, long Sequence, Guid EventId);

/// <summary>Recomputes a case's chain from its rows and compares it with the seals; pure, so it can be tested without a database.</summary>
public static class ChainCheck
{
    public const string Altered = "altered", Missing = "missing", Reordered = "reordered";

    public sealed record Result(int Checked, string? Head, long HeadVersion, ChainBreak? FirstBreak,
        IReadOnlyList<UnsealedEvent> Unsealed, IReadOnlyDictionary<long, string> Recomputed);

    public static Result Run(IReadOnlyList<EventRow> rows, IReadOnlyList<EventSeal> seals)
    {
        var sealById = seals.ToDictionary(s => s.Id);
        var newestSealed = seals.Count == 0 ? 0 : seals.Max(s => s.Sequence);
        var recomputed = new Dictionary<long, string>();
        var hashes = new string[rows.Count];
        var previous = CaseChain.Genesis;
        // The case keeps the chain version it began with; a case with no seal yet will be sealed in the current one.
        var chainVersion = seals.Count == 0 ? CaseChain.Current : CaseChain.Version(seals.MinBy(s => s.Version)!.ChainVersion);
        for (var i = 0; i < rows.Count; i++)
        {
            hashes[i] = previous = CaseChain.Hash(rows[i], previous, sealById.TryGetValue(rows[i].Id, out var own) ? CaseChain.Version(own.ChainVersion) : chainVersion);
            recomputed.TryAdd(rows[i].Version, hashes[i]);
        }

        ChainBreak? walked = null;
        int count = 0;
        string? head = null;
        long headVersion = 0, expected = 1, lastSequence = 0;
        for (var i = 0; i < rows.Count && walked is null; i++)
        {
            var row = rows[i];
            if (!sealById.TryGetValue(row.Id, out var seal))
            {
                // Every event is sealed in the transaction that appends it (CaseSealListener): one without a seal did not
                // come through the service. Below a sealed one it was put there afterwards; after the last, it was added since.
                walked = new ChainBreak(Altered, row.Version, row.Sequence, row.Id, row.Sequence < newestSealed
                    ? "This event was never sealed, although later events were: it was inserted afterwards, outside the service."
                    : "This event was never sealed: every event is sealed in the transaction that appends it, so it was inserted outside the service.");
                continue;
            }
            count++;
            if (seal.Version != row.Version || seal.Sequence != row.Sequence)
                walked = new ChainBreak(Reordered, row.Version, row.Sequence, row.Id,
                    $"Sealed as version {seal.Version} (sequence {seal.Sequence}); now stored as version {row.Version} (sequence {row.Sequence}).");
            else if (row.Version != expected)
                walked = new ChainBreak(Missing, expected, null, null, $"Versions jump from {expected - 1} to {row.Version}.");
            else if (row.Sequence <= lastSequence)
                walked = new ChainBreak(Reordered, row.Version, row.Sequence, row.Id, $"Sequence {row.Sequence} follows {lastSequence}.");
            else if (hashes[i] != seal.Hash)
                walked = new ChainBreak(Altered, row.Version, row.Sequence, row.Id,
                    "The recomputed hash differs from the seal: the event's data or metadata, or an earlier link, changed.");
            else
            {
                head = hashes[i];
                headVersion = row.Version;
            }
            expected = row.Version + 1;
            lastSequence = row.Sequence;
        }

        var rowIds = rows.Select(r => r.Id).ToHashSet();
        var gone = seals.Where(s => !rowIds.Contains(s.Id)).MinBy(s => s.Version) is { } s
            ? new ChainBreak(Missing, s.Version, s.Sequence, s.Id, $"The event sealed as version {s.Version} (sequence {s.Sequence}) no longer exists.")
            : null;
        var first = gone is not null && (walked is null || gone.Version <= walked.Version) ? gone : walked;

        var unsealed = rows.Where(r => !sealById.ContainsKey(r.Id))
            .Select(r => new UnsealedEvent(r.Version, r.Sequence, r.Id)).ToList();
        return new Result(count, head, headVersion, first, unsealed, recomputed);
    }
}
