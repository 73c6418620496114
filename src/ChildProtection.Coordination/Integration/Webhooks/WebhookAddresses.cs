using System.Net;
using System.Net.Sockets;

namespace ChildProtection.Coordination.Integration.Webhooks;

/// <summary>
/// Where a webhook may go. A subscription's address is the integrator's to choose, so it must not turn the service
/// into a way in to the networks it can reach (server-side request forgery): https only, except to loopback; no
/// private, link-local, shared or reserved address unless the operator allow-lists its network
/// (<see cref="WebhookOptions.AllowedNetworks"/>). The check runs at registration on an address written as an IP,
/// and again on every connection on the addresses the name resolves to then, so a name that later resolves
/// somewhere inside is refused too.
/// </summary>
public static class WebhookAddresses
{
    /// <summary>Networks that are not the public internet (RFC 6890 and friends), loopback apart.</summary>
    private static readonly IPNetwork[] Inside =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Why a delivery may not connect to <paramref name="address"/>, or null when it may.</summary>
    public static string? Refusal(IPAddress address, WebhookOptions options)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (Allowed(options).Any(n => n.Contains(address))) return null;
        if (IPAddress.IsLoopback(address)) return options.AllowLoopback ? null : $"{address} is a loopback address and Webhooks:AllowLoopback is off";
        return Inside.Any(n => n.Contains(address))
            ? $"{address} is a private, link-local or reserved address; an operator may allow-list its network in Webhooks:AllowedNetworks"
            : null;
    }

    /// <summary>
    /// The operator's allow-list, parsed once per list: the delivery client asks on every connection, and the options are
    /// validated at start (<see cref="WebhookSetup"/>), so a list is parsed once; a reloaded configuration brings a new list.
    /// </summary>
    private static IPNetwork[] Allowed(WebhookOptions options) =>
        options.AllowedNetworks.Length == 0 ? [] : Parsed.GetValue(options.AllowedNetworks, list => list.Select(IPNetwork.Parse).ToArray());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string[], IPNetwork[]> Parsed = new();

    public static bool IsLoopbackHost(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>What is wrong with a subscription's address, or null: the registration's own check.</summary>
    public static string? Problem(Uri url, WebhookOptions options)
    {
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && IsLoopbackHost(url)))
            return "'url' is an absolute https address (plain http only to a loopback receiver on this machine).";
        if (!string.IsNullOrEmpty(url.UserInfo)) return "'url' carries no user name or password; deliveries are signed instead.";
        if (IPAddress.TryParse(url.DnsSafeHost, out var ip) && Refusal(ip, options) is { } refusal) return $"'url': {refusal}.";
        return null;
    }

    /// <summary>
    /// The delivery client's connect step: resolves the host, drops every address <see cref="Refusal"/> refuses and
    /// connects to what is left. With nothing left the attempt fails, as an unreachable receiver does.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, WebhookOptions options, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var resolved = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = resolved.Where(a => Refusal(a, options) is null).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                resolved.Length == 0 ? $"{host} resolves to no address" : $"not delivered: {Refusal(resolved[0], options)}");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
