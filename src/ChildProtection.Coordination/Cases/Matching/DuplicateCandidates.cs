using Marten;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>A case whose child may be this case's child: its match score and the parts that agreed.</summary>
public sealed record ScoredCandidate(Guid CaseId, MatchScore Match);

/// <summary>
/// The lookup: the match keys sharing a block with this one (one GIN index scan over the blocks), scored in memory, best
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
        IReadOnlyCollection<Guid> rejected, CancellationToken ct)
    {
        if (key.Probes.Length == 0) return [];
        // One parameter, the array (params would spread a string[] into one parameter per block).
        var found = await session.QueryAsync<ChildMatchKey>($"where blocks && ? limit {FetchLimit}", ct, new object[] { key.Probes });
        return Rank(key, found, threshold, rejected);
    }

    /// <summary>
    /// Pure: the candidates among <paramref name="found"/> at or above the threshold, best first, at most <see cref="Limit"/>. A
    /// name that several of the children found share (namesakes of about that age) says less about any one of them, so each
    /// such candidate's score is lowered by <see cref="SharedNamePenalty"/>.
    /// </summary>
    public static IReadOnlyList<ScoredCandidate> Rank(ChildMatchKey key, IEnumerable<ChildMatchKey> found, double threshold, IReadOnlyCollection<Guid> rejected)
    {
        var others = found.Where(k => k.Id != key.Id && k.KeyId == key.KeyId).ToList();
        var namesakes = others.GroupBy(NameOf).ToDictionary(g => g.Key, g => g.Count());
        return others.Where(k => !rejected.Contains(k.Id))
            .Select(k =>
            {
                var match = MatchScoring.Score(key, k);
                if (namesakes[NameOf(k)] > 1) match = match with { Score = Math.Max(0, Math.Round(match.Score - SharedNamePenalty, 3)) };
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
