using ChildProtection.Coordination.Tests.Privacy;
using ChildProtection.Coordination.Tests.Support;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Integration.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>
/// A host with webhooks on a short retry schedule (first retry after 0.2 s, doubling to 1 s, dead-lettered after 4 s of
/// failing), in a schema of its own. Tests share it and tell their deliveries apart by subscription and case.
/// </summary>
public class WebhookFixture : AppFixture
{
    public virtual string Schema => "cp_webhooks";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "false",
        ["Marten:Schema"] = Schema,
        // The cases' agencies must be in the directory: access depends on how the caller's agency stands to the case.
        ["Directory:SeedDemo"] = "true",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.2",
        ["Webhooks:MaxDelay"] = "00:00:01",
        ["Webhooks:RetryFor"] = "00:00:04",
        ["Webhooks:Timeout"] = "00:00:05",
        ["Logging:LogLevel:ChildProtection.Coordination"] = "Information",
        // As an operator's configuration might: the delivery client must still log nothing of its own.
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
    };

    /// <summary>What the service logged, to show that no delivery logs a child's identity.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void Configure(IServiceCollection services) => services.AddLogging(l => l.AddProvider(Logs));

    public bool DropSchema { get; init; } = true;

    protected override Task PrepareDatabaseAsync() => DropSchema ? TestDatabase.DropSchemaAsync(Schema) : Task.CompletedTask;

    public HttpClient Integrator(string agency = "stats-office") => Client("integrator", agency);

    public async Task<SubscriptionCreated> Subscribe(string url, string[]? eventTypes = null, string? secret = null, string agency = "stats-office")
    {
        var response = await Integrator(agency).PostJson("/api/subscriptions", new CreateSubscription(url, eventTypes, secret));
        await response.ShouldHave(HttpStatusCode.Created);
        return await response.Read<SubscriptionCreated>();
    }

    public async Task<DeliveryView[]> Deliveries(Guid subscriptionId, string path = "deliveries", string agency = "stats-office")
    {
        var response = await Integrator(agency).GetAsync($"/api/subscriptions/{subscriptionId}/{path}?");
        await response.ShouldHave(HttpStatusCode.OK);
        return await response.Read<DeliveryView[]>();
    }

    public static async Task Eventually(Func<Task<bool>> done, string what, int seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"Not within {seconds} s: {what}");
            await Task.Delay(100);
        }
    }

    public static Task Eventually(Func<bool> done, string what, int seconds = 30) => Eventually(() => Task.FromResult(done()), what, seconds);
}

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookFixture>
{
    public const string Name = "webhooks";
}
