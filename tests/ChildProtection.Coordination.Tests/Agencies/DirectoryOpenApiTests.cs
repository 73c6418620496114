using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class DirectoryOpenApiTests(AppFixture app) : IntegrationContext(app)
{
    protected override bool DemoDirectory => false;

    [Fact]
    public async Task swagger_describes_the_directory_routes_and_their_problems()
    {
        var doc = await (await App.Client(null).GetAsync("/swagger/v1/swagger.json")).ShouldHave(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths");

        JsonElement Operation(string path, string method) => paths.GetProperty(path).GetProperty(method);
        foreach (var (path, method) in new[]
                 {
                     ("/api/provinces", "get"), ("/api/communes", "get"), ("/api/communes", "post"), ("/api/communes/{code}", "get"),
                     ("/api/communes/mergers", "post"), ("/api/communes/{code}/rename", "post"), ("/api/agencies", "get"),
                     ("/api/agencies", "post"), ("/api/agencies/{agencyId}", "get"), ("/api/agencies/{agencyId}/retirement", "post"),
                     ("/api/agencies/import", "post"),
                 })
            Operation(path, method).GetProperty("tags")[0].GetString().ShouldBe("Directory", $"{method} {path}");

        var register = Operation("/api/agencies", "post").GetProperty("responses");
        register.TryGetProperty("201", out _).ShouldBeTrue();
        register.TryGetProperty("200", out _).ShouldBeFalse();
        register.TryGetProperty("409", out _).ShouldBeTrue();
        Operation("/api/agencies/import", "post").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _).ShouldBeTrue();
    }
}
