using System.Net;
using Alba;
using ChildProtection.Coordination.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>
/// Outside local mode (an OpenID Connect authority is configured) the pages sign in at the authority: a page challenges
/// to its authorization endpoint with this client, and the local sign-in page of demo people does not exist.
/// </summary>
public sealed class PagesSignInTests : IAsyncLifetime
{
    private WebApplication authority = null!;
    private IAlbaHost host = null!;
    private string authorityUrl = "";

    public async Task InitializeAsync()
    {
        // A stand-in authority: its discovery document is all the challenge needs.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        authority = builder.Build();
        authority.MapGet("/.well-known/openid-configuration", (HttpContext http) =>
        {
            var me = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = me, ["authorization_endpoint"] = $"{me}/authorize", ["token_endpoint"] = $"{me}/token",
                ["jwks_uri"] = $"{me}/jwks", ["end_session_endpoint"] = $"{me}/logout",
                ["response_types_supported"] = new[] { "code" }, ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        authority.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await authority.StartAsync();
        authorityUrl = authority.Urls.Single();

        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Marten")))
            Environment.SetEnvironmentVariable("ConnectionStrings__Marten", AppFixture.DefaultConnection);
        host = await AlbaHost.For<Program>(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Pathway:Enabled", "false");
            b.UseSetting("Marten:Schema", "cp_oidc");
            b.UseSetting("Auth:Authority", authorityUrl);
            b.UseSetting("Auth:Audience", "cp-api");
            b.UseSetting("Auth:ClientId", "cp-pages");
            b.ConfigureServices(s =>
            {
                s.RunWolverineInSoloMode();
                s.DisableAllExternalWolverineTransports();
            });
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await authority.DisposeAsync();
    }

    [Fact]
    public async Task a_page_challenges_to_the_configured_authority_and_there_is_no_local_sign_in()
    {
        var client = host.Server.CreateClient();
        var challenge = await client.GetAsync("/");
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = challenge.Headers.Location!.ToString();
        location.ShouldStartWith($"{authorityUrl}/authorize?");
        location.ShouldContain("client_id=cp-pages");
        location.ShouldContain("response_type=code");
        location.ShouldContain("code_challenge=");
        // The session and the OpenID Connect round trip only over HTTPS in production.
        challenge.Headers.GetValues("Set-Cookie").ShouldAllBe(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        (await client.GetAsync("/signin")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
