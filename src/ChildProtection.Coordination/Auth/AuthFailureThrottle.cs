using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
namespace ChildProtection.Coordination.Auth;

/// <summary>
/// Repeated authentication failures from one address are rate limited: after <c>Auth:FailureLimit</c> 401s
/// within <c>Auth:FailureWindow</c>, a request from the address that presents a token which does not authenticate gets
/// 429 until the window passes, without reaching any endpoint. Built on the rate limiters of System.Threading.RateLimiting
/// that ASP.NET Core's rate-limiting middleware uses, partitioned by client address; only failures consume permits.
/// <para>
/// What stays open while an address is throttled: a request whose token authenticates (an office behind one NAT is not
/// locked out by one bad client in it; a signed token cannot be guessed, so letting valid ones through tells a guesser
/// nothing it could use), a request with no token (it presents nothing to guess; the API still answers it 401), and the
/// health endpoints (a probe from the same host must not see the service as down).
/// </para>
/// </summary>
public static class AuthFailureThrottle
{
    public static IApplicationBuilder UseAuthFailureThrottle(this IApplicationBuilder app, IConfiguration configuration)
    {
        var limit = configuration.GetValue("Auth:FailureLimit", 20);
        var window = configuration.GetValue("Auth:FailureWindow", TimeSpan.FromMinutes(1));
        var failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0, AutoReplenishment = true }));

        return app.Use(async (http, next) =>
        {
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 } && !http.Request.Path.StartsWithSegments("/health")
                && http.Request.Headers.Authorization.Count > 0
                && !(await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme)).Succeeded)
            {
                http.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Common.Problems.Create(http, Common.ProblemKinds.TooManySignInFailures, "Too many failed sign-ins",
                    "Too many requests from this address failed authentication; wait and try again.").ExecuteAsync(http);
                return;
            }
            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status401Unauthorized) failures.AttemptAcquire(address).Dispose();
        });
    }
}
