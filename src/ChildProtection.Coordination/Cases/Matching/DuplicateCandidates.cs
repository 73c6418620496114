using Marten;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>A case whose child may be this case's child: its match score and the parts that agreed.</summary>
public sealed record ScoredCandidate(Guid CaseId, MatchScore Match);

/// <summary>
/// The lookup: the match keys sharing a block with this one (through the block table's btree), scored in memory, best
/// first. Keys hashed with another service key, the case itself, and cases judged another child are left out.
/// </summary>
public static class DuplicateCandidates
{
    public const int Limit = 20;

    /// <summary>
    /// At most this many keys are read and scored per lookup. Children sharing a block are namesakes of about one age; a real
    /// province has tens of them, but the same name reported over and over (a test, a mistake, an attack) must not make every
    /// report read and score thousands of keys. Past the bound the lookup is a sample of the namesakes.
    /// </summary>
    public const int FetchLimit = 500;

    public static async Task<IReadOnlyList<ScoredCandidate>> FindAsync(IQuerySession session, ChildMatchKey key, double threshold,
        IReadOnlyCollection<Guid> rejected, CancellationToken ct) =>
        Rank(key, await ReadAsync(session, key, ct), threshold, rejected);

    /// <summary>The match keys sharing an index entry with <paramref name="key"/>, unscored (itself among them).</summary>
    public static async Task<IReadOnlyList<ChildMatchKey>> ReadAsync(IQuerySession session, ChildMatchKey key, CancellationToken ct)
    {
        if (key.Probes.Length == 0) return [];
        // One parameter, the array (params would spread it into one parameter per block). The subquery is an index-only scan of
        // the block table's primary key; the keys it names are then read by their own primary key, at most FetchLimit of them.
        return await session.QueryAsync<ChildMatchKey>(
            $"where id in (select case_id from {MatchKeyStorage.BlockTableOf(session)} where block = any(?)) limit {FetchLimit}", ct, new object[] { key.Probes });
    }

    /// <summary>
    /// Pure: the candidates among <paramref name="found"/> at or above the threshold, best first, at most <see cref="Limit"/>. A
    /// name that several children among those found share (namesakes of about that age) says less about any one of them, so each
    /// such candidate's score is lowered by <see cref="SharedNamePenalty"/> — but only when those bearing the name look like two
    /// children to each other: one child reported twice before is no namesake of itself.
    /// </summary>
    public static IReadOnlyList<ScoredCandidate> Rank(ChildMatchKey key, IEnumerable<ChildMatchKey> found, double threshold, IReadOnlyCollection<Guid> rejected)
    {
        var others = found.Where(k => k.Id != key.Id && k.KeyId == key.KeyId).ToList();
        var shared = others.GroupBy(NameOf)
            .Where(g => g.Skip(1).Any(k => MatchScoring.Score(g.First(), k).Score < threshold))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return others.Where(k => !rejected.Contains(k.Id))
            .Select(k =>
            {
                var match = MatchScoring.Score(key, k);
                if (shared.Contains(NameOf(k))) match = match with { Score = Math.Max(0, Math.Round(match.Score - SharedNamePenalty, 3)) };
                return new ScoredCandidate(k.Id, match);
            })
            .Where(c => c.Match.Score >= threshold)
            .OrderByDescending(c => c.Match.Score).ThenBy(c => c.CaseId)
            .Take(Limit)
            .ToList();
    }

    public const double SharedNamePenalty = 0.05;

    private static string NameOf(ChildMatchKey k) => string.Join(',', k.Tokens.Order(StringComparer.Ordinal));
}
