using System.Security.Cryptography;
using System.Text;
using ChildProtection.Coordination.Auth;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Access;

namespace ChildProtection.Coordination.Audit.AccessLog;

/// <summary>
/// Somebody outside the owning commune read a case (Law on Children Art. 21; ND56 Art. 33): who, for what purpose,
/// which fields were released, when, and in which request. Kept in the case's own access-log stream, never in the
/// case stream, so reading changes neither the case's version (ETag) nor its hash chain.
/// </summary>
/// <param name="Read">What was read: <c>case</c>, <c>case-as-of</c>, <c>history</c>, <c>integrity</c>, <c>export</c>; for an integrator
/// that received the child's identity, <c>feed</c> or <c>webhook</c>.</param>
/// <param name="Fields">The paths of the fields released, e.g. <c>child.name</c>, <c>interviews</c>; the whole record for history and export.</param>
public sealed record CaseRecordRead(Guid CaseId, string Read, string UserId, string UserName, string Agency, string Role,
    string Purpose, string[] Fields, DateTimeOffset ReadAt, string? CorrelationId);

public static class CaseAccessLog
{
    public const string PurposeHeader = "X-Purpose";
    public const string DefaultPurpose = "case work";
    private const int MaxPurposeLength = 200;

    /// <summary>The access-log stream of a case: a fixed id derived from the case id (name-based, SHA-256), never the case's own.</summary>
    public static Guid StreamId(Guid caseId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"case-access-log:{caseId:D}"));
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5 style (name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    /// <summary>Who must be logged: everybody but the owning commune's own agencies (auditors included, issue 5).</summary>
    public static bool MustLog(CaseAccess access) => !access.OwningCommune;

    /// <summary>The purpose the caller declared (<c>X-Purpose</c> header or <c>purpose</c> query), else "case work".</summary>
    public static string PurposeOf(HttpContext http)
    {
        var declared = http.Request.Headers[PurposeHeader].FirstOrDefault() ?? http.Request.Query["purpose"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(declared)) return DefaultPurpose;
        var trimmed = declared.Trim();
        return trimmed.Length <= MaxPurposeLength ? trimmed : trimmed[..MaxPurposeLength];
    }

    /// <summary>Records the read, in its own session and transaction, before the answer leaves; nothing is recorded for the owning commune.</summary>
    public static async Task RecordAsync(HttpContext http, Admitted admitted, string read, IEnumerable<string> fields)
    {
        if (!MustLog(admitted.Access)) return;
        var actor = admitted.Actor;
        var services = http.RequestServices;
        var correlation = Correlation.Of(http);
        var entry = new CaseRecordRead(admitted.Summary.Id, read, actor.UserId, actor.Name, actor.Agency, actor.Role, PurposeOf(http),
            fields.ToArray(), services.GetRequiredService<TimeProvider>().GetUtcNow(), correlation);
        await AppendAsync(services.GetRequiredService<IDocumentStore>(), actor, correlation, [entry], http.RequestAborted);
    }

    /// <summary>Appends entries to their cases' log streams in one transaction.</summary>
    public static async Task AppendAsync(IDocumentStore store, Actor actor, string? correlation, IReadOnlyList<CaseRecordRead> entries, CancellationToken ct)
    {
        // Two first reads of a case at the same moment may race to create its log stream: the loser tries again.
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            EventHeaders.Stamp(session, actor, correlation);
            foreach (var entry in entries) session.Events.Append(StreamId(entry.CaseId), entry);
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (attempt <= LostRace.Cooldowns.Length && (LostRace.Is(e) || LostRace.IsDuplicate(e)))
            {
                await Task.Delay(LostRace.Cooldowns[attempt - 1], ct);
            }
        }
    }
}

/// <summary>The access log behind <see cref="ICaseReadLog"/>: integrators' feed reads and webhook deliveries that carried identity.</summary>
public sealed class CaseReadLog(IDocumentStore store, TimeProvider time) : ICaseReadLog
{
    public Task RecordAsync(IReadOnlyCollection<Guid> caseIds, string read, Actor actor, string purpose, IReadOnlyList<string> fields, string? correlationId,
        CancellationToken ct)
    {
        if (caseIds.Count == 0) return Task.CompletedTask;
        var now = time.GetUtcNow();
        return CaseAccessLog.AppendAsync(store, actor, correlationId, caseIds.Distinct().Select(id =>
            new CaseRecordRead(id, read, actor.UserId, actor.Name, actor.Agency, actor.Role, purpose, fields.ToArray(), now, correlationId)).ToList(), ct);
    }
}
