using ChildProtection.Coordination.Api;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Privacy;
using Marten;
using Wolverine.Http;

namespace ChildProtection.Coordination.Cases.GetCase;

public static class GetCaseEndpoint
{
    /// <summary>The case now; with <c>asOf</c> (an instant, by recorded time) or <c>version</c>, as it stood then, folded again from its events.</summary>
    [WolverineGet("/api/cases/{caseId}", OperationId = "GetCase")]
    [ReadResponses(typeof(CaseSummary))]
    public static async Task<IResult> Get(Guid caseId, IQuerySession session, HttpContext http, string? asOf = null, string? version = null)
    {
        if (CaseReads.Refuse(http) is { } refused) return refused;
        if (asOf is not null || version is not null) return await CaseAsOf.GetAsync(caseId, session, http, asOf, version);
        var summary = await session.LoadAsync<CaseSummary>(caseId, http.RequestAborted);
        if (summary is null) return Problems.NotFound(http, $"No case {caseId}.");
        summary = await IdentityVault.RevealAsync(session, summary, http.RequestAborted);

        var etag = CaseResponses.ETag(summary.Version);
        http.Response.Headers.ETag = etag;
        if (CaseResponses.IfNoneMatchHits(http, summary.Version)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Ok(summary);
    }
}

/// <summary>Who may read cases at all; which cases and which fields follow with agency scoping.</summary>
public static class CaseReads
{
    public static IResult? Refuse(HttpContext http)
    {
        if (Actor.From(http.User) is not { } actor)
            return Problems.MissingClaims(http);
        return CasePermissions.Allows(CaseAction.Read, actor.Role)
            ? null
            : Problems.Forbidden(http, $"The role '{actor.Role}' does not read cases; integrators follow the event feed.");
    }
}
