using ChildProtection.Coordination.Common.Keys;
using System.Security.Claims;
using ChildProtection.Coordination.Cases.GetCase;
using Marten;
using ChildProtection.Coordination.Cases.Access;
using ChildProtection.Coordination.Cases.Identity;
namespace ChildProtection.Coordination.Integration;

/// <summary>The child's identity, released to an integrator granted <c>case:identity</c> where consent permits.</summary>
public sealed record IdentityV1(string Name, DateOnly? DateOfBirth, string? School);

/// <summary>
/// Identity on the public contracts: none by default. A caller whose token's <c>scope</c> holds <c>case:identity</c>
/// gets the child's identity on <c>case.reported.v1</c> only where the consent ledger permits an integrator to
/// receive it for case coordination; otherwise the event says why it is withheld (<c>identitywithheld</c>:
/// <c>no-consent</c> or <c>erased</c>). The reporter's identity is never released: they agreed to be recorded, not disclosed.
/// The feed calls <see cref="ApplyAsync"/> on each batch; a webhook sender calls it the same way.
/// </summary>
public static class IntegratorIdentity
{
    public const string Scope = "case:identity";
    public const string NoConsent = "no-consent";
    public const string Erased = "erased";
    /// <summary>The token asked for identity, but its agency's grant does not include it.</summary>
    public const string NotGranted = "not-granted";

    /// <summary>The purpose recorded in the access log when identity leaves on the feed or a webhook.</summary>
    public const string Purpose = "integration";

    /// <summary>The fields of <see cref="IdentityV1"/>, as the access log names them.</summary>
    public static readonly IReadOnlyList<string> Fields = ["child.name", "child.dateOfBirth", "child.school"];

    /// <summary>Every <c>case.reported.v1</c> of the batch without identity, saying why.</summary>
    public static IReadOnlyList<CloudEvent> Withhold(IReadOnlyList<CloudEvent> events, string reason) =>
        events.Select(e => e.Data is CaseReportedV1 ? e with { Identitywithheld = reason } : e).ToList();

    /// <summary>The cases whose identity the batch carries: what the access log records.</summary>
    public static IReadOnlyCollection<Guid> ReleasedTo(IReadOnlyList<CloudEvent> events) =>
        events.Select(e => e.Data).OfType<CaseReportedV1>().Where(r => r.Identity is not null).Select(r => r.CaseId).Distinct().ToList();

    /// <summary>The token asks for identity; what it gets also depends on its agency's grant (<see cref="IntegratorGrant.Identity"/>).</summary>
    public static bool Granted(ClaimsPrincipal user) => Auth.Scopes.Has(user, Scope);

    /// <summary>The decision for one case, from its summary with the identity already revealed.</summary>
    /// <param name="consents">The consents on record for the child, with those of the cases linked as the same child; null: the case's own.</param>
    public static (IdentityV1? Identity, string? Withheld) Release(CaseSummary revealed, DateTimeOffset now, IReadOnlyList<Cases.Identity.Consent>? consents = null)
    {
        if (revealed.IdentityErased) return (null, Erased);
        var (permitted, _) = Disclosure.Permits(revealed, RecipientKind.Integrator, ConsentPurpose.CaseCoordination, now, consents);
        var child = revealed.Child;
        return permitted ? (new IdentityV1(child.Name, child.DateOfBirth, child.School), null) : (null, NoConsent);
    }

    /// <summary>A batch of public events with the identity released (or withheld, with the reason) on each <c>case.reported.v1</c>.</summary>
    public static async Task<IReadOnlyList<CloudEvent>> ApplyAsync(IQuerySession session, IKeyEncryptionKeys keys, IReadOnlyList<CloudEvent> events, DateTimeOffset now,
        CancellationToken ct)
    {
        var caseIds = events.Select(e => e.Data).OfType<CaseReportedV1>().Select(r => r.CaseId).Distinct().ToArray();
        if (caseIds.Length == 0) return events;
        var vault = new IdentityVault(session, keys);
        var released = new Dictionary<Guid, (IdentityV1? Identity, string? Withheld)>();
        foreach (var summary in await session.LoadManyAsync<CaseSummary>(ct, caseIds))
            released[summary.Id] = Release(await vault.RevealAsync(summary, ct), now, await Cases.Matching.SameChild.ConsentsAsync(session, summary, ct));
        return events.Select(e => e.Data is CaseReportedV1 r && released.TryGetValue(r.CaseId, out var x)
                ? e with { Data = r with { Identity = x.Identity }, Identitywithheld = x.Withheld }
                : e)
            .ToList();
    }
}
