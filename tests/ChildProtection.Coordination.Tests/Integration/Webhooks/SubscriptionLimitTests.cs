using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Integration.Webhooks;
namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>A host whose agencies may each hold three subscriptions, in a schema of its own.</summary>
public sealed class SubscriptionLimitHost : WebhookFixture
{
    public const int Limit = 3;

    public override string Schema => "cp_webhook_limit";

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(base.Settings) { ["Webhooks:MaxSubscriptionsPerAgency"] = Limit.ToString() };
}

[CollectionDefinition(Name)]
public sealed class SubscriptionLimitCollection : ICollectionFixture<SubscriptionLimitHost>
{
    public const string Name = "webhook-limit";
}

/// <summary>An agency holds a bounded number of subscriptions: each one multiplies the fan-out and deliveries of every case event.</summary>
[Collection(SubscriptionLimitCollection.Name)]
public sealed class SubscriptionLimitTests(SubscriptionLimitHost app)
{
    [Fact]
    public void the_limit_is_reached_at_the_configured_number_and_the_docs_give_its_default()
    {
        var options = new WebhookOptions { MaxSubscriptionsPerAgency = 3 };
        Subscriptions.Full("stats-office", 2, options).ShouldBeNull();
        Subscriptions.Full("stats-office", 3, options).ShouldNotBeNull().ShouldContain("Webhooks:MaxSubscriptionsPerAgency allows 3");
        Docs.Read("integrators.md").ShouldContain($"`Webhooks__MaxSubscriptionsPerAgency` (`{new WebhookOptions().MaxSubscriptionsPerAgency}`");
    }

    [Fact]
    public async Task an_agency_at_its_limit_is_refused_another_until_it_deletes_one_and_other_agencies_are_not_held()
    {
        var held = new List<SubscriptionCreated>();
        for (var i = 0; i < SubscriptionLimitHost.Limit; i++) held.Add(await app.Subscribe($"https://stats.example.org/hooks/{i}"));
        // A paused subscription still counts: its queue keeps filling.
        await (await app.Integrator().PostAsync($"/api/subscriptions/{held[0].Id}/pause", null)).ShouldHave(HttpStatusCode.OK);

        var refused = await app.Integrator().PostJson("/api/subscriptions", new CreateSubscription("https://stats.example.org/hooks/more"));
        var problem = await refused.ShouldHave(HttpStatusCode.Conflict, ProblemKinds.SubscriptionLimitReached);
        problem.GetProperty("detail").GetString().ShouldContain($"allows {SubscriptionLimitHost.Limit}");
        (await (await app.Integrator().GetAsync("/api/subscriptions")).ShouldHave(HttpStatusCode.OK)).GetArrayLength().ShouldBe(SubscriptionLimitHost.Limit);

        await app.Subscribe("https://police.example.org/hooks", agency: "police-system");

        await (await app.Integrator().DeleteAsync($"/api/subscriptions/{held[1].Id}")).ShouldHave(HttpStatusCode.NoContent);
        await app.Subscribe("https://stats.example.org/hooks/again");
    }
}
