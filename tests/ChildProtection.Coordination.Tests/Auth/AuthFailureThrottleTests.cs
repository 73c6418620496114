using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
namespace ChildProtection.Coordination.Tests.Auth;

/// <summary>A host whose throttle allows three failed sign-ins a minute.</summary>
public sealed class ThrottledHost : AppFixture
{
    private const string Schema = "cp_throttle";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "false", ["Marten:Schema"] = Schema, ["Auth:FailureLimit"] = "3", ["Auth:FailureWindow"] = "00:01:00",
    };

    protected override Task PrepareDatabaseAsync() => TestDatabase.DropSchemaAsync(Schema);
}

[Collection(AppCollection.Name)]
public sealed class AuthFailureThrottleTests
{
    [Fact]
    public async Task repeated_authentication_failures_from_one_address_are_refused_for_a_while()
    {
        var host = new ThrottledHost();
        await host.InitializeAsync();
        try
        {
            var forged = host.Host.Server.CreateClient();
            forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                AppFixture.Token("admin", key: System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)));
            for (var i = 0; i < 3; i++) await (await forged.GetAsync("/api/cases")).ShouldHave(HttpStatusCode.Unauthorized);

            var refused = await forged.GetAsync("/api/cases");
            var problem = await refused.ShouldHave(HttpStatusCode.TooManyRequests);
            problem.GetProperty("title").GetString().ShouldBe("Too many failed sign-ins");
            refused.Headers.RetryAfter.ShouldNotBeNull();
            // Guessing on with another forged token does not help while the window lasts.
            var another = host.Host.Server.CreateClient();
            another.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
            await (await another.GetAsync("/api/cases")).ShouldHave(HttpStatusCode.TooManyRequests);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task a_throttled_address_still_serves_valid_tokens_requests_without_one_and_health_probes()
    {
        var host = new ThrottledHost();
        await host.InitializeAsync();
        try
        {
            var forged = host.Host.Server.CreateClient();
            forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bad");
            for (var i = 0; i < 3; i++) await (await forged.GetAsync("/api/cases")).ShouldHave(HttpStatusCode.Unauthorized);
            await (await forged.GetAsync("/api/cases")).ShouldHave(HttpStatusCode.TooManyRequests);

            // Every test client shares one address: the office behind one NAT, one of whose clients sent the bad tokens.
            await (await host.Client("commune-officer").GetAsync("/api/cases")).ShouldHave(HttpStatusCode.OK);
            var anonymous = host.Host.Server.CreateClient();
            await (await anonymous.GetAsync("/api/cases")).ShouldHave(HttpStatusCode.Unauthorized);
            (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await forged.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
            await (await forged.GetAsync("/api/cases")).ShouldHave(HttpStatusCode.TooManyRequests);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task successful_calls_never_use_up_the_allowance()
    {
        var host = new ThrottledHost();
        await host.InitializeAsync();
        try
        {
            var client = host.Client("commune-officer");
            for (var i = 0; i < 10; i++) await (await client.GetAsync("/api/cases")).ShouldHave(HttpStatusCode.OK);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
