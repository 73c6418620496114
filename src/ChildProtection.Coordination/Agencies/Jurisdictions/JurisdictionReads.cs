using ChildProtection.Coordination.LegalTime;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Agencies;

/// <summary>A commune with its history, and which commune answers for its code on <paramref name="On"/>.</summary>
public sealed record CommuneOnDay(Commune Commune, DateOnly On, CommuneName Name, Commune? Responsible);

public static class JurisdictionReads
{
    [WolverineGet("/api/provinces", OperationId = "ListProvinces")]
    [DirectoryResponses(typeof(IReadOnlyList<Province>))]
    public static IResult Provinces(HttpContext http) => DirectoryWrites.RefuseReader(http) ?? Results.Ok(Agencies.Provinces.All);

    [WolverineGet("/api/communes", OperationId = "ListCommunes")]
    [DirectoryResponses(typeof(IReadOnlyList<Commune>))]
    public static async Task<IResult> Communes(AgencyDirectory directory, HttpContext http, string? province = null, string? activeAt = null)
    {
        if (DirectoryWrites.RefuseReader(http) is { } refused) return refused;
        var provinceCode = JurisdictionChanges.Trimmed(province);
        if (provinceCode is not null && !Agencies.Provinces.IsKnown(provinceCode)) return DirectoryQueries.BadProvince(http, "province", provinceCode);
        if (!DirectoryQueries.TryDay(activeAt, out var day)) return DirectoryQueries.BadDay(http, "activeAt");
        return Results.Ok(await directory.CommunesAsync(provinceCode, day, http.RequestAborted));
    }

    /// <summary>A commune, its names and successor, and which commune answers for it at <c>at</c> (default now).</summary>
    [WolverineGet("/api/communes/{code}", OperationId = "GetCommune")]
    [DirectoryResponses(typeof(CommuneOnDay))]
    public static async Task<IResult> Commune(string code, AgencyDirectory directory, HttpContext http, string? at = null)
    {
        if (DirectoryWrites.RefuseReader(http) is { } refused) return refused;
        if (!DirectoryQueries.TryDay(at, out var day)) return DirectoryQueries.BadDay(http, "at");
        var ct = http.RequestAborted;
        if (await directory.GetCommuneAsync(code, ct) is not { } commune) return Problems.NotFound(http, $"No commune '{code}'.");
        var on = day ?? VietnamTime.DateOf(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        var responsible = await directory.ResolveCommuneAsync(code, VietnamTime.StartOf(on), ct);
        return Results.Ok(new CommuneOnDay(commune, on, commune.NameOn(on), responsible));
    }
}
