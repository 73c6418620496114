namespace ChildProtection.Coordination.Agencies;

/// <summary>Where an agency of a kind sits, and so which communes it serves.</summary>
public enum AgencyLevel
{
    /// <summary>Serves its own commune only: People's Committee (UBND xã), commune police, the commune's inter-sector coordination body.</summary>
    Commune,
    /// <summary>Serves the whole province and sits at province level: provincial police, Department of Health (Sở Y tế),
    /// the forensic medicine centre, the procuracy and the court (a regional one is registered at province level).</summary>
    Province,
    /// <summary>Serves the province, from the province or from a commune: schools and education offices, hospitals and
    /// health stations, social work centres, legal aid, the Women's Union, the Youth Union and other mass organisations.</summary>
    CommuneOrProvince,
    /// <summary>Serves the whole country: hotline 111.</summary>
    National,
}

/// <summary>
/// Which agency of a kind serves a commune on a day, as pure functions of the candidates. Preference:
/// an agency registered in the commune itself, then one registered in a commune it absorbed (still
/// serving, so that a merger does not leave its territory without anyone until the directory catches
/// up), then one at province level, then one in another commune of the same province; among equals,
/// the smallest id, so that the order is stable and <c>excluding</c> the agencies that declined walks down it.
/// </summary>
public static class ServingRules
{
    public static AgencyLevel LevelOf(AgencyKind kind) => kind switch
    {
        AgencyKind.CommunePeoplesCommittee or AgencyKind.CommunePolice or AgencyKind.InterSectorCoordinationBody => AgencyLevel.Commune,
        AgencyKind.ProvincialPolice or AgencyKind.ProvincialHealthDepartment or AgencyKind.ForensicMedicineCentre
            or AgencyKind.Procuracy or AgencyKind.Court => AgencyLevel.Province,
        AgencyKind.Hotline => AgencyLevel.National,
        _ => AgencyLevel.CommuneOrProvince,
    };

    /// <summary>
    /// How well <paramref name="agency"/> suits <paramref name="commune"/> (0 best), or null when it does not serve it.
    /// <paramref name="absorbed"/> are the codes of the communes merged into it, directly or not.
    /// </summary>
    public static int? Tier(Agency agency, AgencyKind kind, Commune commune, IReadOnlySet<string>? absorbed = null)
    {
        if (agency.Kind != kind) return null;
        int? local = agency.CommuneCode == commune.Code ? 0
            : agency.CommuneCode is { } c && absorbed?.Contains(c) == true ? 1
            : null;
        return LevelOf(kind) switch
        {
            AgencyLevel.Commune => local,
            // A provincial line (some provinces run their own) serves its province; the national one everybody.
            AgencyLevel.National => agency.ProvinceCode == commune.ProvinceCode ? 0 : agency.ProvinceCode is null ? 1 : null,
            _ when local is not null => local,
            _ when agency.ProvinceCode != commune.ProvinceCode => null,
            _ => agency.CommuneCode is null ? 2 : 3,
        };
    }

    /// <summary>The agencies of <paramref name="kind"/> serving <paramref name="commune"/> on <paramref name="on"/>, best first.</summary>
    public static IReadOnlyList<Agency> Rank(IEnumerable<Agency> candidates, AgencyKind kind, Commune commune, DateOnly on,
        IEnumerable<string>? excluding = null, IReadOnlySet<string>? absorbed = null)
    {
        var excluded = excluding?.ToHashSet(StringComparer.Ordinal) ?? [];
        return candidates
            .Where(a => a.IsActiveOn(on) && !excluded.Contains(a.Id))
            .Select(a => (Agency: a, Tier: Tier(a, kind, commune, absorbed)))
            .Where(x => x.Tier is not null)
            .OrderBy(x => x.Tier).ThenBy(x => x.Agency.Id, StringComparer.Ordinal)
            .Select(x => x.Agency)
            .ToList();
    }

    /// <summary>
    /// The child's own school among <paramref name="ranked"/> (schools serving the child's commune, best first): the one
    /// whose id, Vietnamese or English name is what the report gave as the school, ignoring case and spacing. Null when
    /// the directory does not hold it: the work then goes to the education office, never to whichever school comes first.
    /// </summary>
    public static Agency? SchoolNamed(IEnumerable<Agency> ranked, string named)
    {
        var wanted = Normal(named);
        return wanted.Length == 0 ? null : ranked.FirstOrDefault(a => a.Kind == AgencyKind.School
            && (Normal(a.Id) == wanted || Normal(a.NameVi) == wanted || (a.NameEn is { } en && Normal(en) == wanted)));
    }

    private static string Normal(string text) =>
        string.Join(' ', text.Normalize(System.Text.NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    public static Agency? Choose(IEnumerable<Agency> candidates, AgencyKind kind, Commune commune, DateOnly on,
        IEnumerable<string>? excluding = null, IReadOnlySet<string>? absorbed = null) =>
        Rank(candidates, kind, commune, on, excluding, absorbed).FirstOrDefault();
}
