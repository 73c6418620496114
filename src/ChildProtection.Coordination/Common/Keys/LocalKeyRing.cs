using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Common.Keys;

/// <summary>Where the key-encryption keys are (<c>Keys</c> section).</summary>
public sealed class KeyOptions
{
    public const string Section = "Keys";

    /// <summary>
    /// The local key ring: a JSON file of versioned AES-256 KEKs on the service's disk, never in the database. Created on
    /// first use (mode 600) when missing; ops/run and ops/test point it at <c>.data/key-ring.json</c>. Empty: <c>.data/key-ring.json</c>
    /// under the working directory. Back it up apart from the database: without it no stored identity can be opened.
    /// </summary>
    public string? KeyRingFile { get; set; }

    /// <summary>How many stored keys a rotation re-wraps per transaction.</summary>
    public int RotationBatchSize { get; set; } = 200;

    public string RingPath => string.IsNullOrWhiteSpace(KeyRingFile) ? Path.Combine(".data", "key-ring.json") : KeyRingFile;
}

/// <summary>
/// <see cref="IKeyEncryptionKeys"/> from a key-ring file: AES-256-GCM key wrap (a fresh 96-bit nonce per value, the context
/// as associated data) under the current version. The file is read again when it changes (another node or <c>rotate-keys</c>
/// added a version) and when a value names a version not seen yet; a change rewrites the file atomically (a temporary
/// file moved into place), and only <see cref="RetireOlderVersionsAsync"/> drops a version.
/// </summary>
public sealed class LocalKeyRing(IOptions<KeyOptions> options, ILogger<LocalKeyRing> log) : IKeyEncryptionKeys
{
    private const int NonceSize = 12, TagSize = 16;
    private readonly Lock _gate = new();
    private Ring? _ring;

    private sealed record Entry(string Version, string Key, DateTimeOffset CreatedAt);
    private sealed record Ring(string Current, List<Entry> Keys);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path => options.Value.RingPath;

    public Task<string> WrapAsync(byte[] dataKey, string context, CancellationToken ct)
    {
        var ring = Load(false);
        var kek = KeyOf(ring, ring.Current)!;
        var sealedBytes = new byte[NonceSize + dataKey.Length + TagSize];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceSize));
        using var aes = new AesGcm(kek, TagSize);
        aes.Encrypt(sealedBytes.AsSpan(0, NonceSize), dataKey, sealedBytes.AsSpan(NonceSize, dataKey.Length),
            sealedBytes.AsSpan(NonceSize + dataKey.Length), Encoding.UTF8.GetBytes(context));
        return Task.FromResult(WrappedKey.Format(ring.Current, sealedBytes));
    }

    public Task<byte[]> UnwrapAsync(string wrapped, string context, CancellationToken ct)
    {
        if (WrappedKey.Parse(wrapped) is not { } parsed || parsed.Sealed.Length < NonceSize + TagSize)
            throw new KeyUnavailableException("Not a wrapped key.");
        var kek = KeyOf(Load(false), parsed.Version) ?? KeyOf(Load(true), parsed.Version)
            ?? throw new KeyUnavailableException($"The key ring {Path} holds no key-encryption key version {parsed.Version}.");
        var clear = new byte[parsed.Sealed.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(kek, TagSize);
            aes.Decrypt(parsed.Sealed.AsSpan(0, NonceSize), parsed.Sealed.AsSpan(NonceSize, clear.Length), parsed.Sealed.AsSpan(NonceSize + clear.Length),
                clear, Encoding.UTF8.GetBytes(context));
        }
        catch (CryptographicException)
        {
            throw new KeyUnavailableException($"A wrapped key does not open with key-encryption key version {parsed.Version} of {Path}.");
        }
        return Task.FromResult(clear);
    }

    public bool IsCurrent(string wrapped) => WrappedKey.VersionOf(wrapped) is { } version && version == Load(false).Current;

    public Task<string> AddVersionAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            var ring = Read() ?? Create();
            var next = (ring.Keys.Select(k => int.TryParse(k.Version, out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1).ToString();
            var updated = new Ring(next, [.. ring.Keys, New(next)]);
            Write(updated, replace: true);
            (_ring, _readAt) = (updated, File.GetLastWriteTimeUtc(Path));
            log.LogInformation("Added key-encryption key version {Version} to {Path}", next, Path);
            return Task.FromResult(next);
        }
    }

    public Task<IReadOnlyList<string>> RetireOlderVersionsAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            var ring = Read() ?? Create();
            var dropped = ring.Keys.Where(k => k.Version != ring.Current).Select(k => k.Version).ToList();
            if (dropped.Count == 0) return Task.FromResult<IReadOnlyList<string>>(dropped);
            var updated = ring with { Keys = ring.Keys.Where(k => k.Version == ring.Current).ToList() };
            Write(updated, replace: true);
            (_ring, _readAt) = (updated, File.GetLastWriteTimeUtc(Path));
            log.LogWarning("Retired key-encryption key versions {Versions} from {Path}", string.Join(", ", dropped), Path);
            return Task.FromResult<IReadOnlyList<string>>(dropped);
        }
    }

    private static byte[]? KeyOf(Ring ring, string version) =>
        ring.Keys.Find(k => k.Version == version) is { } entry ? Convert.FromBase64String(entry.Key) : null;

    /// <summary>The ring, read again when the file changed (another process added a version), or when asked.</summary>
    private Ring Load(bool again)
    {
        lock (_gate)
        {
            var written = File.Exists(Path) ? File.GetLastWriteTimeUtc(Path) : default;
            if (_ring is not null && !again && written == _readAt) return _ring;
            _ring = Read() ?? Create();
            _readAt = File.GetLastWriteTimeUtc(Path);
            return _ring;
        }
    }

    private DateTime _readAt;

    private Ring? Read()
    {
        if (!File.Exists(Path)) return null;
        var ring = JsonSerializer.Deserialize<Ring>(File.ReadAllText(Path), Json);
        if (ring is null || ring.Keys.Count == 0 || ring.Keys.All(k => k.Version != ring.Current))
            throw new InvalidOperationException($"The key ring {Path} names no current key-encryption key.");
        if (ring.Keys.Any(k => Convert.FromBase64String(k.Key).Length != 32))
            throw new InvalidOperationException($"Every key of the key ring {Path} must be 32 bytes (AES-256), base64.");
        return ring;
    }

    private Ring Create()
    {
        var ring = new Ring("1", [New("1")]);
        if (!Write(ring, replace: false)) return Read()!;   // another process created it a moment ago: use theirs
        log.LogWarning("Created the key ring {Path}: back it up apart from the database, or no stored identity can be opened", Path);
        return ring;
    }

    private static Entry New(string version) => new(version, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), DateTimeOffset.UtcNow);

    /// <summary>Writes a temporary file (mode 600) and moves it into place; without <paramref name="replace"/>, only where none exists.</summary>
    private bool Write(Ring ring, bool replace)
    {
        var full = System.IO.Path.GetFullPath(Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, file)) stream.Write(JsonSerializer.SerializeToUtf8Bytes(ring, Json));
        try
        {
            if (replace) File.Move(temp, full, overwrite: true);
            else
            {
                try { File.Move(temp, full, overwrite: false); }
                catch (IOException) when (File.Exists(full)) { return false; }
            }
            return true;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
