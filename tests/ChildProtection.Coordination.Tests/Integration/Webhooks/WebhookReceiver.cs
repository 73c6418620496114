using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>One request as the receiver saw it, and what it answered.</summary>
public sealed record Received(string Id, string Timestamp, string Signature, string Body, int Answered, string? TraceParent = null)
{
    public JsonElement Event => JsonDocument.Parse(Body).RootElement;
    public Guid CaseId => Guid.Parse(Event.GetProperty("subject").GetString()!);
    public long Sequence => long.Parse(Event.GetProperty("sequence").GetString()!);
    public bool Accepted => Answered is >= 200 and < 300;
}

/// <summary>A real HTTP receiver on 127.0.0.1 (Kestrel, a free port) that records every request and answers as told.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Received> requests = new();

    /// <summary>The status to answer the next request with.</summary>
    public Func<int> Answer { get; set; } = () => 200;

    /// <summary>Headers to answer with (a redirect's Location, a Retry-After).</summary>
    public Func<IReadOnlyDictionary<string, string>> AnswerHeaders { get; set; } = () => new Dictionary<string, string>();

    /// <summary>How long the receiver takes to answer.</summary>
    public TimeSpan Delay { get; set; }

    public string Url { get; }

    private WebhookReceiver(WebApplication app, string url) => (this.app, Url) = (app, url);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hooks/cases", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
            await Task.Delay(receiver!.Delay);
            var status = receiver.Answer();
            foreach (var (name, value) in receiver.AnswerHeaders()) http.Response.Headers[name] = value;
            receiver.requests.Enqueue(new Received(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), body, status, http.Request.Headers["traceparent"].FirstOrDefault()));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver = new WebhookReceiver(app, app.Urls.Single() + "/hooks/cases");
        return receiver;
    }

    public IReadOnlyList<Received> Requests => requests.ToArray();

    /// <summary>The events of a case the receiver accepted, in arrival order, each once (repeats are at-least-once delivery).</summary>
    public IReadOnlyList<Received> AcceptedFor(Guid caseId) =>
        Requests.Where(r => r.Accepted && r.CaseId == caseId).DistinctBy(r => r.Id).ToList();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>
    /// Standard Webhooks verification, written here independently of the service (docs/integrators.md shows the same code):
    /// HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" keyed with the base64 after "whsec_".
    /// </summary>
    public static bool SignatureVerifies(string secret, string id, string timestamp, string body, string signatureHeader)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"))));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp)) <= 300;
        return fresh && signatureHeader.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
