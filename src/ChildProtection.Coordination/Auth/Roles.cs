namespace ChildProtection.Coordination.Auth;

/// <summary>The roles a token's <c>role</c> claim may carry.</summary>
public static class Roles
{
    public const string HotlineOperator = "hotline-operator";
    public const string CommuneOfficer = "commune-officer";
    public const string CommuneChair = "commune-chair";
    public const string PoliceOfficer = "police-officer";
    public const string HealthWorker = "health-worker";
    public const string SocialWorker = "social-worker";
    public const string EducationOfficer = "education-officer";
    public const string Auditor = "auditor";
    public const string Integrator = "integrator";
    public const string Admin = "admin";

    /// <summary>The Ministry of Health (Bộ Y tế), which receives the provinces' reports: reads the nation's indicators, no case.</summary>
    public const string MinistryOfficer = "ministry-officer";

    /// <summary>
    /// A mass organisation (Hội Liên hiệp Phụ nữ, Đoàn Thanh niên): not a statutory agency; it gives support
    /// services when handed work, and what it learns of the child's identity depends on consent.
    /// </summary>
    public const string MassOrganisation = "mass-organisation";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        HotlineOperator, CommuneOfficer, CommuneChair, PoliceOfficer, HealthWorker,
        SocialWorker, EducationOfficer, MassOrganisation, Auditor, Integrator, Admin, MinistryOfficer
    };
}

/// <summary>Who is acting: taken from the bearer token and recorded on every event.</summary>
public sealed record Actor(string UserId, string Name, string Agency, string Role)
{
    /// <summary>The token holds <see cref="Scopes.AuditNational"/>: an auditor who reaches every province (<see cref="CaseReach"/>).</summary>
    public bool NationalScope { get; init; }

    public static Actor? From(System.Security.Claims.ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var sub = user.FindFirst("sub")?.Value;
        var role = user.FindFirst("role")?.Value;
        var agency = user.FindFirst("agency")?.Value;
        if (string.IsNullOrWhiteSpace(sub) || string.IsNullOrWhiteSpace(role) || string.IsNullOrWhiteSpace(agency)) return null;
        return new Actor(sub, user.FindFirst("name")?.Value ?? sub, agency, role) { NationalScope = Scopes.Has(user, Scopes.AuditNational) };
    }
}
