using System.Net;
using System.Net.Sockets;

namespace ChildProtection.Coordination.Integration.Webhooks;

/// <summary>
/// Where a webhook may go. A subscription's address is the integrator's to choose, so it must not turn the service
/// into a way in to the networks it can reach (server-side request forgery): https only, except to loopback; no
/// private, link-local, shared or reserved address unless the operator allow-lists its network
/// (<see cref="WebhookOptions.AllowedNetworks"/>). The check runs at registration on an address written as an IP,
/// and again on every connection on the addresses the name resolves to then, so a name that later resolves
/// somewhere inside is refused too. An IPv6 address that carries an IPv4 one to an IPv4 network (mapped, translated,
/// NAT64, 6to4) is judged as that IPv4 address: on an IPv6-only network with NAT64, <c>64:ff9b::a9fe:a9fe</c> is the
/// cloud metadata address 169.254.169.254.
/// </summary>
public static class WebhookAddresses
{
    /// <summary>Networks that are not the public internet (RFC 6890 and friends), loopback apart.</summary>
    private static readonly IPNetwork[] Inside =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/3"),
        // ::/96 holds the unspecified address and the deprecated IPv4-compatible form (::a.b.c.d), refused outright (::1 is
        // loopback, judged before). Teredo (2001::/32) hides its client's IPv4 address, so it cannot be judged: refused.
        // 64:ff9b:1::/48 is NAT64 for local use, the networks behind it the operator's own.
        IPNetwork.Parse("::/96"), IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001::/32"), IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Why a delivery may not connect to <paramref name="address"/>, or null when it may.</summary>
    public static string? Refusal(IPAddress address, WebhookOptions options)
    {
        if (Allowed(options).Any(n => n.Contains(address))) return null;
        if (Carried(address) is { } ipv4)
            return Refusal(ipv4, options) is { } refusal ? $"{address} carries {ipv4}; {refusal}" : null;
        if (IPAddress.IsLoopback(address)) return options.AllowLoopback ? null : $"{address} is a loopback address and Webhooks:AllowLoopback is off";
        return Inside.Any(n => n.Contains(address))
            ? $"{address} is a private, link-local or reserved address; an operator may allow-list its network in Webhooks:AllowedNetworks"
            : null;
    }

    private static readonly IPNetwork Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>
    /// The IPv4 address an IPv6 one reaches, or null: IPv4-mapped (<c>::ffff:a.b.c.d</c>), IPv4-translated
    /// (<c>::ffff:0:a.b.c.d</c>) and NAT64 (<c>64:ff9b::a.b.c.d</c>) carry it in their last 32 bits, 6to4
    /// (<c>2002:aabb:ccdd::</c>) in bits 16 to 47.
    /// </summary>
    public static IPAddress? Carried(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return null;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (Translated.Contains(address) || Nat64.Contains(address)) return new IPAddress(bytes.AsSpan(12, 4));
        if (SixToFour.Contains(address)) return new IPAddress(bytes.AsSpan(2, 4));
        return null;
    }

    /// <summary>
    /// The operator's allow-list, parsed once per list: the delivery client asks on every connection, and the options are
    /// validated at start (<see cref="WebhookSetup"/>), so a list is parsed once; a reloaded configuration brings a new list.
    /// </summary>
    private static IPNetwork[] Allowed(WebhookOptions options) =>
        options.AllowedNetworks.Length == 0 ? [] : Parsed.GetValue(options.AllowedNetworks, list => list.Select(IPNetwork.Parse).ToArray());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string[], IPNetwork[]> Parsed = new();

    public static bool IsLoopbackHost(Uri url) =>
        url.IsLoopback || (Literal(url) is { } ip && IPAddress.IsLoopback(ip));

    /// <summary>
    /// The address a URL's host is written as, or null for a name. Also the forms <see cref="Uri"/> keeps as names but a
    /// resolver reads as addresses: a trailing dot (<c>169.254.169.254.</c>) and full-width digits (<c>１０.0.0.1</c>,
    /// which IDN mapping turns into 10.0.0.1).
    /// </summary>
    public static IPAddress? Literal(Uri url) =>
        IPAddress.TryParse(url.DnsSafeHost, out var ip) || IPAddress.TryParse(url.IdnHost.TrimEnd('.'), out ip) ? ip : null;

    /// <summary>What is wrong with a subscription's address, or null: the registration's own check.</summary>
    public static string? Problem(Uri url, WebhookOptions options)
    {
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && IsLoopbackHost(url)))
            return "'url' is an absolute https address (plain http only to a loopback receiver on this machine).";
        if (!string.IsNullOrEmpty(url.UserInfo)) return "'url' carries no user name or password; deliveries are signed instead.";
        if (Literal(url) is { } ip && Refusal(ip, options) is { } refusal) return $"'url': {refusal}.";
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
