using System.Security.Cryptography;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using Marten;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Cases.Identity;

/// <summary>A case's identity key (AES-256), in its own table; deleting it is the erasure.</summary>
public sealed class CaseKey
{
    public Guid Id { get; set; }
    public byte[] Key { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    public static CaseKey New(Guid caseId, DateTimeOffset now) => new() { Id = caseId, Key = RandomNumberGenerator.GetBytes(32), CreatedAt = now };
}

/// <summary>
/// Crypto-shredding of the child's and the reporter's identity. The write path seals the identifying fields
/// (<see cref="IdentityFields"/>) of an event with the case's key before it is appended, so the events table,
/// the case summary and every copy of them hold only <c>enc:v1:…</c>; the read path reveals them only when
/// answering. Destroying the key (<see cref="IdentityErased"/>) turns every sealed value into <c>[erased]</c>,
/// in old events and in rebuilt projections alike, while the events themselves (and their hash chain) stay
/// untouched. One instance caches keys for one request at most; values are never logged.
/// </summary>
public sealed class IdentityVault(IQuerySession session)
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

    /// <summary>The clear value; <c>[erased]</c> when the key is gone; a value that was never sealed as it is.</summary>
    public static string Open(string value, CaseKey? key)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal)) return value;
        if (key is null) return Erased;
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

    /// <summary>The first events of a new case, sealed with a new key stored in the same transaction.</summary>
    public static IReadOnlyList<object> SealNew(IDocumentSession session, Guid caseId, IReadOnlyList<object> events, DateTimeOffset now)
    {
        var key = CaseKey.New(caseId, now);
        session.Insert(key);
        return events.Select(e => IdentityFields.Seal(e, v => Seal(v, key))).ToList();
    }

    /// <summary>
    /// A step's events, sealed with the case's key; an erasure deletes the key in the same transaction. Identity
    /// arriving after an erasure is not kept at all. A case recorded before sealing existed gets its key now.
    /// </summary>
    public static async Task<IReadOnlyList<object>> SealAsync(IDocumentSession session, Case current, IReadOnlyList<object> events,
        DateTimeOffset now, CancellationToken ct)
    {
        if (events.Any(e => e is IdentityErased)) session.Delete<CaseKey>(current.Id);
        if (!events.Any(IdentityFields.Carries)) return events;
        if (current.IdentityErased || events.Any(e => e is IdentityErased))
            return events.Select(e => IdentityFields.Seal(e, _ => Erased)).ToList();

        var key = await session.LoadAsync<CaseKey>(current.Id, ct);
        if (key is null)
        {
            key = CaseKey.New(current.Id, now);
            session.Insert(key);
        }
        return events.Select(e => IdentityFields.Seal(e, v => Seal(v, key))).ToList();
    }

    /// <summary>Opens the sealed values of one case; the key is loaded once per vault.</summary>
    public async Task<Func<string, string>> RevealerAsync(Guid caseId, CancellationToken ct)
    {
        if (!_keys.TryGetValue(caseId, out var key))
            _keys[caseId] = key = await session.LoadAsync<CaseKey>(caseId, ct);
        return value => Open(value, key);
    }

    public async Task<CaseSummary> RevealAsync(CaseSummary summary, CancellationToken ct)
    {
        var open = await RevealerAsync(summary.Id, ct);
        summary.Child = IdentityFields.RevealChild(summary.Child, summary.SealedChildDateOfBirth, open);
        summary.Carers = IdentityFields.Carers(summary.Carers, open);
        summary.SealedChildDateOfBirth = null;
        return summary;
    }

    /// <summary>
    /// The decisions count the child's age from the date of birth, which is stored sealed: the step pipeline opens it
    /// here and hands it to the decision in its <see cref="StepContext"/>; nothing opened is written back to the case.
    /// </summary>
    public static async Task<DateOnly?> OpenDateOfBirthAsync(IQuerySession session, Case current, CancellationToken ct)
    {
        if (current.SealedChildDateOfBirth is not { } sealedDate) return null;
        var open = await new IdentityVault(session).RevealerAsync(current.Id, ct);
        return IdentityFields.OpenDate(sealedDate, open);
    }

    /// <summary>The one call the case reads make, right after loading: the summary with its identity opened.</summary>
    public static Task<CaseSummary> RevealAsync(IQuerySession session, CaseSummary summary, CancellationToken ct) =>
        new IdentityVault(session).RevealAsync(summary, ct);
}
