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

    public static async Task<IReadOnlyList<ScoredCandidate>> FindAsync(IQuerySession session, ChildMatchKey key, double threshold,
        IReadOnlyCollection<Guid> rejected, CancellationToken ct)
    {
        if (key.Probes.Length == 0) return [];
        // One parameter, the array (params would spread a string[] into one parameter per block).
        var found = await session.QueryAsync<ChildMatchKey>("where blocks && ?", ct, new object[] { key.Probes });
        return Rank(key, found, threshold, rejected);
    }

    /// <summary>Pure: the candidates among <paramref name="found"/> at or above the threshold, best first, at most <see cref="Limit"/>.</summary>
    public static IReadOnlyList<ScoredCandidate> Rank(ChildMatchKey key, IEnumerable<ChildMatchKey> found, double threshold, IReadOnlyCollection<Guid> rejected) =>
        found.Where(k => k.Id != key.Id && k.KeyId == key.KeyId && !rejected.Contains(k.Id))
            .Select(k => new ScoredCandidate(k.Id, MatchScoring.Score(key, k)))
            .Where(c => c.Match.Score >= threshold)
            .OrderByDescending(c => c.Match.Score).ThenBy(c => c.CaseId)
            .Take(Limit)
            .ToList();
}
