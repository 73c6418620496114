using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Common.Keys;
using Marten;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>
/// Match keys for the cases that have none — reported before matching existed, hashed with a service key no longer in use, or
/// of an earlier scheme (<see cref="ChildMatchKey.Scheme"/>) — computed as intake computes them: from the report's identity and
/// the schools a return to school named, each opened with the case's own key in memory only. An erased case gets none. A batch per transaction, under the cases' write locks,
/// so a step or an erasure of the same case waits for it (and it for them).
/// </summary>
public static class MatchKeyBackfill
{
    /// <summary>How many keys were computed, and how many cases were looked at (erased ones included).</summary>
    public sealed record Outcome(int Computed, int Seen);

    public static async Task<Outcome> RunAsync(IDocumentStore store, MatchKeySecret secret, IKeyEncryptionKeys keys, TimeProvider time, int batchSize,
        CancellationToken ct)
    {
        int computed = 0, seen = 0;
        await DropLegacyKeysAsync(store, ct);
        while (true)
        {
            await using var session = store.LightweightSession();
            // Case ids are version 7 (time-ordered): a case reported meanwhile comes after the pages already read, and nothing
            // leaves the list (an erased case is skipped below), so the pages never shift.
            var ids = await session.Query<CaseSummary>().OrderBy(s => s.Id).Select(s => s.Id).Skip(seen).Take(batchSize).ToListAsync(ct);
            if (ids.Count == 0) return new Outcome(computed, seen);
            seen += ids.Count;

            var current = await MatchKeyStorage.WithKeyAsync(session, ids, ChildMatchKey.KeyIdOf(secret), ct);
            var missing = ids.Where(id => !current.Contains(id)).ToList();
            if (missing.Count == 0) continue;
            await CaseWriteLock.TakeAsync(session, missing, ct);
            var vault = new IdentityVault(session, keys);
            await vault.PreloadAsync(missing, ct);
            foreach (var caseId in missing)
            {
                // Erased since the batch was read: nothing to open, and no key is due.
                if (await session.LoadAsync<Case>(caseId, ct) is not { IdentityErased: false }) continue;
                if (await IdentityAsync(session, vault, caseId, [], ct) is not { } identity) continue;
                MatchKeyStorage.Store(session, ChildMatchKey.Compute(caseId, identity, secret, time.GetUtcNow()));
                computed++;
            }
            await session.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Scheme 1 kept match keys as JSON documents (<see cref="MatchKeyStorage.LegacyDocumentTable"/>) that nothing reads any more
    /// and no erasure reaches: they go before any key is recomputed. Their index entries stay in the block table until the
    /// case's new key replaces them (they lead to no key meanwhile: a lookup reads only keys of its own scheme).
    /// </summary>
    private static async Task DropLegacyKeysAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.QueueSqlCommand($"drop table if exists {store.Options.DatabaseSchemaName}.{MatchKeyStorage.LegacyDocumentTable}");
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Pure: the identity matching compares, from a case's events opened (corrections applied); null without a report.</summary>
    /// <summary>
    /// The identity matching compares, as the case's stream and <paramref name="pending"/> (events in clear not yet stored)
    /// give it, each stored event opened with the case's key in memory only; null without a report.
    /// </summary>
    public static async Task<MatchIdentity?> IdentityAsync(IDocumentSession session, IdentityVault vault, Guid caseId,
        IEnumerable<object> pending, CancellationToken ct)
    {
        var open = await vault.RevealerAsync(caseId, ct);
        var stored = await session.Events.FetchStreamAsync(caseId, token: ct);
        return Identity(stored.Select(e => IdentityFields.Reveal(e.Data, open)).Concat(pending).ToList());
    }

    public static MatchIdentity? Identity(IReadOnlyList<object> opened)
    {
        if (opened.OfType<CaseReported>().FirstOrDefault() is not { } report) return null;
        // The identity as corrected since the report, each correction over the one before.
        var (child, carers) = (report.Child, report.Carers);
        foreach (var correction in opened.OfType<ChildIdentityCorrected>()) (child, carers) = correction.ApplyTo(child, carers);
        var identity = MatchIdentity.Of(child, report.ReceivedAt, carers);
        var schools = opened.Select(e => e switch
        {
            SchoolReintegrationPlanned p => p.School,
            SchoolReintegrationCompleted c => c.School,
            _ => null,
        }).OfType<string>();
        return identity with { Schools = [.. identity.Schools.Concat(schools).Distinct()] };
    }
}
