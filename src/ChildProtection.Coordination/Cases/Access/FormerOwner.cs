using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using Marten;
namespace ChildProtection.Coordination.Cases.Access;

/// <summary>
/// A commune that gave a case up (<see cref="CaseRelation.Former"/>) keeps read access to what it did: the case as it stood
/// at the transfer that took it away, folded again from the events up to that one; nothing recorded later reaches it —
/// not the new commune's work, not where the child now lives beyond the transfer itself.
/// </summary>
public static class FormerOwner
{
    /// <summary>Whether the read is cut at the transfer: the caller relates to the case as a former owner and not as its owner now.</summary>
    public static bool ReadsUpToTransfer(CaseRelation relations) =>
        relations.HasFlag(CaseRelation.Former) && (relations & (CaseRelation.Jurisdiction | CaseRelation.Supervising | CaseRelation.Any)) == 0;

    /// <summary>
    /// The version of the last <see cref="CaseTransferred"/> that took the case away from the caller's commune (else the first
    /// transfer's, else the report's): never 0, which would mean "no limit".
    /// </summary>
    public static async Task<long> TransferVersionAsync(IQuerySession session, Guid caseId, string agencyId, CancellationToken ct)
    {
        var commune = (await session.LoadAsync<Agency>(agencyId, ct))?.CommuneCode;
        var transfers = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == caseId && e.EventTypeName == EventTypeName)
            .OrderBy(e => e.Version).ToListAsync(ct);
        return (transfers.LastOrDefault(e => e.Data is CaseTransferred t && t.FromCommune == commune) ?? transfers.FirstOrDefault())?.Version ?? 1;
    }

    /// <summary>How Marten names the event in the store (snake_case of the type).</summary>
    public const string EventTypeName = "case_transferred";
}
