using Wolverine.Http;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Agencies;

public static class AgencyReads
{
    [WolverineGet("/api/agencies/{agencyId}", OperationId = "GetAgency")]
    [DirectoryResponses(typeof(Agency))]
    public static async Task<IResult> Get(string agencyId, AgencyDirectory directory, HttpContext http)
    {
        if (DirectoryWrites.RefuseReader(http) is { } refused) return refused;
        return await directory.GetAsync(agencyId, http.RequestAborted) is { } agency
            ? Results.Ok(agency)
            : Problems.NotFound(http, $"No agency '{agencyId}'.");
    }

    /// <summary>Agencies by where they sit (<c>province</c>, <c>commune</c>), <c>kind</c>, and whether they serve on <c>activeAt</c>.</summary>
    [WolverineGet("/api/agencies", OperationId = "ListAgencies")]
    [DirectoryResponses(typeof(IReadOnlyList<Agency>))]
    public static async Task<IResult> List(AgencyDirectory directory, HttpContext http,
        string? province = null, string? commune = null, string? kind = null, string? activeAt = null)
    {
        if (DirectoryWrites.RefuseReader(http) is { } refused) return refused;
        var ct = http.RequestAborted;
        var provinceCode = JurisdictionChanges.Trimmed(province);
        var communeCode = JurisdictionChanges.Trimmed(commune);
        if (provinceCode is not null && !Provinces.IsKnown(provinceCode)) return DirectoryQueries.BadProvince(http, "province", provinceCode);
        if (communeCode is not null && await directory.GetCommuneAsync(communeCode, ct) is null)
            return Problems.Invalid(http, "commune", $"Unknown commune '{communeCode}'.");
        if (!DirectoryQueries.TryKind(kind, out var agencyKind)) return DirectoryQueries.BadKind(http, "kind");
        if (!DirectoryQueries.TryDay(activeAt, out var day)) return DirectoryQueries.BadDay(http, "activeAt");
        return Results.Ok(await directory.ListAsync(provinceCode, communeCode, agencyKind, day, ct));
    }
}
