using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>The anchor key's public half, for anyone who checks an anchor outside the service.</summary>
public sealed record AnchorPublicKey(string KeyId, string Algorithm, string PublicKeyPem);

/// <summary>
/// Signs anchors with an ECDSA P-256 key (ES256: SHA-256, the signature as r‖s, base64) read from
/// <see cref="AuditOptions.AnchorKeyFile"/>. The key lives on the service's disk, never in PostgreSQL, so whoever can
/// rewrite the database cannot forge an anchor that verifies against the published public key.
/// </summary>
public sealed class AnchorSigner : IDisposable
{
    public const string Algorithm = "ES256";
    private readonly ECDsa? key;

    public AnchorSigner(IOptions<AuditOptions> options, ILogger<AnchorSigner> log)
    {
        var path = options.Value.AnchorKeyFile;
        if (string.IsNullOrWhiteSpace(path))
        {
            log.LogWarning("Audit:AnchorKeyFile is not set: audit anchors are cut unsigned and cannot be checked outside the service.");
            return;
        }
        key = ECDsa.Create();
        if (File.Exists(path)) key.ImportFromPem(File.ReadAllText(path));
        else
        {
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var writer = new StreamWriter(path, Encoding.ASCII, file);
            writer.Write(key.ExportPkcs8PrivateKeyPem());
            log.LogInformation("Created the audit anchor signing key at {Path}", path);
        }
        if (key.KeySize != 256) throw new InvalidOperationException($"Audit:AnchorKeyFile must hold an ECDSA P-256 key; {path} holds a {key.KeySize}-bit key.");
        var spki = key.ExportSubjectPublicKeyInfo();
        PublicKey = new AnchorPublicKey(Convert.ToHexStringLower(SHA256.HashData(spki))[..32], Algorithm, key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>Null when no key is configured.</summary>
    public AnchorPublicKey? PublicKey { get; }

    /// <summary>
    /// What an anchor's signature covers: its id, time, case count and digest as one RFC 8785 object, so any
    /// language reproduces the exact bytes from the published file.
    /// </summary>
    public static string Statement(AuditAnchor anchor) => JsonCanonicalization.Serialize(new JsonObject
    {
        ["kind"] = "cp-audit-anchor/1",
        ["id"] = anchor.Id.ToString("D"),
        ["cutAt"] = anchor.CutAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["cases"] = anchor.Cases,
        ["digest"] = anchor.Digest,
    });

    /// <summary>Fills in the anchor's statement and, with a key, its signature.</summary>
    public void Sign(AuditAnchor anchor)
    {
        anchor.Statement = Statement(anchor);
        if (key is null) return;
        anchor.Signature = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(anchor.Statement), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        anchor.KeyId = PublicKey!.KeyId;
    }

    /// <summary>Checks a statement's signature against a public key in PEM: what an outside checker does.</summary>
    public static bool Verifies(string statement, string signature, string publicKeyPem)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(publicKeyPem);
        return ecdsa.VerifyData(Encoding.UTF8.GetBytes(statement), Convert.FromBase64String(signature), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public void Dispose() => key?.Dispose();
}
