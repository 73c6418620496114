using System.Globalization;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>
/// Form 01 for the roles that take reports: the page posts to <c>POST /api/cases</c>'s own endpoint method. The reporter's
/// name and phone are kept only when they consent (the decision drops them otherwise).
/// </summary>
public sealed class ReportModel(IDocumentSession session, TimeProvider time) : PageBase
{
    public IReadOnlyList<Commune> Communes { get; private set; } = [];
    public ApiAnswer? Failed { get; private set; }
    public bool Allowed { get; private set; }

    public async Task<IActionResult> OnGet()
    {
        await Load();
        if (!Allowed) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPost()
    {
        var form = Request.Form;
        string? Get(string name) => form[name].ToString() is { Length: > 0 } s ? s : null;
        if (RefusedFormField() is { } field) return await Refuse(Problems.Invalid(HttpContext, field, $"'{field}' holds text the service does not accept."));
        if (!Enum.TryParse<ReportChannel>(Get("channel"), out var channel)) return await Refuse(Problems.Invalid(HttpContext, "channel", "'channel' is not one of the values offered."));
        Enum.TryParse<Sex>(Get("child.sex"), out var sex);
        Enum.TryParse<PerpetratorRelation>(Get("incident.suspectedPerpetrator"), out var perpetrator);
        DateOnly? dob = null;
        if (Get("child.dateOfBirth") is { } d)
        {
            if (!DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return await Refuse(Problems.Invalid(HttpContext, "child.dateOfBirth", "'child.dateOfBirth' is a date."));
            dob = parsed;
        }
        int? age = null;
        if (Get("child.ageYears") is { } a)
        {
            if (!int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var years))
                return await Refuse(Problems.Invalid(HttpContext, "child.ageYears", "'child.ageYears' is a whole number."));
            age = years;
        }
        // The browser's datetime-local has no offset: it is Vietnam time.
        var occurredAt = time.GetUtcNow();
        if (Get("incident.occurredAt") is { } o)
        {
            if (!DateTime.TryParseExact(o, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return await Refuse(Problems.Invalid(HttpContext, "incident.occurredAt", "'incident.occurredAt' is a date and time."));
            occurredAt = new DateTimeOffset(local, VietnamTime.Offset);
        }
        var harms = form["incident.harmForms"].Select(h => Enum.TryParse<HarmForm>(h, out var harm) ? harm : (HarmForm?)null).OfType<HarmForm>().ToArray();
        var consents = Get("reporter.consentsToIdentity") == "true";
        var command = new ReportCase(channel,
            new ChildDetails(Get("child.name") ?? "", sex, Get("child.communeOfResidence") ?? "", dob, age, Get("child.school")),
            new IncidentDetails(Get("incident.commune") ?? "", occurredAt, harms, Get("incident.description") ?? "", perpetrator, Get("incident.immediateDanger") == "true"),
            new Reporter(Get("reporter.relation"), consents, Get("reporter.name"), Get("reporter.phone")));

        UseFormIdempotencyKey();
        var answer = ApiAnswer.Of(await ReportCaseEndpoint.Post(command, session, HttpContext));
        Response.Headers.ETag = default;
        Response.Headers.Location = default;
        return answer.Succeeded
            ? LocalRedirect($"/cases/{answer.ValueAs<StepAccepted>().CaseId}?done=Report")
            : await Refuse(answer);
    }

    private Task<IActionResult> Refuse(IResult problem) => Refuse(ApiAnswer.Of(problem));

    private async Task<IActionResult> Refuse(ApiAnswer answer)
    {
        Failed = answer;
        await Load();
        Response.StatusCode = answer.Status;
        return Page();
    }

    private async Task Load()
    {
        Allowed = CasePermissions.AllowsSomewhere(CaseAction.Report, Actor.Role);
        var today = VietnamTime.DateOf(time.GetUtcNow());
        Communes = (await session.Query<Commune>().ToListAsync(HttpContext.RequestAborted))
            .Where(c => c.IsActiveOn(today)).OrderBy(c => c.ProvinceCode).ThenBy(c => c.NameVi).ToList();
        await LoadAgenciesAsync(session, []);
    }

    public string CommuneName(Commune c) => Text.IsVietnamese ? c.NameVi : c.NameEn ?? c.NameVi;

    public ApiAnswer? ErrorFor(string field) => Failed is { } f && string.Equals(f.Field, field, StringComparison.OrdinalIgnoreCase) ? f : null;

    public string? Form(string name) => Request.HasFormContentType ? Request.Form[name].ToString() : null;
}
