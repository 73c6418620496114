using ChildProtection.Coordination.Cases.GetCase;
using Marten;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>What the cases linked as the same child add to a decision on this one: one child, one count of interviews.</summary>
public static class SameChild
{
    /// <summary>The interview sessions of the linked cases; null (nothing read) when the case has no same-child link.</summary>
    public static async Task<IReadOnlyList<LinkedSession>?> SessionsAsync(IQuerySession session, Case current, CancellationToken ct)
    {
        var linked = current.Links.Where(l => l.Kind == CaseLinkKind.SameChild).Select(l => l.OtherCaseId).Distinct().ToArray();
        if (linked.Length == 0) return null;
        var others = await session.LoadManyAsync<CaseSummary>(ct, linked);
        return others.SelectMany(o => o.Interviews).Select(i => new LinkedSession(i.StartedAt ?? i.ScheduledFor, i.StartedAt is not null)).ToList();
    }
}
