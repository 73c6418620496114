using Marten;
using Npgsql;
using NpgsqlTypes;
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
    /// At most this many keys are read and scored per lookup: those sharing the most telling index entries with the key. Children
    /// sharing an entry are namesakes of about one age; a real province has tens of them, but the same name reported over and
    /// over (a test, a mistake, an attack), or a million children drawn from few names and places, must not make every report
    /// read and score hundreds of keys. Past the bound the keys that share only crowded entries are left unread.
    /// </summary>
    public const int FetchLimit = 100;

    public static async Task<IReadOnlyList<ScoredCandidate>> FindAsync(IQuerySession session, ChildMatchKey key, double threshold,
        IReadOnlyCollection<Guid> rejected, CancellationToken ct) =>
        Rank(key, await ReadAsync(session, key, ct), threshold, rejected);

    /// <summary>
    /// The match keys of the same service key and scheme sharing an index entry with <paramref name="key"/> (itself left out),
    /// the <paramref name="limit"/> sharing the most telling first, unscored. One statement: an index-only scan of the block
    /// table's primary key for the probes, each entry found weighing one over the number of keys under it (an entry a few
    /// children share tells more than one hundreds share — <see cref="Weights"/> is the same rule in memory), summed per case in
    /// SQL; only the best <paramref name="limit"/> records are then read, by their own primary key.
    /// </summary>
    public static async Task<IReadOnlyList<ChildMatchKey>> ReadAsync(IQuerySession session, ChildMatchKey key, CancellationToken ct, int limit = FetchLimit)
    {
        if (key.Probes.Length == 0) return [];
        var command = new NpgsqlCommand(Sql(MatchKeyStorage.BlockTableOf(session), MatchKeyStorage.KeyTableOf(session)))
        {
            Parameters =
            {
                new NpgsqlParameter { Value = key.Probes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new NpgsqlParameter { Value = key.Id, NpgsqlDbType = NpgsqlDbType.Uuid },
                new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer },
                new NpgsqlParameter { Value = key.KeyId, NpgsqlDbType = NpgsqlDbType.Text },
            },
        };
        var found = new List<ChildMatchKey>(Math.Min(limit, FetchLimit));
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct)) found.Add(MatchKeyRecord.Decode(reader.GetGuid(0), key.KeyId, (byte[])reader[1]));
        return found;
    }

    /// <summary>The lookup's statement: $1 the probes, $2 the case itself, $3 how many keys to read, $4 the key id.</summary>
    public static string Sql(string blockTable, string keyTable) =>
        $"""
        select k.case_id, k.record
        from (select case_id, sum(weight) as weight
              from (select case_id, 1.0::float8 / count(*) over (partition by block) as weight from {blockTable} where block = any($1)) entries
              where case_id <> $2
              group by case_id order by weight desc, case_id limit $3) found
        join {keyTable} k on k.case_id = found.case_id
        where k.key_id = $4
        order by found.weight desc, found.case_id
        """;

    /// <summary>
    /// Pure, the lookup's choice in memory (for the quality measure): the keys under <paramref name="key"/>'s probes in
    /// <paramref name="index"/> (entry → keys under it), itself left out, each weighing the sum over the entries it shares of one
    /// over that entry's number of keys, the heaviest <paramref name="limit"/> (ties by position).
    /// </summary>
    public static IReadOnlyList<int> Weights(ChildMatchKey key, int self, IReadOnlyDictionary<long, List<int>> index, int limit = FetchLimit)
    {
        var weights = new Dictionary<int, double>();
        foreach (var probe in key.Probes)
            if (index.TryGetValue(probe, out var under))
                foreach (var j in under)
                    if (j != self) weights[j] = weights.GetValueOrDefault(j) + 1.0 / under.Count;
        return weights.OrderByDescending(w => w.Value).ThenBy(w => w.Key).Take(limit).Select(w => w.Key).ToList();
    }

    /// <summary>
    /// Pure: the candidates among <paramref name="found"/> at or above the threshold, best first, at most <see cref="Limit"/>. A
    /// name that several children among those found share (namesakes of about that age) says less about any one of them, so each
    /// such candidate's score is lowered by <see cref="SharedNamePenalty"/> — but only when those bearing the name look like two
    /// children to each other: one child reported twice before is no namesake of itself.
    /// </summary>
    public static IReadOnlyList<ScoredCandidate> Rank(ChildMatchKey key, IEnumerable<ChildMatchKey> found, double threshold, IReadOnlyCollection<Guid> rejected,
        int limit = Limit)
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
            .Take(limit)
            .ToList();
    }

    public const double SharedNamePenalty = 0.05;

    private static string NameOf(ChildMatchKey k) => string.Join(',', k.Tokens.Order());
}
