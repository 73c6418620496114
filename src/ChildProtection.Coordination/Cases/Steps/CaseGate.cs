using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.GetCase;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Access;
namespace ChildProtection.Coordination.Cases.Steps;

/// <summary>A caller let through to a case: who, the case as stored now, and how the caller's agency stands to it.</summary>
public sealed record Admitted(Actor Actor, CaseSummary Summary, CaseAccess Access);

/// <summary>
/// The permission matrix (<see cref="CasePermissions"/>) enforced at the HTTP edge, in this order: a role that may
/// never take the action → 403 without looking at the case; an unknown case, or one the caller's agency has no
/// relation to → 404 "No case {id}" (its existence must not leak); related, but not in a relation the cell allows
/// → 403 naming role, action and relation.
/// </summary>
public static class CaseGate
{
    /// <summary>The role alone: null when the role may take the action under some relation.</summary>
    public static IResult? RefuseRole(HttpContext http, CaseAction action, out Actor? actor)
    {
        actor = Actor.From(http.User);
        if (actor is null) return Problems.MissingClaims(http);
        return CasePermissions.AllowsSomewhere(action, actor.Role)
            ? null
            : Problems.Forbidden(http, $"The role '{actor.Role}' may not take the action '{action}' on any case.");
    }

    public static async Task<(IResult? Problem, Admitted? Admitted)> CheckAsync(IQuerySession session, HttpContext http, Guid caseId, CaseAction action)
    {
        if (RefuseRole(http, action, out var actor) is { } refused) return (refused, null);
        return await CheckAsync(session, http, caseId, action, actor!);
    }

    public static async Task<(IResult? Problem, Admitted? Admitted)> CheckAsync(IQuerySession session, HttpContext http, Guid caseId, CaseAction action, Actor actor) =>
        await CheckAsync(session, http, caseId, action, actor, await session.LoadAsync<CaseSummary>(caseId, http.RequestAborted), null);

    /// <summary>The check on a case summary (and what the gate reads from the directory) already read; a null summary is an unknown case.</summary>
    public static async Task<(IResult? Problem, Admitted? Admitted)> CheckAsync(IQuerySession session, HttpContext http, Guid caseId, CaseAction action, Actor actor,
        CaseSummary? summary, GateReads? read)
    {
        var ct = http.RequestAborted;
        if (summary is null) return (NotFound(http, caseId), null);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var access = await CaseRelationsLoader.LoadAsync(session, actor, summary, now, read, ct);
        if (access.Relations == CaseRelation.None) return (NotFound(http, caseId), null);
        if (!CasePermissions.Allows(action, actor.Role, access.Relations))
            return (Problems.Forbidden(http, $"The role '{actor.Role}' may not take the action '{action}' on a case to which its agency's relation is " +
                $"{CasePermissions.Describe(access.Relations)}; it needs: {CasePermissions.Describe(CasePermissions.Cell(actor.Role, action))}."), null);
        return (null, new Admitted(actor, summary, access));
    }

    public static IResult NotFound(HttpContext http, Guid caseId) => Problems.NotFound(http, $"No case {caseId}.");
}
