using System.Globalization;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Handoffs;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>A step form: the action the permission matrix knows it by, and the open work it does.</summary>
public sealed record StepForm(string Name, CaseAction Action, string WorkKind);

/// <summary>
/// A case as the caller may see it (the API's gate and need-to-know view, <c>GET /api/cases/{id}</c>), its open work and clocks,
/// its hand-offs, and a form for each step the caller's role may take on it now: the matrix allows it under the caller's
/// relation to the case, and the case has that work open. Each form posts to this page, which calls the step's endpoint.
/// </summary>
public sealed class CaseModel(IDocumentSession session, IDocumentStore store, TimeProvider time) : PageBase
{
    public static readonly IReadOnlyList<StepForm> Steps =
    [
        new("Verify", CaseAction.Verify, "verification"),
        new("AssessRisk", CaseAction.AssessRisk, "initial-risk-assessment"),
        new("AssessNeeds", CaseAction.AssessNeeds, "detailed-assessment"),
        new("DraftPlan", CaseAction.DraftPlan, "support-plan"),
        new("ApprovePlan", CaseAction.ApprovePlan, "plan-approval"),
    ];

    public Guid CaseId { get; private set; }
    public JsonObject View { get; private set; } = new();
    public long Version { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<(StepForm Step, Guid? WorkId)> Available { get; private set; } = [];
    public IReadOnlyList<JsonNode> ToAnswer { get; private set; } = [];
    public bool MayReadHistory { get; private set; }

    /// <summary>The refusal of the form just sent, and which form sent it.</summary>
    public (string Form, ApiAnswer Answer)? Failed { get; private set; }
    public bool Stale { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGet(Guid caseId, string? done)
    {
        Done = Steps.Any(s => s.Name == done) || done is "Accept" or "Decline" ? done : null;
        return await Show(caseId);
    }

    public Task<IActionResult> OnPostVerify(Guid caseId, [FromForm] long? version, [FromForm] bool substantiated, [FromForm] string? findings) =>
        Take(caseId, "Verify", version, s => VerifyReportEndpoint.Post(caseId, new VerifyReport(substantiated, findings ?? ""), s, HttpContext));

    public Task<IActionResult> OnPostAssessRisk(Guid caseId, [FromForm] long? version, [FromForm] RiskLevel severityOfHarm, [FromForm] RiskLevel abuserAccess,
        [FromForm] RiskLevel careObstacles, [FromForm] RiskLevel overall, [FromForm] bool emergencyMeasuresNeeded, [FromForm] string? notes) =>
        Take(caseId, "AssessRisk", version, s => AssessInitialRiskEndpoint.Post(caseId,
            new AssessInitialRisk(severityOfHarm, abuserAccess, careObstacles, overall, emergencyMeasuresNeeded, string.IsNullOrWhiteSpace(notes) ? null : notes), s, HttpContext));

    public Task<IActionResult> OnPostAssessNeeds(Guid caseId, [FromForm] long? version, [FromForm] string? needs, [FromForm] string? summary) =>
        Take(caseId, "AssessNeeds", version, s => AssessNeedsEndpoint.Post(caseId,
            new AssessNeeds((needs ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), summary ?? ""), s, HttpContext));

    public Task<IActionResult> OnPostDraftPlan(Guid caseId, [FromForm] long? version, [FromForm] string? goals)
    {
        var form = Request.Form;
        const string due = "services[0].dueDate";
        if (!DateOnly.TryParseExact(form[due].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueDate))
            return Refuse(caseId, "DraftPlan", Problems.Invalid(HttpContext, due, $"'{due}' is a date, e.g. 2026-12-31."));
        Enum.TryParse<ServiceKind>(form["services[0].kind"], out var kind);
        Enum.TryParse<AgencyKind>(form["services[0].provider"], out var provider);
        var service = new PlanService(kind, provider, form["services[0].description"].ToString(), dueDate);
        return Take(caseId, "DraftPlan", version, s => DraftPlanEndpoint.Post(caseId, new DraftPlan(goals ?? "", [service]), s, HttpContext));
    }

    public Task<IActionResult> OnPostApprovePlan(Guid caseId, [FromForm] long? version, [FromForm] Guid planId, [FromForm] string? decision) =>
        Take(caseId, "ApprovePlan", version, s => ApprovePlanEndpoint.Post(caseId, new ApprovePlan(planId, string.IsNullOrWhiteSpace(decision) ? null : decision), s, HttpContext));

    public Task<IActionResult> OnPostAccept(Guid caseId, [FromForm] long? version, [FromForm] Guid handoffId) =>
        Take(caseId, "Accept", version, s => RespondToHandoffEndpoints.Accept(caseId, handoffId, new AcceptHandoff(), s, HttpContext));

    public Task<IActionResult> OnPostDecline(Guid caseId, [FromForm] long? version, [FromForm] Guid handoffId, [FromForm] string? reason) =>
        Take(caseId, "Decline", version, s => RespondToHandoffEndpoints.Decline(caseId, handoffId, new DeclineHandoff(reason ?? ""), s, HttpContext));

    /// <summary>
    /// Takes the step through its endpoint, pinned to the version the form showed; on success back to the case (a reload
    /// sends nothing twice), else the refusal beside its field. When the case moved on only by hand-off bookkeeping (the
    /// pathway handing work on, clocks: <see cref="IHandoffEvent"/>s, which change no step's form), the step is sent
    /// again pinned to the new version; a step recorded in between is the API's 412, shown as "the case moved on".
    /// </summary>
    private async Task<IActionResult> Take(Guid caseId, string form, long? version, Func<IDocumentSession, Task<IResult>> step)
    {
        if (RefusedFormField() is { } field)
            return await Refuse(caseId, form, Problems.Invalid(HttpContext, field, $"'{field}' holds text the service does not accept."));
        if (ModelState.FirstOrDefault(e => e.Value?.Errors.Count > 0) is { Key: { Length: > 0 } bad })
            return await Refuse(caseId, form, Problems.Invalid(HttpContext, bad, $"'{bad}' is not one of the values offered."));
        ApiAnswer answer;
        for (var attempt = 1; ; attempt++)
        {
            PinVersion(version);
            // A fresh session per attempt: a refused unit of work is never reused.
            await using (var attemptSession = store.LightweightSession()) answer = ApiAnswer.Of(await step(attemptSession));
            if (!answer.IsStale || attempt == 3 || version is not { } shown || await OnlyBookkeepingSince(caseId, shown) is not { } current) break;
            version = current;
        }
        Response.Headers.ETag = default;
        if (answer.Succeeded) return LocalRedirect($"/cases/{caseId}?done={form}");
        Stale = answer.IsStale;
        Failed = Stale ? null : (form, answer);
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

    private async Task<IActionResult> Refuse(Guid caseId, string form, IResult problem)
    {
        var answer = ApiAnswer.Of(problem);
        Failed = (form, answer);
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
            Failed = ("case", answer);
            Response.StatusCode = answer.Status;
            return Page();
        }
        View = answer.ValueAs<JsonObject>();
        Version = admitted!.Summary.Version;
        var relations = admitted.Access.Relations;
        var role = Actor.Role;
        var work = View["openWork"] as JsonArray ?? [];
        Available = Steps.Where(s => CasePermissions.Allows(s.Action, role, relations))
            .SelectMany(s => work.Where(w => w?["kind"]?.GetValue<string>() == s.WorkKind)
                .Select(w => (s, w!["id"]?.GetValue<Guid?>())).Take(1))
            .ToList();
        ToAnswer = CasePermissions.Allows(CaseAction.RespondToHandoff, role, relations)
            ? (View["handoffs"] as JsonArray ?? []).Where(h => h?["toAgency"]?.GetValue<string>() == Actor.Agency && h?["state"]?.GetValue<string>() == "Requested").Select(h => h!).ToList()
            : [];
        MayReadHistory = CasePermissions.Allows(CaseAction.ReadHistory, role, relations);
        var handoffs = View["handoffs"] as JsonArray ?? [];
        await LoadAgenciesAsync(session, handoffs.SelectMany(h => new[] { h?["toAgency"]?.GetValue<string>(), h?["fromAgency"]?.GetValue<string>() })
            .Append(View["reportingAgency"]?.GetValue<string>()));
        await LoadCommunesAsync(session, [View["incidentCommune"]?.GetValue<string>(), View["child"]?["communeOfResidence"]?.GetValue<string>()]);
        return Page();
    }

    /// <summary>The refusal to show beside <paramref name="field"/> of <paramref name="form"/>, if that is where it points.</summary>
    public ApiAnswer? ErrorFor(string form, string field) =>
        Failed is { } f && f.Form == form && string.Equals(f.Answer.Field, field, StringComparison.OrdinalIgnoreCase) ? f.Answer : null;

    /// <summary>A refusal of <paramref name="form"/> that names no field of it: shown at the top of the form.</summary>
    public ApiAnswer? FormError(string form, IEnumerable<string> fields) =>
        Failed is { } f && f.Form == form && !fields.Contains(f.Answer.Field, StringComparer.OrdinalIgnoreCase) ? f.Answer : null;
}
