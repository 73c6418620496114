using static ChildProtection.Coordination.Agencies.AgencyKind;

namespace ChildProtection.Coordination.Agencies;

/// <summary>Where to look for a supervisor: an agency of <paramref name="Kind"/> at province level, or in the same commune.</summary>
public sealed record SupervisorTarget(AgencyKind Kind, bool SameCommune = false);

/// <summary>
/// The supervisor of an agency that names none, by rule (tried in order; the first active match wins):
/// <list type="bullet">
/// <item>commune People's Committee → the province's Department of Health (Sở Y tế), which holds the
/// child-protection duty since 2025;</item>
/// <item>commune police → provincial police;</item>
/// <item>health facility (hospital, commune health station) → Department of Health;</item>
/// <item>social work centre → Department of Health (the centres moved to the health sector with the duty);</item>
/// <item>a school or education office in a commune → the province-level education agency (Sở Giáo dục và Đào tạo)
/// when the directory has one, else the commune's People's Committee, which manages pre-, primary and
/// lower-secondary schools since the two-tier reform of 1 July 2025;</item>
/// <item>a school → likewise: the province-level education agency, else the commune's People's Committee;</item>
/// <item>the forensic medicine centre → Department of Health;</item>
/// <item>the commune's inter-sector coordination body → the commune's People's Committee, whose Chair leads it;</item>
/// <item>a commune branch of legal aid, of the Women's or Youth Union or of another mass organisation → the same kind at province level.</item>
/// </list>
/// Province-level agencies, the procuracy, the court and the hotline answer to their own hierarchies, which are not in the directory: none.
/// </summary>
public static class SupervisionRules
{
    public static IReadOnlyList<SupervisorTarget> For(AgencyKind kind, bool communeLevel) => (kind, communeLevel) switch
    {
        (CommunePeoplesCommittee, _) => [new(ProvincialHealthDepartment)],
        (CommunePolice, _) => [new(ProvincialPolice)],
        (HealthFacility, _) => [new(ProvincialHealthDepartment)],
        (SocialWorkCentre, _) => [new(ProvincialHealthDepartment)],
        (Education or School, true) => [new(Education), new(CommunePeoplesCommittee, SameCommune: true)],
        (ForensicMedicineCentre, _) => [new(ProvincialHealthDepartment)],
        (InterSectorCoordinationBody, _) => [new(CommunePeoplesCommittee, SameCommune: true)],
        (WomensUnion, true) => [new(WomensUnion)],
        (YouthUnion, true) => [new(YouthUnion)],
        (JusticeLegalAid, true) => [new(JusticeLegalAid)],
        (MassOrganisation, true) => [new(MassOrganisation)],
        _ => [],
    };

    /// <summary>
    /// The supervisor of <paramref name="agency"/> among <paramref name="candidates"/> on <paramref name="on"/>, by rule.
    /// <paramref name="communeCode"/> is the agency's commune as resolved on that day (after mergers).
    /// </summary>
    public static Agency? Choose(Agency agency, IEnumerable<Agency> candidates, string? communeCode, DateOnly on)
    {
        var active = candidates
            .Where(c => c.Id != agency.Id && c.IsActiveOn(on) && c.ProvinceCode == agency.ProvinceCode)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var target in For(agency.Kind, agency.CommuneCode is not null))
        {
            var match = active.FirstOrDefault(c => c.Kind == target.Kind &&
                (target.SameCommune ? communeCode is not null && c.CommuneCode == communeCode : c.CommuneCode is null));
            if (match is not null) return match;
        }
        return null;
    }
}
