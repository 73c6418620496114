using ChildProtection.Coordination.Audit.AccessLog;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>
/// How the case's chain stands against the newest anchor that covers it: <c>Matches</c> when the chain recomputed
/// now gives, at <c>Version</c>, the <c>Head</c> the anchor recorded.
/// </summary>
public sealed record AnchorCheck(Guid AnchorId, DateTimeOffset CutAt, string Digest, long Version, string Head, bool Matches);

/// <summary>
/// A case's chain checked: <c>Status</c> <c>ok</c> or <c>broken</c>; <c>Checked</c> sealed events compared with their seals;
/// <c>Head</c>/<c>HeadVersion</c> the recomputed hash of the last event that checked out; <c>FirstBreak</c> the first broken
/// link by version; <c>Unsealed</c> events committed without a seal: seals are written in the append's own transaction, so each
/// of these came in outside the service, and the first is also the break.
/// </summary>
public sealed record CaseIntegrity(Guid CaseId, string Status, int Checked, string? Head, long HeadVersion,
    ChainBreak? FirstBreak, IReadOnlyList<UnsealedEvent> Unsealed, AnchorCheck? Anchor);

public static class GetCaseIntegrityEndpoint
{
    /// <summary>
    /// Recomputes the case's hash chain from the stored events and compares it with the seals written in the
    /// transaction that appended each event, and with the newest anchor that covers the case.
    /// </summary>
    [WolverineGet("/api/cases/{caseId}/integrity", OperationId = "GetCaseIntegrity")]
    [ReadResponses(typeof(CaseIntegrity))]
    public static async Task<IResult> Get(Guid caseId, IQuerySession session, HttpContext http)
    {
        var (refused, admitted) = await CaseGate.CheckAsync(session, http, caseId, CaseAction.CheckIntegrity);
        if (refused is not null) return refused;
        if (await CheckAsync(session, caseId, http.RequestAborted) is not { } integrity) return CaseGate.NotFound(http, caseId);
        await CaseAccessLog.RecordAsync(http, admitted!, "integrity", ["integrity"]);
        return Results.Ok(integrity);
    }

    /// <summary>The case's chain checked against its seals and newest anchor; null for an unknown case.</summary>
    public static async Task<CaseIntegrity?> CheckAsync(IQuerySession session, Guid caseId, CancellationToken ct) =>
        (await CheckWithRowsAsync(session, caseId, ct))?.Integrity;

    /// <summary>The check, with the stored rows and seals it was made on (the export hands the rows on rather than reading them again).</summary>
    public static async Task<(CaseIntegrity Integrity, IReadOnlyList<EventRow> Rows, IReadOnlyList<EventSeal> Seals)?> CheckWithRowsAsync(
        IQuerySession session, Guid caseId, CancellationToken ct)
    {
        var rows = await CaseChain.ReadAsync(session, caseId, ct);
        var seals = await session.Query<EventSeal>().Where(s => s.StreamId == caseId).OrderBy(s => s.Version).ToListAsync(ct);
        if (seals.Count == 0 && !CaseChain.IsCase(rows)) return null;

        var result = ChainCheck.Run(rows, seals);
        AnchorCheck? anchor = null;
        if (await AuditAnchors.NewestCoveringAsync(session, caseId, ct) is var (a, entry))
            anchor = new AnchorCheck(a.Id, a.CutAt, a.Digest, entry.Version, entry.Head,
                result.Recomputed.TryGetValue(entry.Version, out var now) && now == entry.Head);
        return (new CaseIntegrity(caseId, result.FirstBreak is null ? "ok" : "broken", result.Checked, result.Head,
            result.HeadVersion, result.FirstBreak, result.Unsealed, anchor), rows, seals);
    }
}
