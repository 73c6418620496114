using System.Security.Cryptography;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Common.Keys;
namespace ChildProtection.Coordination.Cases.Identity;

/// <summary>
/// A case's identity key (AES-256), in its own table, stored only wrapped by the key ring (<see cref="IKeyEncryptionKeys"/>),
/// whose keys never live in the database; deleting it is the erasure.
/// </summary>
public sealed class CaseKey
{
    public Guid Id { get; set; }

    /// <summary>The key wrapped by a key-encryption key of the ring (<c>kw:v1:&lt;version&gt;:…</c>).</summary>
    public string? Wrapped { get; set; }

    /// <summary>The clear key as versions before wrapping stored it; wrapped (and removed) at start-up (<c>Operations/KeyRotation.cs</c>).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("key")]
    public byte[]? Legacy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The opened key, in memory only; empty when the ring cannot open it (a copy of the database without the ring).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public byte[] Key { get; set; } = [];

    /// <summary>What a wrapped case key is bound to: it opens only as this case's key.</summary>
    public static string Context(Guid caseId) => $"case-key:{caseId:D}";

    /// <summary>A new key, in memory only; <see cref="WrapAsync"/> gives the form to store.</summary>
    public static CaseKey New(Guid caseId, DateTimeOffset now) => new() { Id = caseId, Key = RandomNumberGenerator.GetBytes(32), CreatedAt = now };

    /// <summary>The form to store: the key wrapped, nothing in clear.</summary>
    public async Task<CaseKey> WrapAsync(IKeyEncryptionKeys keys, CancellationToken ct) =>
        new() { Id = Id, CreatedAt = CreatedAt, Wrapped = await keys.WrapAsync(Key, Context(Id), ct) };

    /// <summary>The stored key opened with the ring; <see cref="Key"/> stays empty when the ring cannot open it.</summary>
    public async Task<CaseKey> OpenAsync(IKeyEncryptionKeys keys, CancellationToken ct)
    {
        if (Key.Length > 0) return this;
        if (Wrapped is { } wrapped)
        {
            try { Key = await keys.UnwrapAsync(wrapped, Context(Id), ct); }
            catch (KeyUnavailableException) { Key = []; }
        }
        else if (Legacy is { Length: 32 } legacy) Key = legacy;
        return this;
    }
}

/// <summary>
/// Crypto-shredding of the child's and the reporter's identity. The write path seals the identifying fields
/// (<see cref="IdentityFields"/>) of an event with the case's key before it is appended, so the events table,
/// the case summary and every copy of them hold only <c>enc:v1:…</c>; the read path reveals them only when
/// answering. Destroying the key (<see cref="IdentityErased"/>) turns every sealed value into <c>[erased]</c>,
/// in old events and in rebuilt projections alike, while the events themselves (and their hash chain) stay
/// untouched. One instance caches keys for one request at most; values are never logged.
/// </summary>
public sealed class IdentityVault(IQuerySession session, IKeyEncryptionKeys keys)
{
    public const string Prefix = "enc:v1:";
    public const string Erased = "[erased]";
    public const string Unreadable = "[unreadable]";
    private const int NonceSize = 12, TagSize = 16;

    private readonly Dictionary<Guid, CaseKey?> _keys = new();

