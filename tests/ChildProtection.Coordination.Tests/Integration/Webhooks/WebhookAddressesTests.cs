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

        using var allowing = new HttpClient(new SocketsHttpHandler { ConnectCallback = (c, ct) => WebhookAddresses.ConnectAsync(c, Defaults, ct) });
        (await allowing.PostAsync(receiver.Url, new StringContent("{}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
