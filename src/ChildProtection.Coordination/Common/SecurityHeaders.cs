using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChildProtection.Coordination.Common;

/// <summary>
/// Headers every answer carries, and the one place that decides whom to believe about the client's address.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the reverse proxies the operator names
    /// (<c>ReverseProxy:KnownProxies</c>, addresses; <c>ReverseProxy:KnownNetworks</c>, CIDR). From anyone else they are
    /// ignored, so a client cannot pick the address the sign-in throttle counts against; behind a named proxy each client
    /// is counted by its own address, not all of them by the proxy's. With none named, nothing forwarded is believed.
    /// </summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [];
        var bad = proxies.Where(p => !IPAddress.TryParse(p, out _)).Concat(networks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))).ToArray();
        if (bad.Length > 0)
            throw new InvalidOperationException($"ReverseProxy:KnownProxies takes IP addresses and ReverseProxy:KnownNetworks CIDR networks; not understood: {string.Join(", ", bad)}");
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With no proxy named, nothing forwarded is read at all: ASP.NET Core skips its known-proxy check when both
            // lists are empty and would believe the headers from any client (a fresh address per request for the throttle,
            // https for HSTS), which the outside probe of 2026-12-08 showed.
            o.ForwardedHeaders = proxies.Length + networks.Length == 0 ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; here only what the operator names.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies) o.KnownProxies.Add(IPAddress.Parse(p));
            foreach (var n in networks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n));
            // Several proxies in a row (a load balancer before nginx, say) each add one address.
            o.ForwardLimit = Math.Max(1, proxies.Length + networks.Length);
        });
        return services;
    }

    /// <summary>
    /// <c>Cache-Control: no-store</c> on every answer that does not set its own (answers carry case data, and a shared
    /// or browser cache must not keep them); <c>nosniff</c>, no referrer, no framing; HSTS on https.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var hstsMaxAge = configuration.GetValue("Security:HstsMaxAge", TimeSpan.FromDays(365));
        var hsts = $"max-age={(long)hstsMaxAge.TotalSeconds}; includeSubDomains";
        return app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                // An answer that is not a page runs nothing and embeds nothing; pages set their own policy.
                if (!headers.ContainsKey("Content-Security-Policy") && http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true)
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                if (http.Request.IsHttps) headers.StrictTransportSecurity = hsts;
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
