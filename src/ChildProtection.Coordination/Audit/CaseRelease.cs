using ChildProtection.Coordination.Common.Keys;
using ChildProtection.Coordination.Audit.AccessLog;
using ChildProtection.Coordination.Cases.Access;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Auth;
using Marten;

namespace ChildProtection.Coordination.Audit;

/// <summary>A case released to a caller: opened, checked against consent, cut to the caller's view, and recorded in the access log where the law asks.</summary>
public static class CaseRelease
{
    /// <summary>The caller's view of <paramref name="summary"/>, its release recorded in the access log where it must be.</summary>
    public static async Task<IResult> AnswerAsync(HttpContext http, IQuerySession session, Admitted admitted, CaseSummary summary, string read)
    {
        var actor = admitted.Actor;
        // Sealed in the store; opened only now, for the consent check's exact age and the fields this view releases.
        var vault = new IdentityVault(session, http.RequestServices.GetRequiredService<IKeyEncryptionKeys>());
        var current = await vault.RevealAsync(admitted.Summary, http.RequestAborted);
        var asItIsNow = ReferenceEquals(summary, admitted.Summary);
        if (!asItIsNow) summary = await vault.RevealAsync(summary, http.RequestAborted);
        // Consent as it stands now decides, also for a read as of an earlier time; a consent recorded on a case of the same child counts.
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var consents = Disclosure.NeedsConsent(actor.Role) ? await SameChild.ConsentsAsync(session, current, http.RequestAborted) : null;
        var (permitted, reason) = Disclosure.Check(current, actor.Role, now, consents);
        if (!permitted) return Problems.Forbidden(http, $"Disclosing a case to the role '{actor.Role}' needs consent: {reason}.");
        var view = CaseViews.For(actor.Role, admitted.Access.Relations, actor.Agency, summary, permitted);
        // The child's other reports, read together: only what the caller may read of each, never their identity.
        if (view.Released.Contains("sameChildTimeline"))
            view.Body["sameChildTimeline"] = System.Text.Json.JsonSerializer.SerializeToNode(
                await SameChild.TimelineAsync(session, actor, current, now, http.RequestAborted), CaseJson.Options);
        // The case as it is now lists the possible duplicates its caller may look for, as GET …/possible-duplicates does (an
        // as-of read does not: the candidates are today's, not the case's then).
        if (view.Released.Contains("possibleDuplicates") && asItIsNow
            && CasePermissions.Allows(CaseAction.FindDuplicates, actor.Role, admitted.Access.Relations))
            view.Body["possibleDuplicates"] = System.Text.Json.JsonSerializer.SerializeToNode(await PossibleDuplicatesReader.ForAsync(session, http, actor, current,
                http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<MatchingOptions>>().Value.Threshold), CaseJson.Options);
        if (view.ReleasesDetails) await CaseAccessLog.RecordAsync(http, admitted, read, view.Released);
        return Results.Json(view.Body, CaseJson.Options);
    }
}
