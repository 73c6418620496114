using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Audit.AccessLog;

/// <summary>One recorded read: who, for what, which fields, when.</summary>
public sealed record AccessLogEntry(long Number, string Read, string UserId, string UserName, string Agency, string Role,
    string Purpose, IReadOnlyList<string> Fields, DateTimeOffset ReadAt, string? CorrelationId);

public sealed record CaseAccessLogPage(Guid CaseId, IReadOnlyList<AccessLogEntry> Items, int Page, int PageSize, long Total);

public static class GetCaseAccessLogEndpoint
{
    /// <summary>Who outside the owning commune read the case, oldest first; for the owning commune, auditors and admins.</summary>
    [WolverineGet("/api/cases/{caseId}/access-log", OperationId = "GetCaseAccessLog")]
    [ReadResponses(typeof(CaseAccessLogPage))]
    public static async Task<IResult> Get(Guid caseId, IQuerySession session, HttpContext http, string? page = null, string? pageSize = null)
    {
        var (refused, _) = await CaseGate.CheckAsync(session, http, caseId, CaseAction.ReadAccessLog);
        if (refused is not null) return refused;
        var (pageNumber, size, pagingProblem) = Paging.Parse(http, page, pageSize);
        if (pagingProblem is not null) return pagingProblem;

        var events = await session.Events.FetchStreamAsync(CaseAccessLog.StreamId(caseId), token: http.RequestAborted);
        var entries = events.Where(e => e.Data is CaseRecordRead).ToList();
        var items = entries.Skip((pageNumber - 1) * size).Take(size)
            .Select(e => (e.Version, Read: (CaseRecordRead)e.Data))
            .Select(x => new AccessLogEntry(x.Version, x.Read.Read, x.Read.UserId, x.Read.UserName, x.Read.Agency, x.Read.Role,
                x.Read.Purpose, x.Read.Fields, x.Read.ReadAt, x.Read.CorrelationId))
            .ToList();
        return Results.Ok(new CaseAccessLogPage(caseId, items, pageNumber, size, entries.Count));
    }
}
