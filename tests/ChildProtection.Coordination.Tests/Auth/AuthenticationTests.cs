using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ChildProtection.Coordination.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
namespace ChildProtection.Coordination.Tests.Auth;

/// <summary>Bearer tokens on every route: no token, a bad token, or a token without the claims a step needs.</summary>
public sealed class AuthenticationTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    /// <summary>Every API route, by label, as a request against a case that need not exist.</summary>
    public static TheoryData<string> Routes
    {
        get
        {
            var data = new TheoryData<string> { "GET /api/cases", "GET /api/cases/{caseId}", "POST /api/cases" };
            foreach (var name in StepRoutes.All.Keys) data.Add($"POST {name}");
            return data;
        }
    }

    private static HttpRequestMessage Request(string route)
    {
        var caseId = Guid.NewGuid();
        return route switch
        {
            "GET /api/cases" => new HttpRequestMessage(HttpMethod.Get, "/api/cases"),
            "GET /api/cases/{caseId}" => new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{caseId}"),
            "POST /api/cases" => Post("/api/cases", Bodies.Json(Bodies.Report())),
            _ => Step(StepRoutes.All[route["POST ".Length..]], new Arranged(caseId, Guid.NewGuid())),
        };

        static HttpRequestMessage Step(StepRoute step, Arranged at) => Post(step.Url(at), step.Json(at));
        static HttpRequestMessage Post(string url, string json) =>
            new(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    private static string Role(string route) => route.StartsWith("POST ") && route != "POST /api/cases"
        ? StepRoutes.All[route["POST ".Length..]].Role
        : Roles.CommuneOfficer;

    private static string Craft(string role, string? issuer = AuthOptions.LocalIssuer, string? audience = AuthOptions.LocalAudience,
        DateTime? notBefore = null, bool withAgency = true, bool withSub = true)
    {
        var claims = new Dictionary<string, object> { ["name"] = "Someone", ["role"] = role };
        if (withSub) claims["sub"] = "user-x";
        if (withAgency) claims["agency"] = "agency-x";
        var from = notBefore ?? DateTime.UtcNow.AddMinutes(-5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, NotBefore = from, IssuedAt = from, Expires = from.AddHours(1), Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(AppFixture.SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Unsigned(string role)
    {
        static string B64(string s) => Base64UrlEncoder.Encode(s);
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"iss\":\"cp-local\",\"aud\":\"cp-api\",\"sub\":\"u\",\"agency\":\"a\",\"role\":\"{role}\",\"exp\":{exp}}}")}.";
    }

    private static readonly string[] BadTokens =
        ["none", "expired", "other-key", "garbage", "unsigned", "other-issuer", "other-audience", "not-yet-valid", "basic"];

    private static AuthenticationHeaderValue? Authorization(string kind, string role) => kind switch
    {
        "none" => null,
        "expired" => new("Bearer", AppFixture.Token(role, expires: DateTime.UtcNow.AddMinutes(-10))),
        "other-key" => new("Bearer", AppFixture.Token(role, key: RandomNumberGenerator.GetBytes(64))),
        "garbage" => new("Bearer", "not-a-jwt"),
        "unsigned" => new("Bearer", Unsigned(role)),
        "other-issuer" => new("Bearer", Craft(role, issuer: "someone-else")),
        "other-audience" => new("Bearer", Craft(role, audience: "another-api")),
        "not-yet-valid" => new("Bearer", Craft(role, notBefore: DateTime.UtcNow.AddHours(1))),
        "basic" => new("Basic", Convert.ToBase64String("user:password"u8.ToArray())),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private async Task<HttpResponseMessage> Send(string route, AuthenticationHeaderValue? authorization)
    {
        var request = Request(route);
        request.Headers.Authorization = authorization;
        return await App.Client(null).SendAsync(request);
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task every_bad_or_missing_token_is_a_401_problem_and_appends_nothing(string route)
    {
        foreach (var kind in BadTokens)
        {
            var response = await Send(route, Authorization(kind, Role(route)));

            await response.ShouldHave(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Bearer", kind);
        }
        (await Api.AllEventCount()).ShouldBe(0);
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_valid_token_gets_past_authentication(string route)
    {
        var response = await Send(route, new("Bearer", AppFixture.Token(Role(route), RoleAgencies.Of(Role(route)))));
        ((int)response.StatusCode).ShouldNotBe(401);
        ((int)response.StatusCode).ShouldBeLessThan(500);
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_token_without_agency_or_subject_is_forbidden(string route)
    {
        foreach (var token in new[] { Craft(Role(route), withAgency: false), Craft(Role(route), withSub: false) })
        {
            var problem = await (await Send(route, new("Bearer", token))).ShouldHave(HttpStatusCode.Forbidden);
            problem.Detail().ShouldContain("agency");
        }
        (await Api.AllEventCount()).ShouldBe(0);
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task a_role_the_service_does_not_know_is_forbidden(string route)
    {
        var problem = await (await Send(route, new("Bearer", AppFixture.Token("janitor")))).ShouldHave(HttpStatusCode.Forbidden);
        problem.Detail().ShouldContain("janitor");
    }

    [Fact]
    public async Task a_token_that_expired_within_the_clock_skew_is_still_accepted()
    {
        var token = AppFixture.Token(Roles.HotlineOperator, "hotline-111", expires: DateTime.UtcNow.AddSeconds(-20));
        var response = await Send("POST /api/cases", new("Bearer", token));
        await response.ShouldHave(HttpStatusCode.Created);
    }
}
