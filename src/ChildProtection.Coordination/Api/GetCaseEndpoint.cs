using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Api;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Access;
namespace ChildProtection.Coordination.Api;

public static class GetCaseEndpoint
{
    /// <summary>
    /// The case now, as the caller's role may see it (<see cref="CaseViews"/>); with <c>asOf</c> (an instant, by recorded
    /// time) or <c>version</c>, as it stood then, folded again from its events.
    /// </summary>
    [WolverineGet("/api/cases/{caseId}", OperationId = "GetCase")]
    [ReadResponses(typeof(CaseSummary))]
    public static async Task<IResult> Get(Guid caseId, IQuerySession session, HttpContext http, string? asOf = null, string? version = null)
    {
        var (refused, admitted) = await CaseGate.CheckAsync(session, http, caseId, CaseAction.Read);
        if (refused is not null) return refused;
        // A commune the case was transferred away from reads it as it stood at that transfer (Cases/Access/FormerOwner.cs).
        if (FormerOwner.ReadsUpToTransfer(admitted!.Access.Relations))
            return await CaseAsOf.GetAsync(admitted, session, http, asOf, version,
                await FormerOwner.TransferVersionAsync(session, caseId, admitted.Actor.Agency, http.RequestAborted));
        if (asOf is not null || version is not null) return await CaseAsOf.GetAsync(admitted!, session, http, asOf, version);
        var summary = admitted!.Summary;

        var etag = CaseResponses.ETag(summary.Version);
        http.Response.Headers.ETag = etag;
        if (CaseResponses.IfNoneMatchHits(http, summary.Version)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return await CaseRelease.AnswerAsync(http, session, admitted, summary, "case");
    }
}
