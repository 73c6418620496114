namespace ChildProtection.Coordination.Auth;

using static Roles;

/// <summary>Which unit a role may read indicators for, from where its agency stands.</summary>
public enum IndicatorReach
{
    /// <summary>No indicators.</summary>
    None,
    /// <summary>The commune of the caller's agency (a commune-level agency).</summary>
    Commune,
    /// <summary>The province of the caller's agency (a province-level agency).</summary>
    Province,
    /// <summary>The unit of the caller's agency: its commune, or its province, or the nation when it has neither.</summary>
    AgencyUnit,
    /// <summary>Every commune, every province, the nation.</summary>
    Nation,
}

/// <summary>
/// Who reads which indicators, as data: the reach, and whether the figures are the statutory ones (every cell) or the
/// publishable ones (small cells suppressed). docs/permissions-and-privacy.md prints this table and a test keeps the two equal.
/// A reach includes the units under it: a province reads its communes, the nation every unit.
/// </summary>
public static class IndicatorPermissions
{
    /// <param name="Statutory">Reads every cell; otherwise small cells are withheld.</param>
    /// <param name="Files">Files the unit's report for a period.</param>
    public sealed record Grant(IndicatorReach Reach, bool Statutory, bool Files = false);

    public static readonly IReadOnlyDictionary<string, Grant> Table = new Dictionary<string, Grant>
    {
        // The reporting chain commune → province → Ministry of Health (DOMAIN.md "Reporting") reads every cell.
        [CommuneOfficer] = new(IndicatorReach.Commune, true, Files: true),
        [CommuneChair] = new(IndicatorReach.Commune, true, Files: true),
        // Sở Y tế holds the child-protection duty since 2025: its staff carry the health-worker role at a province-level agency.
        [HealthWorker] = new(IndicatorReach.Province, true, Files: true),
        [MinistryOfficer] = new(IndicatorReach.Nation, true, Files: true),
        // Inspectors read the statutory figures of the unit their agency stands for.
        [Auditor] = new(IndicatorReach.AgencyUnit, true),
        [Admin] = new(IndicatorReach.Nation, true),
        // Not statutory readers: what they get has small cells suppressed.
        [SocialWorker] = new(IndicatorReach.AgencyUnit, false),
        [MassOrganisation] = new(IndicatorReach.AgencyUnit, false),
        [Integrator] = new(IndicatorReach.Nation, false),
    };

    public static Grant For(string role) => Table.GetValueOrDefault(role) ?? new Grant(IndicatorReach.None, false);
}
