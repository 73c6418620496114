using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.Marten;

namespace ChildProtection.Coordination.Integration.Webhooks;

public static class WebhookSetup
{
    /// <summary>Options, the HTTP client and the fan-out subscription over the case events.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "Webhooks:AllowedNetworks holds networks in CIDR form, e.g. 10.20.0.0/16 or fd00::/8.")
            .ValidateOnStart();
        services.AddHttpClient(SendWebhookHandler.HttpClientName, (sp, client) =>
            {
                client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ChildProtection.Coordination-Webhooks/1");
            })
            // A redirect is a failed attempt, never followed: it could lead a signed delivery anywhere. No proxy, so
            // the connect step below sees the receiver's own addresses and refuses the inside ones.
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, UseProxy = false, UseCookies = false,
                    ConnectCallback = (context, ct) => WebhookAddresses.ConnectAsync(context, options, ct),
                };
            })
            // A receiver's failure is logged once, by the handler (SendWebhook), without a stack trace: IHttpClientFactory's
            // own request logging wrote four lines per attempt at Information, two with the HttpRequestException's whole
            // stack (10 unreachable receivers: 2,783 lines in 30 s). Removed here, whatever Logging:LogLevel an operator sets.
            .RemoveAllLoggers();
        services.SubscribeToEventsWithServices<WebhookFanOut>(ServiceLifetime.Singleton);
        return services;
    }

    public static void AddWebhookDocuments(this StoreOptions opts)
    {
        opts.Schema.For<WebhookSubscription>().Index(x => x.Agency);
        opts.Schema.For<WebhookDelivery>().Index(x => x.SubscriptionId).Index(x => x.CaseId);
    }

    /// <summary>
    /// Sends for one (subscription, case) run one at a time, on one durable local queue partitioned by that pair, so a
    /// case's events leave in order while other cases go in parallel. (PublishToPartitionedLocalMessaging, the
    /// several-queues form, stopped other scheduled messages such as the audit anchors from firing in 6.62.)
    /// </summary>
    public static void RouteWebhookSends(this WolverineOptions opts)
    {
        opts.MessagePartitioning.ByMessage<SendWebhook>(m => m.QueueKey);
        opts.PublishMessage<SendWebhook>().ToLocalQueue("webhooks");
        opts.LocalQueue("webhooks").UseDurableInbox().PartitionProcessingByGroupId(PartitionSlots.Five);
    }
}
