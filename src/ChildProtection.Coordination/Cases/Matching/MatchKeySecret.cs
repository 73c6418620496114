using System.Security.Cryptography;
using System.Text;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>Where the service's match key comes from (section <c>Matching</c>).</summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>A file holding the key (base64, at least 32 bytes); relative paths are taken from the content root.</summary>
    public string KeyFile { get; set; } = ".data/match-key";

    /// <summary>The key itself (base64), instead of a file; for tests and secret stores that hand out values.</summary>
    public string? Key { get; set; }

    /// <summary>A missing key file is created with a random key on start (local use). Set false in production, where losing the key silently would blind matching.</summary>
    public bool CreateKeyFile { get; set; } = true;

    /// <summary>The lowest score shown as a possible duplicate (0–1).</summary>
    public double Threshold { get; set; } = 0.65;
}

/// <summary>
/// The service's match key: the HMAC-SHA256 key every match-key part is hashed with, kept outside PostgreSQL (a file, by
/// default under the git-ignored .data/), so that a copy of the database alone cannot test a guessed name against the match
/// keys. One small class, so that wrapping the key (as the case keys may be) changes nothing else. The key never leaves it.
/// </summary>
public sealed class MatchKeySecret
{
    private readonly byte[] _key;

    public MatchKeySecret(byte[] key)
    {
        if (key.Length < 32) throw new InvalidOperationException("The match key must be at least 32 bytes.");
        _key = key;
        KeyId = Convert.ToHexString(SHA256.HashData(key))[..8].ToLowerInvariant();
    }

    /// <summary>Names the key without revealing it: match keys hashed with another key are never compared with these.</summary>
    public string KeyId { get; }

    /// <summary>
    /// A keyed hash of one normalised part or index entry as a 64-bit integer (the first 8 bytes of the HMAC); <paramref name="purpose"/>
    /// keeps parts apart (a school never equals a name). Index entries are the block table's btree key.
    /// </summary>
    public long Hash64(string purpose, string value)
    {
        Span<byte> mac = stackalloc byte[32];
        var hmac = Hmac();
        hmac.AppendData(Encoding.UTF8.GetBytes(purpose + "\u001f" + value));
        hmac.GetHashAndReset(mac);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(mac);
    }

    // A report's key takes a hundred or more hashes. The one-shot HMACSHA256.HashData sets OpenSSL's HMAC up afresh for each
    // (1.8 µs a hash on this machine); an IncrementalHash kept per thread for this key only resets (0.8 µs). Same bytes out.
    [ThreadStatic] private static (MatchKeySecret Owner, IncrementalHash Hmac)? _perThread;

    private IncrementalHash Hmac()
    {
        if (_perThread is { } cached && ReferenceEquals(cached.Owner, this)) return cached.Hmac;
        _perThread?.Hmac.Dispose();
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        _perThread = (this, hmac);
        return hmac;
    }

    public static MatchKeySecret Load(MatchingOptions options, string contentRoot)
    {
        if (options.Key is { Length: > 0 } inline) return new MatchKeySecret(Convert.FromBase64String(inline.Trim()));
        var path = Path.IsPathRooted(options.KeyFile) ? options.KeyFile : Path.Combine(contentRoot, options.KeyFile);
        if (!File.Exists(path))
        {
            if (!options.CreateKeyFile)
                throw new InvalidOperationException($"No match key: set Matching__KeyFile to an existing key file or Matching__Key (see docs/matching.md).");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var created = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n";
            try
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, create);
                file.Write(Encoding.ASCII.GetBytes(created));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it a moment ago: use theirs.
            }
        }
        return new MatchKeySecret(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
