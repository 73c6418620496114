using ChildProtection.Coordination.Common.Keys;
using System.Text;
using System.Text.Json;
using ChildProtection.Coordination.Audit.AccessLog;
using ChildProtection.Coordination.Audit.Integrity;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Audit;

/// <summary>A case for a court or an inspection: its whole history, and the chain head and anchor that vouch for it.</summary>
public sealed record CaseExport(Guid CaseId, DateTimeOffset ExportedAt, string ExportedBy, CaseIntegrity Integrity, IReadOnlyList<HistoryEntry> Events,
    ChainExport? Chain = null);

/// <summary>
/// The case's events exactly as stored (<c>include=chain</c>): with these rows, a published anchor and the public key,
/// anyone recomputes the chain and checks it (ops/verify-export). <c>Data</c> and <c>Headers</c> are the stored JSON
/// text, <c>Timestamp</c> the canonical form's; the identity, free text and health data in them are the sealed ciphertext.
/// </summary>
public sealed record ChainExport(int Version, IReadOnlyList<ChainRow> Rows);

public sealed record ChainRow(long Sequence, Guid Id, Guid StreamId, long Version, string Type, string Data, string Timestamp,
    string? CorrelationId, string? CausationId, string? Headers);

public static class ExportCaseEndpoint
{
    // Readable Vietnamese in the printed page: no \u escapes; the page itself HTML-encodes every value.
    // Only what HTML needs escaped; Vietnamese letters stay letters.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Html =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static readonly JsonSerializerOptions Readable = new(CaseJson.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true,
    };

    /// <summary>JSON by default; <c>?format=html</c> gives a printable timeline.</summary>
    [WolverineGet("/api/cases/{caseId}/export", OperationId = "ExportCase")]
    [ReadResponses(typeof(CaseExport))]
    public static async Task<IResult> Get(Guid caseId, IQuerySession session, HttpContext http, IOptions<AuditOptions> options, TimeProvider time,
        string? format = null, string? include = null)
    {
        if (CaseGate.RefuseRole(http, CaseAction.Export, out _) is { } forbidden) return forbidden;
        if (format is not (null or "json" or "html")) return Problems.Invalid(http, "format", "'format' is json or html.");
        if (include is not (null or "chain") || (include is not null && format == "html"))
            return Problems.Invalid(http, "include", "'include' is 'chain' (the stored rows, for checking against an anchor), with the JSON format.");
        // The raw rows hold every field of every event, beyond any need-to-know view: for auditors and admins only.
        if (include is not null && Actor.From(http.User)?.Role is not (Roles.Auditor or Roles.Admin))
            return Problems.Forbidden(http, "Only auditors and admins may export the stored rows of a case's chain.");
        var (refused, admitted) = await CaseGate.CheckAsync(session, http, caseId, CaseAction.Export);
        if (refused is not null) return refused;
        var actor = admitted!.Actor;
        var ct = http.RequestAborted;
        var (outcome, entries, _) = await CaseTimeline.LoadAsync(session, http.RequestServices.GetRequiredService<IKeyEncryptionKeys>(), caseId, new PointInTime(null, null), options.Value.LateEntryThreshold, ct);
        if (outcome != CaseTimeline.Outcome.Found || await GetCaseIntegrityEndpoint.CheckWithRowsAsync(session, caseId, ct) is not { } check)
            return Problems.NotFound(http, $"No case {caseId}.");
        var (integrity, rows, seals) = check;

        ChainExport? chain = null;
        if (include == "chain")
        {
            // The rows the integrity check was made on, read once: what the export vouches for is what it hands over.
            var first = seals.FirstOrDefault(s => s.Version == 1);
            chain = new ChainExport(first is null ? CaseChain.Current : CaseChain.Version(first.ChainVersion), rows.Select(r => new ChainRow(
                r.Sequence, r.Id, r.StreamId, r.Version, r.Type, r.Data, CaseChain.TimestampForm(r.TimestampUtc), r.CorrelationId, r.CausationId, r.Headers)).ToList());
        }
        await CaseAccessLog.RecordAsync(http, admitted, "export", include == "chain" ? ["history", "integrity", "chain"] : ["history", "integrity"]);
        var export = new CaseExport(caseId, time.GetUtcNow(), $"{actor.UserId} ({actor.Agency}, {actor.Role})", integrity, entries, chain);
        http.Response.Headers.ContentDisposition = $"attachment; filename=case-{caseId}.{format ?? "json"}";
        return format == "html"
            ? Results.Content(Page(export), "text/html; charset=utf-8")
            : Results.Json(export, CaseJson.Options);
    }

    /// <summary>A self-contained page to print: every event in order, who recorded it and when, and the chain's state.</summary>
    public static string Page(CaseExport export)
    {
        static string E(object? value) => Html.Encode(value?.ToString() ?? "");
        static string Vn(DateTimeOffset? at) => at is { } t ? VietnamTime.ToVietnam(t).ToString("yyyy-MM-dd HH:mm:ss 'UTC+7'") : "";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Case ").Append(E(export.CaseId)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;font-size:11pt}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;vertical-align:top}")
            .Append("pre{white-space:pre-wrap;margin:0;font-size:9pt}.late{background:#fff3cd}</style></head><body>")
            .Append("<h1>Case ").Append(E(export.CaseId)).Append("</h1>")
            .Append("<p>Exported ").Append(E(Vn(export.ExportedAt))).Append(" by ").Append(E(export.ExportedBy)).Append(". Confidential: Law on Children Arts. 6 and 21.</p>")
            .Append("<p>Chain: <b>").Append(E(export.Integrity.Status)).Append("</b>, head ").Append(E(export.Integrity.Head)).Append(" at version ")
            .Append(E(export.Integrity.HeadVersion));
        if (export.Integrity.Anchor is { } anchor)
            html.Append("; anchor ").Append(E(anchor.Digest)).Append(" cut ").Append(E(Vn(anchor.CutAt))).Append(anchor.Matches ? " (matches)" : " (DOES NOT MATCH)");
        html.Append(".</p><table><tr><th>Version</th><th>Recorded</th><th>Happened</th><th>Step</th><th>By</th><th>Correlation</th><th>Details</th></tr>");
        foreach (var e in export.Events)
            html.Append(e.LateEntry ? "<tr class=\"late\">" : "<tr>")
                .Append("<td>").Append(e.Version).Append("</td><td>").Append(E(Vn(e.RecordedAt))).Append("</td><td>").Append(E(Vn(e.StepAt)))
                .Append("</td><td>").Append(E(e.ClrType)).Append("</td><td>").Append(E($"{e.Actor.UserName} — {e.Actor.Agency} ({e.Actor.Role})"))
                .Append("</td><td>").Append(E(e.CorrelationId)).Append("</td><td><pre>")
                .Append(E(JsonSerializer.Serialize(e.Data, e.Data.GetType(), Readable))).Append("</pre></td></tr>");
        return html.Append("</table></body></html>").ToString();
    }
}
