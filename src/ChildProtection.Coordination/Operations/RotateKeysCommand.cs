using ChildProtection.Coordination.Common.Keys;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Operations;

public sealed class RotateKeysInput : NetCoreInput
{
    [Description("Only re-wrap what is not under the current version (finish an interrupted rotation); add no new version")]
    [FlagAlias("rewrap-only")]
    public bool RewrapOnlyFlag { get; set; }

    [Description("After the re-wrap, drop every older key-encryption key version from the ring (when no stored key still needs one)")]
    [FlagAlias("retire")]
    public bool RetireFlag { get; set; }
}

/// <summary>
/// <c>dotnet ChildProtection.Coordination.dll rotate-keys</c> (ops/rotate-keys): adds a key-encryption key version to the ring,
/// then re-wraps every stored case key and webhook secret with it, a batch per transaction, while the service runs.
/// </summary>
[Description("Add a key-encryption key version and re-wrap every stored key with it", Name = "rotate-keys")]
public sealed class RotateKeysCommand : JasperFxAsyncCommand<RotateKeysInput>
{
    public override async Task<bool> Execute(RotateKeysInput input)
    {
        using var host = input.BuildHost();
        var keys = host.Services.GetRequiredService<IKeyEncryptionKeys>();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var batch = host.Services.GetRequiredService<IOptions<KeyOptions>>().Value.RotationBatchSize;
        var done = await RotateAsync(store, keys, batch, !input.RewrapOnlyFlag, CancellationToken.None);
        Console.WriteLine($"Key-encryption key version {done.Version ?? "(unchanged)"}: re-wrapped {done.CaseKeys} case keys and " +
                          $"{done.WebhookSecrets} webhook subscriptions; {done.Unopenable} could not be opened with this ring.");
        if (done.Unopenable > 0 || !input.RetireFlag) return done.Unopenable == 0;
        var retired = await RetireAsync(store, keys, batch, CancellationToken.None);
        Console.WriteLine(retired is null
            ? "Not retired: keys under an older version remained (a node still wrapping with it?); run again with --rewrap-only --retire."
            : $"Retired key-encryption key versions: {(retired.Count == 0 ? "none" : string.Join(", ", retired))}.");
        return retired is not null;
    }

    /// <summary>
    /// Drops the older versions once a further pass finds nothing left to re-wrap (every node reads the ring again when
    /// the file changes, so none still wraps with an older version); null when something was still found.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> RetireAsync(IDocumentStore store, IKeyEncryptionKeys keys, int batchSize, CancellationToken ct)
    {
        var check = await KeyRotation.RewrapAsync(store, keys, batchSize, onlyClear: false, ct);
        if (check.CaseKeys + check.WebhookSecrets + check.Unopenable > 0) return null;
        return await keys.RetireOlderVersionsAsync(ct);
    }

    /// <summary>A new version (unless <paramref name="addVersion"/> is false), then every stored key re-wrapped under it.</summary>
    public static async Task<RewrapCount> RotateAsync(IDocumentStore store, IKeyEncryptionKeys keys, int batchSize, bool addVersion, CancellationToken ct)
    {
        var version = addVersion ? await keys.AddVersionAsync(ct) : null;
        return await KeyRotation.RewrapAsync(store, keys, batchSize, onlyClear: false, ct) with { Version = version };
    }
}