    /// <summary>AES-GCM with a fresh nonce per value, bound to its case (the case id is the associated data).</summary>
    public static string Seal(string plaintext, CaseKey key)
    {
        var clear = System.Text.Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + clear.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize, clear.Length), sealedBytes.AsSpan(NonceSize + clear.Length), key.Id.ToByteArray());
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// Like <see cref="Seal"/>, but the same value always seals to the same text within the case: the nonce is derived from
    /// the value under the case's key (as in AES-GCM-SIV's synthetic IV), so two different values never share a nonce. For a
    /// value a later event must find again as stored (a health group's end, its start); it shows only that two are equal.
    /// </summary>
    public static string SealSame(string plaintext, CaseKey key)
    {
        var clear = System.Text.Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + clear.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        HMACSHA256.HashData(key.Key, System.Text.Encoding.UTF8.GetBytes("same:" + plaintext)).AsSpan(0, NonceSize).CopyTo(nonce);
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize, clear.Length), sealedBytes.AsSpan(NonceSize + clear.Length), key.Id.ToByteArray());
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// The clear value; <c>[erased]</c> when the key is gone; a value that was never sealed as it is. A text that quotes
    /// sealed values (the pathway's description of a hand-off names the plan's service as stored) has each of them opened.
    /// </summary>
    public static string Open(string value, CaseKey? key)
    {
        if (!value.Contains(Prefix, StringComparison.Ordinal)) return value;
        // A stored sealed value is the whole string; a text that quotes some has other text before them.
        return value.StartsWith(Prefix, StringComparison.Ordinal) ? OpenOne(value, key) : Quoted.Replace(value, m => OpenOne(m.Value, key));
    }

    private static readonly System.Text.RegularExpressions.Regex Quoted =
        new("enc:v1:[A-Za-z0-9+/]*={0,2}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static string OpenOne(string value, CaseKey? key)
    {
        if (key is null) return Erased;
        if (key.Key.Length == 0) return Unreadable;
        try
        {
            var sealedBytes = Convert.FromBase64String(value[Prefix.Length..]);
            if (sealedBytes.Length < NonceSize + TagSize) return Unreadable;
            var clear = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key.Key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, clear.Length), sealedBytes.AsSpan(NonceSize + clear.Length),
                clear, key.Id.ToByteArray());
            return System.Text.Encoding.UTF8.GetString(clear);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return Unreadable;
        }
    }

    /// <summary>The first events of a new case, sealed with a new key stored (wrapped) in the same transaction.</summary>
    public static async Task<IReadOnlyList<object>> SealNewAsync(IDocumentSession session, IKeyEncryptionKeys keys, Guid caseId,
        IReadOnlyList<object> events, DateTimeOffset now, CancellationToken ct)
    {
        var (stored, sealedEvents) = await SealNewAsync(keys, caseId, events, now, ct);
        session.Insert(stored);
        return sealedEvents;
    }

    /// <summary>
    /// As above, but the wrapped key is returned for the caller to store in the transaction that appends the events (a report
    /// committed with others, Cases/Steps/GroupCommit.cs): events sealed with it must never be stored without it.
    /// </summary>
    public static async Task<(CaseKey Stored, IReadOnlyList<object> Sealed)> SealNewAsync(IKeyEncryptionKeys keys, Guid caseId,
        IReadOnlyList<object> events, DateTimeOffset now, CancellationToken ct)
    {
        var key = CaseKey.New(caseId, now);
        var stored = await key.WrapAsync(keys, ct);
        return (stored, events.Select(e => IdentityFields.Seal(e, v => Seal(v, key), v => SealSame(v, key))).ToList());
    }

    /// <summary>
    /// A step's events, sealed with the case's key; an erasure deletes the key in the same transaction. What is sealed
    /// arriving after an erasure is not kept at all. A case recorded before sealing existed gets its key now.
    /// </summary>
    public static Task<IReadOnlyList<object>> SealAsync(IDocumentSession session, IKeyEncryptionKeys keys, Case current,
        IReadOnlyList<object> events, DateTimeOffset now, CancellationToken ct) =>
        SealAsync(session, keys, current, () => session.LoadAsync<CaseKey>(current.Id, ct), events, now, ct);

    /// <summary>As above, with the case's stored key already read (null: the case has none), as the step pipeline reads it with the case.</summary>
    public static Task<IReadOnlyList<object>> SealAsync(IDocumentSession session, IKeyEncryptionKeys keys, Case current, CaseKey? stored,
        IReadOnlyList<object> events, DateTimeOffset now, CancellationToken ct) =>
        SealAsync(session, keys, current, () => Task.FromResult(stored), events, now, ct);

    private static async Task<IReadOnlyList<object>> SealAsync(IDocumentSession session, IKeyEncryptionKeys keys, Case current,
        Func<Task<CaseKey?>> storedKey, IReadOnlyList<object> events, DateTimeOffset now, CancellationToken ct)
    {
        if (events.Any(e => e is IdentityErased)) session.Delete<CaseKey>(current.Id);
        if (!events.Any(IdentityFields.Carries)) return events;
        if (current.IdentityErased || events.Any(e => e is IdentityErased))
            return events.Select(e => IdentityFields.Seal(e, _ => Erased)).ToList();

        var stored = await storedKey();
        CaseKey key;
        if (stored is null)
        {
            key = CaseKey.New(current.Id, now);
            session.Insert(await key.WrapAsync(keys, ct));
        }
        else if ((key = await stored.OpenAsync(keys, ct)).Key.Length == 0)
            throw new KeyUnavailableException("The case's key does not open with the configured key ring (Keys:KeyRingFile); nothing was recorded.");
        return events.Select(e => IdentityFields.Seal(e, v => Seal(v, key), v => SealSame(v, key))).ToList();
    }

    /// <summary>Loads the keys of several cases in one round trip (an inbox page), for <see cref="RevealerAsync"/> to use.</summary>
    public async Task PreloadAsync(IEnumerable<Guid> caseIds, CancellationToken ct)
    {
        var wanted = caseIds.Where(id => !_keys.ContainsKey(id)).Distinct().ToArray();
        if (wanted.Length == 0) return;
        var found = (await session.LoadManyAsync<CaseKey>(ct, wanted)).ToDictionary(k => k.Id);
        foreach (var id in wanted) _keys[id] = found.TryGetValue(id, out var key) ? await key.OpenAsync(keys, ct) : null;
    }

    /// <summary>Opens the sealed values of one case; the key is loaded once per vault.</summary>
    public async Task<Func<string, string>> RevealerAsync(Guid caseId, CancellationToken ct)
    {
        if (!_keys.TryGetValue(caseId, out var key))
            _keys[caseId] = key = await session.LoadAsync<CaseKey>(caseId, ct) is { } stored ? await stored.OpenAsync(keys, ct) : null;
        return value => Open(value, key);
    }

    public async Task<CaseSummary> RevealAsync(CaseSummary summary, CancellationToken ct)
    {
        var open = await RevealerAsync(summary.Id, ct);
        var dateOfBirth = summary.SealedChildDateOfBirth is { } sealedDate ? IdentityFields.OpenDate(sealedDate, open) : summary.Child.DateOfBirth;
        IdentityFields.Summary(summary, open);
        summary.Child = summary.Child with { DateOfBirth = dateOfBirth };
        summary.SealedChildDateOfBirth = null;
        return summary;
    }

    /// <summary>
    /// The decisions count the child's age from the date of birth, which is stored sealed: the step pipeline opens it
    /// here, with the case's key it read with the case, and hands it to the decision in its <see cref="StepContext"/>;
    /// nothing opened is written back to the case.
    /// </summary>
    public static async Task<DateOnly?> OpenDateOfBirthAsync(IKeyEncryptionKeys keys, Case current, CaseKey? stored, CancellationToken ct)
    {
        if (current.SealedChildDateOfBirth is not { } sealedDate) return null;
        var key = stored is null ? null : await stored.OpenAsync(keys, ct);
        return IdentityFields.OpenDate(sealedDate, value => Open(value, key));
    }

    /// <summary>The case's current special circumstances with the health groups opened, for the decision alone; null when none is sealed.</summary>
    public static async Task<IReadOnlyList<Case.CurrentCircumstance>?> OpenCircumstancesAsync(IKeyEncryptionKeys keys, Case current, CaseKey? stored,
        CancellationToken ct)
    {
        if (current.SpecialCircumstances.All(c => c.SealedGroup is null)) return null;
        var key = stored is null ? null : await stored.OpenAsync(keys, ct);
        return current.SpecialCircumstances
            .Select(c => c.SealedGroup is { } g ? c with { Group = IdentityFields.OpenGroup(g, value => Open(value, key)), SealedGroup = null } : c).ToList();
    }
}
