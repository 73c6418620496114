using System.Security.Claims;

namespace ChildProtection.Coordination.Auth;

/// <summary>
/// Grants a token carries in its space-separated <c>scope</c> claim, beside its role. The issuer (the OpenID Connect
/// authority; <c>ops/token --scope</c> locally) decides who holds them.
/// </summary>
public static class Scopes
{
    /// <summary>An auditor who reads every province's cases, not only its own agency's province.</summary>
    public const string AuditNational = "audit:national";

    public static bool Has(ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(scope);
}

/// <summary>How far a role that stands in relation <see cref="CaseRelation.Any"/> to cases reaches: the table the docs print.</summary>
public sealed record CaseReachRow(string Role, string Reaches, string? Widened);

public static class CaseReach
{
    /// <summary>The roles of <see cref="CasePermissions.IsSystemWide"/> and the cases they reach (docs/permissions-and-privacy.md, <c>case-reach</c>).</summary>
    public static readonly IReadOnlyList<CaseReachRow> Table =
    [
        new(Roles.Auditor, "the cases owned by a commune of its agency's province (the province as the directory answers today)", Scopes.AuditNational),
        new(Roles.Admin, "every case", null),
    ];

    /// <summary>An auditor without national scope: reaches only its own province's cases, on every read.</summary>
    public static bool IsProvincial(Actor actor) => actor.Role == Roles.Auditor && !actor.NationalScope;

    /// <summary>Whether a provincial reader whose agency is in <paramref name="readersProvince"/> reaches a case owned in <paramref name="casesProvince"/>.</summary>
    public static bool Reaches(string? readersProvince, string? casesProvince) =>
        readersProvince is not null && readersProvince == casesProvince;
}
