namespace ChildProtection.Coordination.Common.Keys;

/// <summary>
/// The key-encryption keys (KEKs) that wrap every data key the service stores: each case's identity key and each webhook
/// subscription's signing secret. The KEKs never live in PostgreSQL, so a copy of the database (a dump, a backup, a
/// replica) holds only wrapped keys and opens no identity without them.
/// <para>
/// A wrapped value names the KEK version that wrapped it (<c>kw:v1:&lt;version&gt;:…</c>), so reads accept every version
/// the ring still holds while a rotation re-wraps the stored keys. The local default is <see cref="LocalKeyRing"/> (a file on
/// the service's disk, <c>Keys:KeyRingFile</c>); a KMS or HSM implements this interface the same way: wrap and unwrap
/// remotely (or with a data key it hands out), and <see cref="AddVersionAsync"/> creates a new key version. See
/// docs/operations.md, "Keys".
/// </para>
/// </summary>
public interface IKeyEncryptionKeys
{
    /// <summary>The data key wrapped by the current KEK version, bound to <paramref name="context"/> (what it is the key of).</summary>
    Task<string> WrapAsync(byte[] dataKey, string context, CancellationToken ct);

    /// <summary>The data key; throws <see cref="KeyUnavailableException"/> when the KEK it names is not in the ring or the value was altered or moved.</summary>
    Task<byte[]> UnwrapAsync(string wrapped, string context, CancellationToken ct);

    /// <summary>Whether a stored value is wrapped by the current KEK version (a rotation re-wraps the others).</summary>
    bool IsCurrent(string wrapped);

    /// <summary>Adds a new KEK version and makes it current; returns its version. Older versions stay for reading.</summary>
    Task<string> AddVersionAsync(CancellationToken ct);

    /// <summary>
    /// Drops every version but the current one, once every stored key is wrapped by it: what remains wrapped by an older
    /// version (in a backup taken before, say) can then never be opened again. Returns the versions dropped.
    /// </summary>
    Task<IReadOnlyList<string>> RetireOlderVersionsAsync(CancellationToken ct);
}

/// <summary>A wrapped key that cannot be opened here: its KEK version is not in the ring, or the value is not what was wrapped.</summary>
public sealed class KeyUnavailableException(string message) : Exception(message);

/// <summary>The stored form of a wrapped key: <c>kw:v1:&lt;kek version&gt;:&lt;base64 of nonce, ciphertext, tag&gt;</c>.</summary>
public static class WrappedKey
{
    public const string Prefix = "kw:v1:";

    public static bool IsWrapped(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public static string Format(string version, byte[] sealedBytes) => $"{Prefix}{version}:{Convert.ToBase64String(sealedBytes)}";

    /// <summary>The KEK version and the sealed bytes; null when the value is not a wrapped key.</summary>
    public static (string Version, byte[] Sealed)? Parse(string wrapped)
    {
        if (!IsWrapped(wrapped)) return null;
        var rest = wrapped[Prefix.Length..];
        var colon = rest.IndexOf(':');
        if (colon <= 0) return null;
        try { return (rest[..colon], Convert.FromBase64String(rest[(colon + 1)..])); }
        catch (FormatException) { return null; }
    }

    /// <summary>The KEK version a wrapped value names, or null.</summary>
    public static string? VersionOf(string wrapped) => Parse(wrapped)?.Version;
}
