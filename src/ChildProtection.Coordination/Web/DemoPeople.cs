using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using Marten;

namespace ChildProtection.Coordination.Web;

/// <summary>A person of the local demo: a role at an agency of the directory.</summary>
public sealed record DemoPerson(string Role, Agency Agency)
{
    /// <summary>The form value and the user id: <c>role@agency</c>.</summary>
    public string Key => $"{Role}@{Agency.Id}";
}

/// <summary>
/// The people the local sign-in page offers: for every agency in service in the directory, the roles that work there
/// (the People's Committee has an officer and a Chair), and an auditor and an administrator at each province's
/// Department of Health. Only in local mode (Web/WebSetup.cs): in production people come from the OpenID Connect authority.
/// </summary>
public static class DemoPeople
{
    public static IReadOnlyList<string> RolesAt(AgencyKind kind) => kind switch
    {
        AgencyKind.Hotline => [Roles.HotlineOperator],
        AgencyKind.CommunePeoplesCommittee => [Roles.CommuneOfficer, Roles.CommuneChair],
        AgencyKind.CommunePolice or AgencyKind.ProvincialPolice => [Roles.PoliceOfficer],
        AgencyKind.HealthFacility => [Roles.HealthWorker],
        AgencyKind.ProvincialHealthDepartment => [Roles.HealthWorker, Roles.Auditor, Roles.Admin],
        AgencyKind.SocialWorkCentre or AgencyKind.JusticeLegalAid => [Roles.SocialWorker],
        AgencyKind.Education => [Roles.EducationOfficer],
        AgencyKind.MassOrganisation => [Roles.MassOrganisation],
        _ => [],
    };

    public static async Task<IReadOnlyList<DemoPerson>> ListAsync(IQuerySession session, DateOnly today, CancellationToken ct)
    {
        var agencies = await session.Query<Agency>().ToListAsync(ct);
        return agencies.Where(a => a.IsActiveOn(today))
            .OrderBy(a => a.ProvinceCode ?? "").ThenBy(a => a.CommuneCode ?? "").ThenBy(a => a.Kind).ThenBy(a => a.Id)
            .SelectMany(a => RolesAt(a.Kind).Select(r => new DemoPerson(r, a)))
            .ToList();
    }

    /// <summary>The claims a bearer token of ops/token carries, so <see cref="Actor.From"/> reads the cookie's user alike.</summary>
    public static System.Security.Claims.ClaimsPrincipal Principal(DemoPerson person, string displayName)
    {
        var identity = new System.Security.Claims.ClaimsIdentity(
        [
            new("sub", $"demo:{person.Key}"), new("name", displayName), new("agency", person.Agency.Id), new("role", person.Role),
        ], WebSetup.CookieScheme, "name", "role");
        return new System.Security.Claims.ClaimsPrincipal(identity);
    }
}
