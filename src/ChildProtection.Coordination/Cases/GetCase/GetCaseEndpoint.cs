using ChildProtection.Coordination.Api;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Audit.AccessLog;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Privacy;
using Marten;
using Wolverine.Http;

namespace ChildProtection.Coordination.Cases.GetCase;

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
        if (asOf is not null || version is not null) return await CaseAsOf.GetAsync(admitted!, session, http, asOf, version);
        var summary = admitted!.Summary;

        var etag = CaseResponses.ETag(summary.Version);
        http.Response.Headers.ETag = etag;
        if (CaseResponses.IfNoneMatchHits(http, summary.Version)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return await Answer(http, session, admitted, summary, "case");
    }

    /// <summary>The caller's view of <paramref name="summary"/>, its release recorded in the access log where it must be.</summary>
    public static async Task<IResult> Answer(HttpContext http, IQuerySession session, Admitted admitted, CaseSummary summary, string read)
    {
        var actor = admitted.Actor;
        // Sealed in the store; opened only now, for the consent check's exact age and the fields this view releases.
        var vault = new IdentityVault(session);
        var current = await vault.RevealAsync(admitted.Summary, http.RequestAborted);
        if (!ReferenceEquals(summary, admitted.Summary)) summary = await vault.RevealAsync(summary, http.RequestAborted);
        // Consent as it stands now decides, also for a read as of an earlier time.
        var (permitted, reason) = Disclosure.Check(current, actor.Role, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        if (!permitted) return Problems.Forbidden(http, $"Disclosing a case to the role '{actor.Role}' needs consent: {reason}.");
        var view = CaseViews.For(actor.Role, admitted.Access.Relations, actor.Agency, summary, permitted);
        if (view.ReleasesDetails) await CaseAccessLog.RecordAsync(http, admitted, read, view.Released);
        return Results.Json(view.Body, CaseJson.Options);
    }
}
