using System.Text.Json;
using ChildProtection.Coordination.Common;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>
/// An anchor as it is published outside the database: the signed statement, the signature, and every case's chain
/// head it covers (case ids, versions and hashes: nothing about a child). With this file, a case's export and the
/// public key, <c>ops/verify-export</c> checks the case with no access to the service.
/// </summary>
public sealed record PublishedAnchor(string Statement, string? Signature, string? KeyId, string Algorithm, IReadOnlyList<AnchoredCase> Covered)
{
    public static PublishedAnchor Of(AuditAnchor a) => new(a.Statement, a.Signature, a.KeyId, AnchorSigner.Algorithm, a.Covered);
}

/// <summary>"Write this anchor to the sinks": a durable message, retried until the sinks take it.</summary>
public sealed record PublishAnchor(Guid AnchorId);

public static class AnchorPublication
{
    public const string HttpClientName = "anchor-sink";

    public static bool Configured(AuditOptions options) =>
        !string.IsNullOrWhiteSpace(options.AnchorSinkDirectory) || !string.IsNullOrWhiteSpace(options.AnchorSinkUrl);

    /// <summary>The file name in the sink directory: sortable by time, unique by id.</summary>
    public static string FileName(AuditAnchor anchor) => $"anchor-{anchor.CutAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{anchor.Id:N}.json";
}

public static class PublishAnchorHandler
{
    /// <summary>A sink that is away (a full disk, an endpoint down) is tried again, for as long as it takes.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException().RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10));

    public static async Task Handle(PublishAnchor message, IDocumentSession session, IOptions<AuditOptions> options, IHttpClientFactory clients,
        TimeProvider time, CancellationToken ct)
    {
        if (await session.LoadAsync<AuditAnchor>(message.AnchorId, ct) is not { PublishedAt: null } anchor) return;
        var json = JsonSerializer.Serialize(PublishedAnchor.Of(anchor), CaseJson.Options);
        if (options.Value.AnchorSinkDirectory is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, AnchorPublication.FileName(anchor));
            // Whole or not at all: a reader of the directory never sees half a file.
            var partial = path + ".partial";
            await File.WriteAllTextAsync(partial, json, ct);
            File.Move(partial, path, overwrite: true);
        }
        if (options.Value.AnchorSinkUrl is { Length: > 0 } url)
        {
            using var response = await clients.CreateClient(AnchorPublication.HttpClientName)
                .PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), ct);
            response.EnsureSuccessStatusCode();
        }
        anchor.PublishedAt = time.GetUtcNow();
        session.Store(anchor);
    }
}
