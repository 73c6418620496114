namespace ChildProtection.Coordination.Agencies;

/// <summary>A bad value in an agency's entry: the field (as the JSON API names it) and why.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What makes an agency's entry valid, shared by the API and the CSV import.</summary>
public static class AgencyRules
{
    public const int MaxNameLength = 300;

    /// <summary>Trims every text and turns blanks into nulls.</summary>
    public static RegisterAgency Normalize(RegisterAgency a) => a with
    {
        Id = a.Id?.Trim() ?? "",
        NameVi = a.NameVi?.Trim() ?? "",
        NameEn = JurisdictionChanges.Trimmed(a.NameEn),
        ProvinceCode = JurisdictionChanges.Trimmed(a.ProvinceCode),
        CommuneCode = JurisdictionChanges.Trimmed(a.CommuneCode),
        SupervisingAgencyId = JurisdictionChanges.Trimmed(a.SupervisingAgencyId),
    };

    /// <summary>
    /// Every problem with a (normalized) entry. <paramref name="findCommune"/> looks communes up;
    /// <paramref name="agencyKnown"/> says whether a supervisor id exists (in the directory or alongside in an import).
    /// </summary>
    public static IReadOnlyList<FieldError> Check(RegisterAgency a, Func<string, Commune?> findCommune, Func<string, bool> agencyKnown)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        if (!Jurisdictions.IsValidCode(a.Id))
            Add("id", "'id' must be a slug of lower-case letters and digits in hyphenated words, at most 64 characters (e.g. \"ubnd-dong-hoi\").");
        if (a.NameVi.Length == 0) Add("nameVi", "'nameVi' is required.");
        else if (a.NameVi.Length > MaxNameLength) Add("nameVi", $"'nameVi' is at most {MaxNameLength} characters.");
        if (a.NameEn?.Length > MaxNameLength) Add("nameEn", $"'nameEn' is at most {MaxNameLength} characters.");
        if (!Enum.IsDefined(a.Kind)) Add("kind", $"'kind' must be one of: {string.Join(", ", Enum.GetNames<AgencyKind>())}.");

        var level = ServingRules.LevelOf(a.Kind);
        if (a.ProvinceCode is null && level != AgencyLevel.National) Add("provinceCode", $"'provinceCode' is required for a {a.Kind}.");
        else if (a.ProvinceCode is not null && !Provinces.IsKnown(a.ProvinceCode))
            Add("provinceCode", $"Unknown province '{a.ProvinceCode}': one of the 34 official codes that GET /api/provinces lists.");

        if (a.CommuneCode is null)
        {
            if (level == AgencyLevel.Commune) Add("communeCode", $"'communeCode' is required for a {a.Kind}, which serves one commune.");
        }
        else if (level is AgencyLevel.Province or AgencyLevel.National)
            Add("communeCode", $"A {a.Kind} serves a whole {(level == AgencyLevel.National ? "country" : "province")}; leave 'communeCode' empty.");
        else if (findCommune(a.CommuneCode) is not { } commune)
            Add("communeCode", $"Unknown commune '{a.CommuneCode}'.");
        else if (a.ProvinceCode is not null && commune.ProvinceCode != a.ProvinceCode)
            Add("communeCode", $"The commune '{commune.Code}' belongs to province {commune.ProvinceCode}, not {a.ProvinceCode}.");
        else if (!commune.IsActiveOn(a.ActiveFrom))
            Add("communeCode", $"The commune '{commune.Code}' is not in force on {a.ActiveFrom:yyyy-MM-dd}" +
                               (commune.SuccessorCode is { } s ? $"; from {commune.ActiveTo:yyyy-MM-dd} it is part of '{s}'." : "."));

        if (a.ActiveTo is { } to && to <= a.ActiveFrom) Add("activeTo", "'activeTo' (the first day out of service) must be after 'activeFrom'.");

        if (a.SupervisingAgencyId is { } supervisor)
        {
            if (supervisor == a.Id) Add("supervisingAgencyId", "An agency does not supervise itself.");
            else if (!Jurisdictions.IsValidCode(supervisor) || !agencyKnown(supervisor))
                Add("supervisingAgencyId", $"Unknown agency '{supervisor}'.");
        }
        return errors;
    }

    public static AgencyRegistered Registered(RegisterAgency a) =>
        new(a.Id, a.NameVi, a.NameEn, a.Kind, a.ProvinceCode, a.CommuneCode, a.ActiveFrom, a.ActiveTo, a.SupervisingAgencyId);

    /// <summary>The update that brings <paramref name="current"/> to <paramref name="wanted"/>, or null when nothing differs.</summary>
    public static AgencyUpdated? Update(Agency current, RegisterAgency wanted)
    {
        var same = current.NameVi == wanted.NameVi && current.NameEn == wanted.NameEn && current.Kind == wanted.Kind
                   && current.ProvinceCode == wanted.ProvinceCode && current.CommuneCode == wanted.CommuneCode
                   && current.ActiveFrom == wanted.ActiveFrom && current.ActiveTo == wanted.ActiveTo
                   && current.SupervisingAgencyId == wanted.SupervisingAgencyId;
        return same ? null : new AgencyUpdated(wanted.Id, wanted.NameVi, wanted.NameEn, wanted.Kind, wanted.ProvinceCode,
            wanted.CommuneCode, wanted.ActiveFrom, wanted.ActiveTo, wanted.SupervisingAgencyId);
    }
}
