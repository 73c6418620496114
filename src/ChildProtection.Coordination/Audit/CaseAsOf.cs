using ChildProtection.Coordination.Cases.GetCase;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Audit;

/// <summary>
/// A case as it stood at a version or an instant (recorded time), folded again from its events by Marten's
/// time travel with the registered <see cref="CaseSummaryProjection"/>; never a stored copy.
/// </summary>
public static class CaseAsOf
{
    /// <summary>The caller was admitted on the case as it is now; the past state is shown through the caller's view of it.</summary>
    /// <param name="upTo">The last version this caller may see (a former owning commune: the transfer away from it); null for no limit.</param>
    public static async Task<IResult> GetAsync(Cases.Steps.Admitted admitted, IQuerySession session, HttpContext http, string? asOf, string? version,
        long? upTo = null)
    {
        var (point, problem) = PointInTime.Parse(http, asOf, version);
        if (problem is not null) return problem;
        if (upTo is { } limit) point = point! with { Version = Math.Min(point.Version ?? limit, limit) };

        // The stored summary only says how far the stream goes.
        var caseId = admitted.Summary.Id;
        if (point!.Beyond(http, admitted.Summary.Version) is { } beyond) return beyond;

        var summary = await AggregateAsync(session, caseId, point, http.RequestAborted);
        return summary is null
            ? Problems.NotFound(http, $"Case {caseId} had not been reported {point.Describe()}.")
            : await CaseRelease.AnswerAsync(http, session, admitted, summary, "case-as-of");
    }

    public static Task<CaseSummary?> AggregateAsync(IQuerySession session, Guid caseId, PointInTime point, CancellationToken ct) =>
        CaseSummaryReplay.AggregateAsync(session, caseId, point, ct);
}
