using ChildProtection.Coordination.Tests.Auth;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using Microsoft.AspNetCore.Http;
namespace ChildProtection.Coordination.Tests.Common;

/// <summary>Every answer's headers: not cached, not sniffed, not framed; HSTS over https.</summary>
[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(AppFixture app)
{
    [Theory]
    [InlineData("/api/cases", "commune-officer", HttpStatusCode.OK)]
    [InlineData("/api/cases/00000000-0000-0000-0000-000000000001", "commune-officer", HttpStatusCode.NotFound)]
    [InlineData("/api/cases?status=nonsense", "commune-officer", HttpStatusCode.BadRequest)]
    [InlineData("/api/cases", null, HttpStatusCode.Unauthorized)]
    public async Task every_answer_is_marked_no_store_nosniff_and_not_frameable(string url, string? role, HttpStatusCode status)
    {
        var response = await app.Client(role).GetAsync(url);
        response.StatusCode.ShouldBe(status);
        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task over_https_answers_carry_hsts()
    {
        var client = app.Client("commune-officer");
        client.BaseAddress = new Uri("https://localhost/");
        var response = await client.GetAsync("/api/cases");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
    }
}

/// <summary>A throttled host behind a reverse proxy at 10.0.0.9: forwarded addresses are believed from it and from no one else.</summary>
public sealed class ProxiedHost : AppFixture
{
    private const string Schema = "cp_proxied";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "false", ["Marten:Schema"] = Schema, ["Auth:FailureLimit"] = "3", ["Auth:FailureWindow"] = "00:01:00",
        ["ReverseProxy:KnownProxies:0"] = "10.0.0.9",
    };

    protected override Task PrepareDatabaseAsync() => TestDatabase.DropSchemaAsync(Schema);
}

[Collection(AppCollection.Name)]
public sealed class TrustedProxyTests
{
    private static readonly string Forged = AppFixture.Token("admin", key: System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
    private static readonly string Valid = AppFixture.Token("commune-officer");

    private static Task<HttpContext> Send(AppFixture host, string from, string? forwardedFor, string token) =>
        host.Host.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Method = "GET";
            c.Request.Path = "/api/cases";
            c.Request.Headers.Authorization = "Bearer " + token;
            if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });

    [Fact]
    public async Task behind_a_named_proxy_one_clients_failures_do_not_lock_out_the_others_and_a_stranger_cannot_choose_its_address()
    {
        var host = new ProxiedHost();
        await host.InitializeAsync();
        try
        {
            // One client behind the proxy fails three times and is throttled...
            for (var i = 0; i < 3; i++) (await Send(host, "10.0.0.9", "203.0.113.5", Forged)).Response.StatusCode.ShouldBe(401);
            (await Send(host, "10.0.0.9", "203.0.113.5", Forged)).Response.StatusCode.ShouldBe(429);
            // ...while another client behind the same proxy is not.
            (await Send(host, "10.0.0.9", "198.51.100.7", Forged)).Response.StatusCode.ShouldBe(401);
            (await Send(host, "10.0.0.9", "198.51.100.7", Valid)).Response.StatusCode.ShouldBe(200);

            // A caller that is not the proxy cannot escape its count by sending a new X-Forwarded-For each time.
            for (var i = 0; i < 3; i++) (await Send(host, "10.0.0.66", $"192.0.2.{i}", Forged)).Response.StatusCode.ShouldBe(401);
            (await Send(host, "10.0.0.66", "192.0.2.200", Forged)).Response.StatusCode.ShouldBe(429);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task with_no_proxy_named_no_forwarded_header_is_believed_from_anyone()
    {
        var host = new ThrottledHost();
        await host.InitializeAsync();
        try
        {
            // A fresh X-Forwarded-For per request does not give a guesser a fresh allowance.
            for (var i = 0; i < 3; i++) (await Send(host, "10.0.0.66", $"192.0.2.{i}", Forged)).Response.StatusCode.ShouldBe(401);
            (await Send(host, "10.0.0.66", "198.51.100.1", Forged)).Response.StatusCode.ShouldBe(429);
            (await Send(host, "10.0.0.66", null, Valid)).Response.StatusCode.ShouldBe(200);

            // Nor does X-Forwarded-Proto make a plain http answer claim https (HSTS).
            var proto = await host.Host.Server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.77");
                c.Request.Method = "GET";
                c.Request.Path = "/health/live";
                c.Request.Headers["X-Forwarded-Proto"] = "https";
            });
            proto.Response.StatusCode.ShouldBe(200);
            proto.Response.Headers.ContainsKey("Strict-Transport-Security").ShouldBeFalse();
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
