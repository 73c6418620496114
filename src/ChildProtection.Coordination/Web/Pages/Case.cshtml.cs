using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Cases.Matching;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>
/// A case as the caller may see it (the API's gate and need-to-know view, <c>GET /api/cases/{id}</c>), its open work and clocks,
/// its hand-offs, and a form for each step the caller's role may take on it now (<see cref="CaseStepForms"/>): the matrix
/// allows it under the caller's relation to the case, and the case has something for it. Each form posts to this page,
/// which calls the step's endpoint.
/// </summary>
public sealed class CaseModel(IDocumentSession session, IDocumentStore store, TimeProvider time) : PageBase
{
    public Guid CaseId { get; private set; }
    public JsonObject View { get; private set; } = new();
    public long Version { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<(StepForm Form, Target Target)> Available { get; private set; } = [];
    public IReadOnlyList<JsonNode> ToAnswer { get; private set; } = [];
    public bool MayReadHistory { get; private set; }
    public IReadOnlyList<Agencies.Commune> Communes { get; private set; } = [];

    /// <summary>The agencies the forms naming one offer by name (<see cref="AgencyChoices"/>); empty when no such form is shown.</summary>
    public IReadOnlyList<Agencies.Agency> AgencyChoices { get; private set; } = [];

    /// <summary>The refusal of the form just sent, which form sent it and on what.</summary>
    public (string Form, Guid? Target, ApiAnswer Answer)? Failed { get; private set; }
    public bool Stale { get; private set; }
    public string? Done { get; private set; }

    /// <summary>How many known cases the report just taken may duplicate (the report's answer, Cases/Matching).</summary>
    public int PossibleDuplicates { get; private set; }

    /// <summary>The possible duplicates as the API's <c>GET …/possible-duplicates</c> answers the caller (null when its role may not ask).</summary>
    public Cases.Matching.PossibleDuplicates? Duplicates { get; private set; }

    public async Task<IActionResult> OnGet(Guid caseId, string? done, int? duplicates)
    {
        PossibleDuplicates = done == "Report" && duplicates is > 0 and < 1000 ? duplicates.Value : 0;
        Done = CaseStepForms.Find(done) is not null || done is "Accept" or "Decline" ? done : null;
        return await Show(caseId);
    }

    /// <summary>Any step form (<c>?handler=Name</c>): the form's fields as the API's body, sent through the step's endpoint.</summary>
    public async Task<IActionResult> OnPost(Guid caseId, [FromQuery] string? handler, [FromForm] long? version, [FromForm] Guid? target)
    {
        if (CaseStepForms.Find(handler) is not { } form) return NotFound();
        // Text the API's JSON reader would refuse is refused by Take before anything is read or sent.
        var (body, field, detail) = RefusedFormField() is null ? FormBody.Read(form, Request.Form) : (new JsonObject(), null, null);
        if (body is null) return await Refuse(caseId, form.Name, target, Problems.Invalid(HttpContext, field!, detail!));
        return await Take(caseId, form.Name, target, version, s => form.Send(new StepCall(caseId, target, body, s, HttpContext)));
    }

    public Task<IActionResult> OnPostAccept(Guid caseId, [FromForm] long? version, [FromForm] Guid handoffId) =>
        Take(caseId, "Accept", handoffId, version, s => RespondToHandoffEndpoints.Accept(caseId, handoffId, new AcceptHandoff(), s, HttpContext));

    public Task<IActionResult> OnPostDecline(Guid caseId, [FromForm] long? version, [FromForm] Guid handoffId, [FromForm] string? reason) =>
        Take(caseId, "Decline", handoffId, version, s => RespondToHandoffEndpoints.Decline(caseId, handoffId, new DeclineHandoff(reason ?? ""), s, HttpContext));

    /// <summary>
    /// Takes the step through its endpoint, pinned to the version the form showed; on success back to the case (a reload
    /// sends nothing twice), else the refusal beside its field. When the case moved on only by hand-off bookkeeping (the
    /// pathway handing work on, clocks: <see cref="IHandoffEvent"/>s, which change no step's form), the step is sent
    /// again pinned to the new version; a step recorded in between is the API's 412, shown as "the case moved on".
    /// </summary>
    private async Task<IActionResult> Take(Guid caseId, string form, Guid? target, long? version, Func<IDocumentSession, Task<IResult>> step)
    {
        if (RefusedFormField() is { } field)
            return await Refuse(caseId, form, target, Problems.Invalid(HttpContext, field, $"'{field}' holds text the service does not accept."));
        if (ModelState.FirstOrDefault(e => e.Value?.Errors.Count > 0) is { Key: { Length: > 0 } bad })
            return await Refuse(caseId, form, target, Problems.Invalid(HttpContext, bad, $"'{bad}' is not one of the values offered."));
        UseFormIdempotencyKey();
        ApiAnswer answer;
        for (var attempt = 1; ; attempt++)
        {
            PinVersion(version);
            // A fresh session per attempt: a refused unit of work is never reused.
            await using (var attemptSession = store.LightweightSession())
            {
                try { answer = ApiAnswer.Of(await step(attemptSession)); }
                // The body read as the API reads it: a value it cannot take is the API's 400 naming the field.
                catch (System.Text.Json.JsonException e)
                {
                    var named = FormBody.FieldOf(e);
                    answer = ApiAnswer.Of(Problems.Invalid(HttpContext, named, $"'{named}' is not one of the values offered."));
                }
            }
            if (!answer.IsStale || attempt == 3 || version is not { } shown || await OnlyBookkeepingSince(caseId, shown) is not { } current) break;
            version = current;
        }
        Response.Headers.ETag = default;
        Response.Headers.Remove("Idempotent-Replayed");
        if (answer.Succeeded) return LocalRedirect($"/cases/{caseId}?done={form}");
        Stale = answer.IsStale;
        Failed = Stale ? null : (form, target, answer);
        var page = await Show(caseId);
        if (Failed?.Form != "case") Response.StatusCode = answer.Status;
        return page;
    }

    /// <summary>The case's version now, when every event after <paramref name="version"/> is hand-off bookkeeping; else null.</summary>
    private async Task<long?> OnlyBookkeepingSince(Guid caseId, long version)
    {
        var events = await session.Events.FetchStreamAsync(caseId, fromVersion: version + 1, token: HttpContext.RequestAborted);
        return events.Count > 0 && events.All(e => e.Data is IHandoffEvent) ? events[^1].Version : null;
    }

    private async Task<IActionResult> Refuse(Guid caseId, string form, Guid? target, IResult problem)
    {
        var answer = ApiAnswer.Of(problem);
        Failed = (form, target, answer);
        var shown = await Show(caseId);
        if (Failed?.Form != "case") Response.StatusCode = answer.Status;
        return shown;
    }

    /// <summary>The case through the API's gate and view: a refusal answers with the API's status (404 hides a case the agency has no relation to).</summary>
    private async Task<IActionResult> Show(Guid caseId)
    {
        CaseId = caseId;
        Now = time.GetUtcNow();
        var (refused, admitted) = await CaseGate.CheckAsync(session, HttpContext, caseId, CaseAction.Read);
        var answer = refused is not null ? ApiAnswer.Of(refused) : ApiAnswer.Of(await CaseRelease.AnswerAsync(HttpContext, session, admitted!, admitted!.Summary, "case"));
        if (!answer.Succeeded)
        {
            await LoadAgenciesAsync(session, []);
            Failed = ("case", null, answer);
            Response.StatusCode = answer.Status;
            return Page();
        }
        View = answer.ValueAs<JsonObject>();
        Version = admitted!.Summary.Version;
        var relations = admitted.Access.Relations;
        var role = Actor.Role;
        var summary = admitted.Summary;
        // The candidates the API's case read names to this caller (under the FindDuplicates gate), as its GET reads them.
        Duplicates = View["possibleDuplicates"] is JsonObject listed ? listed.Deserialize<PossibleDuplicates>(CaseJson.Options) : null;
        var handoffs = View["handoffs"] as JsonArray ?? [];
        await LoadAgenciesAsync(session, handoffs.SelectMany(h => new[] { h?["toAgency"]?.GetValue<string>(), h?["fromAgency"]?.GetValue<string>() })
            .Append(View["reportingAgency"]?.GetValue<string>()));
        // Where each form applies is read from the case (its open work, orders, consents; a step's own precondition from the
        // write model the API decides on); whether the caller may, from the matrix.
        var written = await session.LoadAsync<Case>(caseId, HttpContext.RequestAborted);
        Available = CaseStepForms.For(new FormScope(summary, View, admitted.Actor, Duplicates, written, AgencyName), relations);
        ToAnswer = CasePermissions.Allows(CaseAction.RespondToHandoff, role, relations)
            ? (View["handoffs"] as JsonArray ?? []).Where(h => h?["toAgency"]?.GetValue<string>() == Actor.Agency && h?["state"]?.GetValue<string>() == "Requested").Select(h => h!).ToList()
            : [];
        var today = LegalTime.VietnamTime.DateOf(Now);
        var owner = await session.LoadAsync<Agencies.Commune>(summary.Owner(), HttpContext.RequestAborted);
        if (Available.Any(a => a.Form.Inputs.Any(i => i.Words == "commune")))
        {
            // The communes of the case's province, by name, for the transfer's suggestions.
            Communes = owner?.ProvinceCode is { } province
                ? (await session.Query<Agencies.Commune>().Where(c => c.ProvinceCode == province).ToListAsync(HttpContext.RequestAborted))
                    .Where(c => c.IsActiveOn(today) && c.Code != owner.Code).OrderBy(c => c.NameVi).ToList()
                : [];
        }
        if (Available.Any(a => a.Form.Inputs.Any(i => i.Words == "agency")))
            AgencyChoices = await Web.AgencyChoices.ForCaseAsync(session, new[] { summary.Owner(), summary.IncidentCommune }.Where(c => !string.IsNullOrEmpty(c)).Distinct().ToArray(),
                owner?.ProvinceCode, Actor.Agency, today, HttpContext.RequestAborted);
        MayReadHistory = CasePermissions.Allows(CaseAction.ReadHistory, role, relations);
        await LoadCommunesAsync(session, [View["incidentCommune"]?.GetValue<string>(), View["child"]?["communeOfResidence"]?.GetValue<string>()]);
        return Page();
    }

    /// <summary>The refusal to show beside <paramref name="field"/> of <paramref name="form"/> on <paramref name="target"/>, if that is where it points.</summary>
    public ApiAnswer? ErrorFor(string form, Guid? target, string field) =>
        Failed is { } f && f.Form == form && f.Target == target && string.Equals(f.Answer.Field, field, StringComparison.OrdinalIgnoreCase) ? f.Answer : null;

    /// <summary>A refusal of <paramref name="form"/> that names no field of it: shown at the top of the form.</summary>
    public ApiAnswer? FormError(string form, Guid? target, IEnumerable<string> fields) =>
        Failed is { } f && f.Form == form && f.Target == target && !fields.Contains(f.Answer.Field, StringComparer.OrdinalIgnoreCase) ? f.Answer : null;

    /// <summary>Whether <paramref name="form"/> on <paramref name="target"/> is the form just refused.</summary>
    public bool Refused(string form, Guid? target) => Failed is { } f && f.Form == form && f.Target == target;

    /// <summary>What the refused form held, so that nothing typed is lost; null for every other form.</summary>
    public Microsoft.Extensions.Primitives.StringValues? Posted(string form, Guid? target, string field) =>
        Failed is { } f && f.Form == form && f.Target == target && Request.HasFormContentType ? Request.Form[field] : (Microsoft.Extensions.Primitives.StringValues?)null;
}
