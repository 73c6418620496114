using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
namespace ChildProtection.Coordination.Indicators;

public enum ReportLevel { Commune, Province, Nation }

/// <summary>A unit reports are made for: a commune (by its code), a province (by its official code) or the nation ("vn").</summary>
public sealed record ReportingUnit(ReportLevel Level, string Code)
{
    public const string NationCode = "vn";

    public override string ToString() => $"{Level.ToString().ToLowerInvariant()}:{Code}";

    /// <summary>The unit named by <paramref name="level"/> and <paramref name="unit"/>, or the field that is wrong and why.</summary>
    public static (ReportingUnit? Unit, string? Field, string? Detail) Parse(string? level, string? unit)
    {
        switch (level?.Trim().ToLowerInvariant())
        {
            case "commune":
                return Jurisdictions.IsValidCode(unit?.Trim())
                    ? (new ReportingUnit(ReportLevel.Commune, unit!.Trim()), null, null)
                    : (null, "unit", "'unit' is a commune code: lower-case letters and digits in hyphenated words, e.g. 19732.");
            case "province":
                return Provinces.Find(unit) is { } province
                    ? (new ReportingUnit(ReportLevel.Province, province.Code), null, null)
                    : (null, "unit", "'unit' is the official code of one of the 34 provinces, e.g. 44 for Quảng Trị.");
            case "nation":
                return unit is null || unit.Trim() is "" or NationCode
                    ? (new ReportingUnit(ReportLevel.Nation, NationCode), null, null)
                    : (null, "unit", "'unit' is 'vn' (or absent) for the nation.");
            default:
                return (null, "level", "'level' is commune, province or nation.");
        }
    }

    /// <summary>
    /// The incident-commune codes whose cases count for this unit, as the communes answer today: a commune with every
    /// commune merged into it; a province with its communes and theirs (a commune merged into another province's counts
    /// there). Null for the nation: every case.
    /// </summary>
    public async Task<IReadOnlyCollection<string>?> CommunesAsync(IQuerySession session, DateOnly today, CancellationToken ct)
    {
        if (Level == ReportLevel.Nation) return null;
        if (Level == ReportLevel.Commune)
        {
            var commune = await session.LoadAsync<Commune>(Code, ct);
            var absorbed = commune is null ? new HashSet<string>() : await Jurisdictions.AbsorbedAsync(session, commune, ct);
            return absorbed.Append(Code).ToHashSet(StringComparer.Ordinal);
        }
        var all = (await session.Query<Commune>().Where(c => c.ProvinceCode == Code).ToListAsync(ct)).ToDictionary(c => c.Code, StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var commune in all.Values)
        {
            var answering = commune.SuccessorCode is null ? commune : await Jurisdictions.ResolveAsync(session, commune.Code, today, ct);
            if (answering is not null && answering.ProvinceCode != Code) continue;
            codes.Add(commune.Code);
            foreach (var absorbed in await Jurisdictions.AbsorbedAsync(session, commune, ct)) codes.Add(absorbed);
        }
        return codes;
    }

    /// <summary>
    /// Whether the directory knows this unit: a commune ever established (one merged away still answers for its past
    /// periods); provinces and the nation are a fixed list, checked by <see cref="Parse"/>.
    /// </summary>
    public async Task<bool> KnownAsync(IQuerySession session, CancellationToken ct) =>
        Level != ReportLevel.Commune || await session.LoadAsync<Commune>(Code, ct) is not null;

    /// <summary>
    /// Whether the caller may read this unit, by <see cref="IndicatorPermissions"/>: a reach includes the units under
    /// it. <paramref name="agency"/> is the caller's agency as the directory has it (null when it is not there).
    /// </summary>
    public async Task<bool> ReadableByAsync(IQuerySession session, IndicatorReach reach, Agency? agency, DateOnly today, CancellationToken ct)
    {
        if (reach == IndicatorReach.AgencyUnit)
            reach = agency is null || agency.ProvinceCode is null ? IndicatorReach.Nation
                : agency.CommuneCode is null ? IndicatorReach.Province : IndicatorReach.Commune;
        switch (reach)
        {
            case IndicatorReach.Nation:
                return true;
            case IndicatorReach.Province when agency is { CommuneCode: null, ProvinceCode: { } province }:
                return Level switch
                {
                    ReportLevel.Province => Code == province,
                    ReportLevel.Commune => (await Jurisdictions.ResolveAsync(session, Code, today, ct))?.ProvinceCode == province,
                    _ => false,
                };
            case IndicatorReach.Commune when agency is { CommuneCode: { } own }:
                if (Level != ReportLevel.Commune) return false;
                if (Code == own) return true;
                // A commune merged into the caller's answers to it now.
                return (await Jurisdictions.ResolveAsync(session, Code, today, ct))?.Code == own;
            default:
                return false;
        }
    }

    public static DateOnly Today(DateTimeOffset now) => VietnamTime.DateOf(now);
}
