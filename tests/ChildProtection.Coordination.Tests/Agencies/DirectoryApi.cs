using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Tests.Agencies;

/// <summary>Directory changes through the API, as an administrator.</summary>
public static class DirectoryApi
{
    public static readonly DateOnly Reform = DirectoryGiven.Reform;

    public static HttpClient Admin(this AppFixture app) => app.Client(Roles.Admin, "sys-admin");

    public static async Task EstablishAsync(this AppFixture app, string code, string province = "44", DateOnly? from = null, string? name = null)
    {
        var response = await app.Admin().PostJson("/api/communes", new EstablishCommune(code, name ?? $"Phường {code}", province, from ?? Reform));
        await response.ShouldHave(HttpStatusCode.Created);
    }

    public static async Task<Agency> RegisterAsync(this AppFixture app, string id, AgencyKind kind, string? province = "44",
        string? commune = null, DateOnly? from = null, string? supervisor = null)
    {
        var response = await app.Admin().PostJson("/api/agencies", DirectoryGiven.Entry(id, kind, province, commune, from, supervisor));
        await response.ShouldHave(HttpStatusCode.Created);
        return await response.Read<Agency>();
    }

    public static async Task<MergeRecorded> MergeAsync(this AppFixture app, MergeCommunes merger)
    {
        var response = await app.Admin().PostJson("/api/communes/mergers", merger);
        await response.ShouldHave(HttpStatusCode.OK);
        return await response.Read<MergeRecorded>();
    }

    public static Task<HttpResponseMessage> PostCsv(this HttpClient client, string csv, string mediaType = "text/csv") =>
        client.PostAsync("/api/agencies/import", new StringContent(csv, Encoding.UTF8, mediaType));

    public static AgencyDirectory Directory(this AppFixture app) => new(app.Store.QuerySession());
}
