using ChildProtection.Coordination.Api;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Privacy;
using Marten;

namespace ChildProtection.Coordination.Audit;

/// <summary>
/// A case as it stood at a version or an instant (recorded time), folded again from its events by Marten's
/// time travel with the registered <see cref="CaseSummaryProjection"/>; never a stored copy.
/// </summary>
public static class CaseAsOf
{
    public static async Task<IResult> GetAsync(Guid caseId, IQuerySession session, HttpContext http, string? asOf, string? version)
    {
        var (point, problem) = PointInTime.Parse(http, asOf, version);
        if (problem is not null) return problem;

        // The stored summary only says the case exists and how far its stream goes.
        var current = await session.LoadAsync<CaseSummary>(caseId, http.RequestAborted);
        if (current is null) return Problems.NotFound(http, $"No case {caseId}.");
        if (point!.Beyond(http, current.Version) is { } beyond) return beyond;

        var summary = await AggregateAsync(session, caseId, point, http.RequestAborted);
        if (summary is null) return Problems.NotFound(http, $"Case {caseId} had not been reported {point.Describe()}.");
        // Folded from the events, so sealed as they are; and "[erased]" even as of a time before the erasure.
        return Results.Ok(await IdentityVault.RevealAsync(session, summary, http.RequestAborted));
    }

    public static Task<CaseSummary?> AggregateAsync(IQuerySession session, Guid caseId, PointInTime point, CancellationToken ct) =>
        session.Events.AggregateStreamAsync<CaseSummary>(caseId, version: point.Version ?? 0, timestamp: point.AsOf, token: ct);
}
