using System.Security.Cryptography;
using System.Text;
using Marten;

namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>One case's chain head as an anchor recorded it.</summary>
public sealed record AnchoredCase(Guid CaseId, long Version, string Head);

/// <summary>
/// A digest over every case's chain head at one moment. Copies kept outside the service (printed, mailed to the
/// inspectorate, published) make a later rewrite of a whole chain, seals included, detectable.
/// </summary>
public sealed class AuditAnchor
{
    public Guid Id { get; set; }
    public DateTimeOffset CutAt { get; set; }
    public int Cases { get; set; }
    /// <summary>SHA-256 (hex) over one line <c>caseId:version:head\n</c> per case, ordered by case id.</summary>
    public string Digest { get; set; } = "";
    public List<AnchoredCase> Covered { get; set; } = [];
    /// <summary><c>schedule</c> or the user id of the admin who cut it.</summary>
    public string CutBy { get; set; } = "";
    /// <summary>What the signature covers (<see cref="AnchorSigner.Statement"/>): id, time, case count and digest, RFC 8785.</summary>
    public string Statement { get; set; } = "";
    /// <summary>ES256 over the UTF-8 of <see cref="Statement"/>, base64; null when no signing key is configured.</summary>
    public string? Signature { get; set; }
    public string? KeyId { get; set; }
    /// <summary>When the anchor was written to the configured sinks outside the database; null until then.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
}

public static class AuditAnchors
{
    public static string Digest(IEnumerable<AnchoredCase> covered) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Concat(covered.Select(c => $"{c.CaseId:D}:{c.Version}:{c.Head}\n")))));

    /// <summary>Cuts an anchor over the chain heads sealed so far; the caller saves the session.</summary>
    public static async Task<AuditAnchor> CutAsync(IDocumentSession session, TimeProvider time, AnchorSigner signer, string by, CancellationToken ct)
    {
        var heads = await session.Query<CaseChainHead>().ToListAsync(ct);
        var covered = heads.Select(h => new AnchoredCase(h.Id, h.Version, h.Hash))
            .OrderBy(c => c.CaseId.ToString("D"), StringComparer.Ordinal).ToList();
        var anchor = new AuditAnchor
        {
            Id = Guid.CreateVersion7(), CutAt = time.GetUtcNow(), Cases = covered.Count,
            Digest = Digest(covered), Covered = covered, CutBy = by,
        };
        signer.Sign(anchor);
        session.Store(anchor);
        return anchor;
    }

    /// <summary>The newest anchor that covers the case, with the case's entry in it.</summary>
    public static async Task<(AuditAnchor Anchor, AnchoredCase Entry)?> NewestCoveringAsync(IQuerySession session, Guid caseId, CancellationToken ct)
    {
        // Anchors are few (one an hour) and newest first, so reading back until one covers the case stays short.
        const int batch = 50;
        for (var skip = 0; ; skip += batch)
        {
            var anchors = await session.Query<AuditAnchor>().OrderByDescending(a => a.CutAt).Skip(skip).Take(batch).ToListAsync(ct);
            foreach (var anchor in anchors)
                if (anchor.Covered.FirstOrDefault(c => c.CaseId == caseId) is { } entry) return (anchor, entry);
            if (anchors.Count < batch) return null;
        }
    }
}
