using ChildProtection.Coordination.Common.Keys;
using ChildProtection.Coordination.Audit.AccessLog;
using ChildProtection.Coordination.Auth;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Audit;

public sealed record CaseHistory(Guid CaseId, long CurrentVersion, IReadOnlyList<HistoryEntry> Items, int Page, int PageSize, long Total);

public static class GetCaseHistoryEndpoint
{
    /// <summary>
    /// Every event of the case in stream order, with who recorded it, when it was recorded and when the step says it happened.
    /// <c>asOf</c> (recorded time) or <c>version</c>: only what was known then. <c>happenedBefore</c>: only steps that happened
    /// (step time, else recorded time) strictly before that instant.
    /// </summary>
    [WolverineGet("/api/cases/{caseId}/history", OperationId = "GetCaseHistory")]
    [ReadResponses(typeof(CaseHistory))]
    public static async Task<IResult> Get(Guid caseId, IQuerySession session, HttpContext http, IOptions<AuditOptions> options,
        string? asOf = null, string? version = null, string? happenedBefore = null, string? page = null, string? pageSize = null)
    {
        var (refused, admitted) = await CaseGate.CheckAsync(session, http, caseId, CaseAction.ReadHistory);
        if (refused is not null) return refused;
        var (point, pointProblem) = PointInTime.Parse(http, asOf, version);
        if (pointProblem is not null) return pointProblem;
        DateTimeOffset? before = null;
        if (happenedBefore is not null)
        {
            if (!PointInTime.TryInstant(happenedBefore, out var b))
                return Problems.Invalid(http, "happenedBefore", PointInTime.InstantRule("happenedBefore"));
            before = b;
        }
        var (pageNumber, size, pagingProblem) = Paging.Parse(http, page, pageSize);
        if (pagingProblem is not null) return pagingProblem;

        var (outcome, entries, current) = await CaseTimeline.LoadAsync(session, http.RequestServices.GetRequiredService<IKeyEncryptionKeys>(), caseId, point!, options.Value.LateEntryThreshold, http.RequestAborted);
        switch (outcome)
        {
            case CaseTimeline.Outcome.UnknownCase: return Problems.NotFound(http, $"No case {caseId}.");
            case CaseTimeline.Outcome.VersionBeyond: return point!.Beyond(http, current)!;
            case CaseTimeline.Outcome.NotYet: return Problems.NotFound(http, $"Case {caseId} had not been reported {point!.Describe()}.");
        }

        var selected = before is { } cut ? entries.Where(e => (e.StepAt ?? e.RecordedAt) < cut).ToList() : entries;
        var items = selected.Skip((pageNumber - 1) * size).Take(size).ToList();
        // The history is the record as a whole: every event's data, identity included.
        await CaseAccessLog.RecordAsync(http, admitted!, "history", ["history"]);
        return Results.Ok(new CaseHistory(caseId, current, items, pageNumber, size, selected.Count));
    }
}
