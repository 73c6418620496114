using System.Globalization;
using System.Threading.RateLimiting;
namespace ChildProtection.Coordination.Auth;

/// <summary>
/// Repeated authentication failures from one address are rate limited: after <c>Auth:FailureLimit</c> 401s
/// within <c>Auth:FailureWindow</c>, the address gets 429 until the window passes. Built on the rate limiters
/// of System.Threading.RateLimiting that ASP.NET Core's rate-limiting middleware uses, partitioned by client
/// address; only failures consume permits, so callers with valid tokens are never slowed down by their own traffic.
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
            if (failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 })
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
