using Wolverine.Attributes;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Audit.Integrity;

public sealed record AuditAnchorPage(IReadOnlyList<AuditAnchor> Items, int Page, int PageSize, long Total);

public static class AuditAnchorEndpoints
{
    /// <summary>Every anchor cut so far, newest first: keep copies of the digests outside the service.</summary>
    [WolverineGet("/api/audit/anchors", OperationId = "GetAuditAnchors")]
    [ReadResponses(typeof(AuditAnchorPage), tag: "Audit")]
    public static async Task<IResult> Get(IQuerySession session, HttpContext http, string? page = null, string? pageSize = null)
    {
        if (Refuse(http, Roles.Auditor, Roles.Admin) is { } refused) return refused;
        var (number, size, problem) = Paging.Parse(http, page, pageSize);
        if (problem is not null) return problem;
        var total = await session.Query<AuditAnchor>().CountAsync(http.RequestAborted);
        var items = await session.Query<AuditAnchor>().OrderByDescending(a => a.CutAt)
            .Skip((number - 1) * size).Take(size).ToListAsync(http.RequestAborted);
        // The digest, statement and signature vouch for every case together and name none; the list of cases covered
        // names every case in the country. A provincial auditor gets the first and finds its own cases' entries on each
        // case's integrity check and export, which its reach already limits.
        if (CaseReach.IsProvincial(Actor.From(http.User)!))
            foreach (var anchor in items) anchor.Covered = [];
        return Results.Ok(new AuditAnchorPage(items, number, size, total));
    }

    /// <summary>Cuts an anchor now over every case's sealed chain head (administrators only).</summary>
    [WolverinePost("/api/audit/anchors", OperationId = "CutAuditAnchor")]
    [NonTransactional]
    [ReadResponses(typeof(AuditAnchor), StatusCodes.Status201Created, "Audit")]
    public static async Task<IResult> Post(IDocumentSession session, HttpContext http, TimeProvider time, AnchorSigner signer,
        Microsoft.Extensions.Options.IOptions<AuditOptions> options, Wolverine.IMessageBus bus)
    {
        if (Refuse(http, Roles.Admin) is { } refused) return refused;
        var anchor = await AuditAnchors.CutAsync(session, time, signer, Actor.From(http.User)!.UserId, http.RequestAborted);
        // Saved here rather than by the transaction middleware so the answer is what was stored.
        await session.SaveChangesAsync(http.RequestAborted);
        // After the save: a publication lost to a crash here is sent with the next scheduled anchor.
        if (AnchorPublication.Configured(options.Value)) await bus.PublishAsync(new PublishAnchor(anchor.Id));
        return Results.Created("/api/audit/anchors", anchor);
    }

    /// <summary>The public key anchors are signed with (ES256), to check a published anchor outside the service.</summary>
    [WolverineGet("/api/audit/anchors/public-key", OperationId = "GetAnchorPublicKey")]
    [ReadResponses(typeof(AnchorPublicKey), tag: "Audit")]
    public static IResult PublicKey(HttpContext http, AnchorSigner signer)
    {
        if (Actor.From(http.User) is null) return Problems.MissingClaims(http);
        return signer.PublicKey is { } key ? Results.Ok(key)
            : Problems.NotFound(http, "No anchor signing key is configured (Audit:AnchorKeyFile): anchors are unsigned.");
    }

    private static IResult? Refuse(HttpContext http, params string[] roles)
    {
        if (Actor.From(http.User) is not { } actor)
            return Problems.MissingClaims(http);
        return roles.Contains(actor.Role) ? null
            : Problems.Forbidden(http, $"Only the roles {string.Join(", ", roles.Select(r => $"'{r}'"))} may do this; not '{actor.Role}'.");
    }
}
