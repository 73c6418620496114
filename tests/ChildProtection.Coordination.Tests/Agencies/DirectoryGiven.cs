using ChildProtection.Coordination.Agencies;
namespace ChildProtection.Coordination.Tests.Agencies;

/// <summary>Pure-test helpers: communes folded from events exactly as the projection does, and agencies.</summary>
public static class DirectoryGiven
{
    public static readonly DateOnly Reform = new(2025, 7, 1);

    public static CommuneEstablished Established(string code, string province = "44", DateOnly? from = null, string? name = null) =>
        new(code, name ?? $"Phường {code}", null, province, from ?? Reform);

    /// <summary>Folds jurisdiction events into the communes they describe: Create for a new code, Apply otherwise.</summary>
    public static Dictionary<string, Commune> Communes(params object[] events)
    {
        var projection = new CommuneProjection();
        var map = new Dictionary<string, Commune>();
        foreach (var e in events)
        {
            switch (e)
            {
                case CommuneEstablished established:
                    map[established.Code] = CommuneProjection.Create(established);
                    break;
                case CommuneRenamed renamed:
                    projection.Apply(renamed, map[renamed.Code]);
                    break;
                case CommunesMerged merged:
                    foreach (var code in merged.FromCodes.Append(merged.IntoCode).Distinct())
                        if (map.TryGetValue(code, out var existing)) projection.Apply(merged, existing);
                        else map[code] = CommuneProjection.Create(merged);
                    break;
            }
        }
        return map;
    }

    public static Agency Agency(string id, AgencyKind kind, string? province = "44", string? commune = null,
        DateOnly? from = null, DateOnly? to = null, string? supervisor = null) => new()
    {
        Id = id, NameVi = id, Kind = kind, ProvinceCode = province, CommuneCode = commune,
        ActiveFrom = from ?? Reform, ActiveTo = to, SupervisingAgencyId = supervisor,
    };

    public static RegisterAgency Entry(string id, AgencyKind kind, string? province = "44", string? commune = null,
        DateOnly? from = null, string? supervisor = null) =>
        new(id, $"Tên {id}", kind, from ?? Reform, $"Name {id}", province, commune, null, supervisor);
}
