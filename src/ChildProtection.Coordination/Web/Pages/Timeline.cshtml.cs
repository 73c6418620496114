using System.Globalization;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Audit.Integrity;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Common;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>
/// The auditor's timeline: the case's history (<c>GET /api/cases/{id}/history</c>) with who, agency, role and both times,
/// late entries marked; a version or a moment to see the history and the case as they stood then; the integrity
/// verdict and the covering anchor (<c>/integrity</c>); a link to the printable export.
/// </summary>
public sealed class TimelineModel(IDocumentSession session, IOptions<AuditOptions> options) : PageBase
{
    public Guid CaseId { get; private set; }
    public CaseHistory? History { get; private set; }
    public CaseIntegrity? Integrity { get; private set; }
    public JsonObject? Then { get; private set; }
    public ApiAnswer? Refused { get; private set; }
    public string? Version { get; private set; }
    public string? At { get; private set; }
    public bool MayExport { get; private set; }

    /// <summary>The next page of events, if there is one (the API gives at most 100 a page).</summary>
    public string? NextPage => History is { } h && h.Page * h.PageSize < h.Total
        ? $"?page={h.Page + 1}" + (Version is null ? "" : $"&version={Uri.EscapeDataString(Version)}") + (At is null ? "" : $"&at={Uri.EscapeDataString(At)}")
        : null;

    public async Task<IActionResult> OnGet(Guid caseId, string? version, string? at, int page = 1)
    {
        CaseId = caseId;
        Version = string.IsNullOrWhiteSpace(version) ? null : version.Trim();
        At = string.IsNullOrWhiteSpace(at) ? null : at.Trim();
        // The picker's moment is Vietnam time without an offset (datetime-local); the API takes an instant with one.
        string? asOf = null;
        if (At is not null && Version is null)
            // Any other text (or a moment outside the accepted dates) goes as typed, for the API to refuse naming 'asOf'.
            asOf = FormBody.Moment("at", At) is ({ } local, _)
                ? local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
                : At;
        await LoadAgenciesAsync(session, []);

        var history = ApiAnswer.Of(await GetCaseHistoryEndpoint.Get(caseId, session, HttpContext, options, asOf, Version, null, Math.Max(page, 1).ToString(CultureInfo.InvariantCulture), Common.Paging.MaxPageSize.ToString(CultureInfo.InvariantCulture)));
        if (!history.Succeeded) return Refuse(history);
        History = history.ValueAs<CaseHistory>();

        var integrity = ApiAnswer.Of(await GetCaseIntegrityEndpoint.Get(caseId, session, HttpContext));
        if (integrity.Succeeded) Integrity = integrity.ValueAs<CaseIntegrity>();

        if (asOf is not null || Version is not null)
        {
            var (refused, admitted) = await CaseGate.CheckAsync(session, HttpContext, caseId, CaseAction.Read);
            var then = refused is not null ? ApiAnswer.Of(refused) : ApiAnswer.Of(await CaseAsOf.GetAsync(admitted!, session, HttpContext, asOf, Version));
            if (then.Succeeded) Then = then.ValueAs<JsonObject>();
        }
        var handedThen = (Then?["handoffs"] as JsonArray ?? []).Select(h => h?["toAgency"]?.ToString());
        await LoadAgenciesAsync(session, History.Items.Select(i => i.Actor.Agency).Concat(handedThen));
        MayExport = CasePermissions.AllowsSomewhere(CaseAction.Export, Actor.Role);
        return Page();
    }

    private IActionResult Refuse(ApiAnswer answer)
    {
        Refused = answer;
        Response.StatusCode = answer.Status;
        return Page();
    }

    public static string VerdictKey(string status) => status switch { "ok" => "integrity.intact", "broken" => "integrity.broken", _ => "integrity.unsealed" };
}
