using System.Net;
using ChildProtection.Coordination.Integration.Webhooks;

namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>Where a delivery may go, as pure decisions, and the delivery client's connect step refusing an inside address.</summary>
public sealed class WebhookAddressesTests
{
    private static readonly WebhookOptions Defaults = new();

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::")]
    public void private_link_local_and_reserved_addresses_are_refused(string address) =>
        WebhookAddresses.Refusal(IPAddress.Parse(address), Defaults).ShouldNotBeNull();

    /// <summary>
    /// IPv6 forms that reach an IPv4 address are judged as that address: NAT64 (64:ff9b::/96; on an IPv6-only network
    /// 64:ff9b::a9fe:a9fe is the cloud metadata address), 6to4 (2002::/16), IPv4-translated (::ffff:0:0:0/96). The
    /// deprecated IPv4-compatible form (::/96), local-use NAT64 (64:ff9b:1::/48) and Teredo (2001::/32, whose client
    /// address is hidden) are refused whatever they carry.
    /// </summary>
    [Theory]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b::c0a8:101")]
    [InlineData("2002:a00:1::")]
    [InlineData("2002:a9fe:a9fe:1:2:3:4:5")]
    [InlineData("::a00:1")]
    [InlineData("::808:808")]
    [InlineData("::ffff:0:a00:1")]
    [InlineData("::ffff:0:a9fe:a9fe")]
    [InlineData("64:ff9b:1::808:808")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    public void ipv6_forms_carrying_an_inside_ipv4_address_are_refused(string address) =>
        WebhookAddresses.Refusal(IPAddress.Parse(address), Defaults).ShouldNotBeNull();

    [Theory]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:cba2:4be::1")]
    [InlineData("::ffff:0:808:808")]
    public void ipv6_forms_carrying_a_public_ipv4_address_are_allowed(string address) =>
        WebhookAddresses.Refusal(IPAddress.Parse(address), Defaults).ShouldBeNull();

    [Fact]
    public void a_carried_ipv4_address_is_judged_by_the_allow_list_too()
    {
        var options = new WebhookOptions { AllowedNetworks = ["10.20.0.0/16"] };
        WebhookAddresses.Refusal(IPAddress.Parse("64:ff9b::a14:304"), options).ShouldBeNull();
        WebhookAddresses.Refusal(IPAddress.Parse("64:ff9b::a15:304"), options).ShouldNotBeNull();
        WebhookAddresses.Refusal(IPAddress.Parse("64:ff9b::7f00:1"), new WebhookOptions { AllowLoopback = false }).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("203.162.4.190")]
    [InlineData("2606:4700::1111")]
    public void public_addresses_are_allowed(string address) => WebhookAddresses.Refusal(IPAddress.Parse(address), Defaults).ShouldBeNull();

    [Fact]
    public void loopback_is_allowed_unless_the_operator_turns_it_off()
    {
        WebhookAddresses.Refusal(IPAddress.Loopback, Defaults).ShouldBeNull();
        WebhookAddresses.Refusal(IPAddress.IPv6Loopback, Defaults).ShouldBeNull();
        WebhookAddresses.Refusal(IPAddress.Loopback, new WebhookOptions { AllowLoopback = false }).ShouldNotBeNull();
    }

    [Fact]
    public void an_allow_listed_network_is_allowed_and_only_it()
    {
        var options = new WebhookOptions { AllowedNetworks = ["10.20.0.0/16"] };
        WebhookAddresses.Refusal(IPAddress.Parse("10.20.3.4"), options).ShouldBeNull();
        WebhookAddresses.Refusal(IPAddress.Parse("10.21.3.4"), options).ShouldNotBeNull();
    }

    [Fact]
    public void the_allow_list_is_parsed_once_per_list_and_a_new_list_is_read_afresh()
    {
        var options = new WebhookOptions { AllowedNetworks = ["10.20.0.0/16"] };
        for (var i = 0; i < 3; i++) WebhookAddresses.Refusal(IPAddress.Parse("10.20.3.4"), options).ShouldBeNull();
        // A reloaded configuration binds a new list: what it allows, not what the last one did.
        options.AllowedNetworks = ["10.21.0.0/16"];
        WebhookAddresses.Refusal(IPAddress.Parse("10.20.3.4"), options).ShouldNotBeNull();
        WebhookAddresses.Refusal(IPAddress.Parse("10.21.3.4"), options).ShouldBeNull();
    }

    [Theory]
    [InlineData("https://stats.example.org/hooks", true)]
    [InlineData("http://127.0.0.1:8080/hooks", true)]
    [InlineData("http://localhost:8080/hooks", true)]
    [InlineData("http://[::1]:8080/hooks", true)]
    [InlineData("http://stats.example.org/hooks", false)]
    [InlineData("https://192.168.0.10/hooks", false)]
    [InlineData("https://[64:ff9b::a00:1]/x", false)]
    [InlineData("https://[2002:a00:1::]/x", false)]
    [InlineData("https://[::a00:1]/x", false)]
    [InlineData("https://[::ffff:0:a00:1]/x", false)]
    [InlineData("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x", false)]
    [InlineData("https://[64:ff9b::808:808]/x", true)]
    // Written as names, read as addresses by a resolver: a trailing dot, full-width digits.
    [InlineData("https://169.254.169.254./x", false)]
    [InlineData("https://\uFF11\uFF10.0.0.1/x", false)]
    [InlineData("https://8.8.8.8./x", true)]
    public void registration_wants_https_outside_loopback_and_no_inside_address(string url, bool accepted) =>
        (WebhookAddresses.Problem(new Uri(url), Defaults) is null).ShouldBe(accepted);

    [Fact]
    public async Task the_delivery_client_refuses_to_connect_where_the_policy_says_no()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var noLoopback = new WebhookOptions { AllowLoopback = false };
        using var refusing = new HttpClient(new SocketsHttpHandler { ConnectCallback = (c, ct) => WebhookAddresses.ConnectAsync(c, noLoopback, ct) });
        var refused = await Should.ThrowAsync<HttpRequestException>(() => refusing.PostAsync(receiver.Url, new StringContent("{}")));
        refused.Message.ShouldContain("loopback");
        receiver.Requests.ShouldBeEmpty();

        // The same judgement at connection time: a NAT64 address of the metadata service is never dialled.
        using var policy = new HttpClient(new SocketsHttpHandler { ConnectCallback = (c, ct) => WebhookAddresses.ConnectAsync(c, Defaults, ct) })
            { Timeout = TimeSpan.FromSeconds(10) };
        var metadata = await Should.ThrowAsync<HttpRequestException>(() => policy.PostAsync("https://[64:ff9b::a9fe:a9fe]/latest", new StringContent("{}")));
        metadata.Message.ShouldStartWith("not delivered:");
        metadata.Message.ShouldContain("169.254.169.254");

        using var allowing = new HttpClient(new SocketsHttpHandler { ConnectCallback = (c, ct) => WebhookAddresses.ConnectAsync(c, Defaults, ct) });
        (await allowing.PostAsync(receiver.Url, new StringContent("{}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
