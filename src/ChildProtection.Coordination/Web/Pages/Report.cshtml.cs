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

    /// <summary>The province whose communes the form offers (a province has at most a few hundred; the country 3,321).</summary>
    public string? Province { get; private set; }
    public IReadOnlyList<Province> Provinces { get; private set; } = [];

    /// <summary>Below this many communes in force the form offers them all; above it, those of one province.</summary>
    public const int AllCommunesUpTo = 300;

    public async Task<IActionResult> OnGet(string? province)
    {
        await Load(province);
        if (!Allowed) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPost()
    {
        var form = Request.Form;
        string? Get(string name) => form[name].ToString() is { Length: > 0 } s ? s : null;
        if (RefusedFormField() is { } field) return await Refuse(Problems.Invalid(HttpContext, field, $"'{field}' holds text the service does not accept."));
        // Every choice as the API's JSON reader takes it: a value the form did not offer is refused naming its field, never
        // dropped or read as the enum's default. Absent, the API's defaults.
        IResult NotOffered(string name) => Problems.Invalid(HttpContext, name, $"'{name}' is not one of the values offered.");
        if (FormBody.Named<ReportChannel>(Get("channel")) is not { } channel) return await Refuse(NotOffered("channel"));
        if ((Get("child.sex") is { } named ? FormBody.Named<Sex>(named) : default(Sex)) is not { } sex) return await Refuse(NotOffered("child.sex"));
        if ((Get("incident.suspectedPerpetrator") is { } relation ? FormBody.Named<PerpetratorRelation>(relation) : PerpetratorRelation.Unknown) is not { } perpetrator)
            return await Refuse(NotOffered("incident.suspectedPerpetrator"));
        var harms = form["incident.harmForms"].Where(h => !string.IsNullOrEmpty(h)).Select(FormBody.Named<HarmForm>).ToArray();
        if (harms.Any(h => h is null)) return await Refuse(NotOffered("incident.harmForms"));
        DateOnly? dob = null;
        if (Get("child.dateOfBirth") is { } d)
        {
            (dob, var notDay) = FormBody.Day("child.dateOfBirth", d);
            if (dob is null) return await Refuse(Problems.Invalid(HttpContext, "child.dateOfBirth", notDay!));
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
            var (moment, notMoment) = FormBody.Moment("incident.occurredAt", o);
            if (moment is not { } at) return await Refuse(Problems.Invalid(HttpContext, "incident.occurredAt", notMoment!));
            occurredAt = at;
        }
        var consents = Get("reporter.consentsToIdentity") == "true";
        var command = new ReportCase(channel,
            new ChildDetails(Get("child.name") ?? "", sex, Get("child.communeOfResidence") ?? "", dob, age, Get("child.school")),
            new IncidentDetails(Get("incident.commune") ?? "", occurredAt, harms.OfType<HarmForm>().ToArray(), Get("incident.description") ?? "", perpetrator, Get("incident.immediateDanger") == "true"),
            new Reporter(Get("reporter.relation"), consents, Get("reporter.name"), Get("reporter.phone")));

        UseFormIdempotencyKey();
        var answer = ApiAnswer.Of(await ReportCaseEndpoint.Post(command, session, HttpContext));
        Response.Headers.ETag = default;
        Response.Headers.Location = default;
        return answer.Succeeded
            // The report's answer carries the possible duplicates too (Cases/Matching) for a role that may look for them.
            ? LocalRedirect(answer.Value is ReportAccepted report
                ? $"/cases/{report.CaseId}?done=Report&duplicates={report.PossibleDuplicates.Candidates.Count + report.PossibleDuplicates.NotShown.Count}"
                : $"/cases/{answer.ValueAs<StepAccepted>().CaseId}?done=Report")
            : await Refuse(answer);
    }

    private Task<IActionResult> Refuse(IResult problem) => Refuse(ApiAnswer.Of(problem));

    private async Task<IActionResult> Refuse(ApiAnswer answer)
    {
        Failed = answer;
        await Load(Form("province"));
        Response.StatusCode = answer.Status;
        return Page();
    }

    /// <summary>
    /// The communes offered: those of <paramref name="province"/>, else of the caller's agency's province; a national agency
    /// (the hotline) sees them all while the directory is small, else the first province's, with a province picker.
    /// </summary>
    private async Task Load(string? province)
    {
        Allowed = CasePermissions.AllowsSomewhere(CaseAction.Report, Actor.Role);
        var today = VietnamTime.DateOf(time.GetUtcNow());
        var all = (await session.Query<Commune>().ToListAsync(HttpContext.RequestAborted)).Where(c => c.IsActiveOn(today)).ToList();
        Provinces = all.Select(c => c.ProvinceCode).Distinct().Select(p => Agencies.Provinces.Find(p)).OfType<Province>().OrderBy(p => p.NameVi).ToList();
        var agency = await session.LoadAsync<Agency>(Actor.Agency, HttpContext.RequestAborted);
        Province = Provinces.FirstOrDefault(p => p.Code == province)?.Code ?? agency?.ProvinceCode
                   ?? (all.Count <= AllCommunesUpTo ? null : Provinces.FirstOrDefault()?.Code);
        Communes = all.Where(c => Province is null || c.ProvinceCode == Province).OrderBy(c => c.ProvinceCode).ThenBy(c => c.NameVi).ToList();
        await LoadAgenciesAsync(session, []);
    }

    public string CommuneName(Commune c) => Text.IsVietnamese ? c.NameVi : c.NameEn ?? c.NameVi;

    public ApiAnswer? ErrorFor(string field) => Failed is { } f && string.Equals(f.Field, field, StringComparison.OrdinalIgnoreCase) ? f : null;

    public string? Form(string name) => Request.HasFormContentType ? Request.Form[name].ToString() : null;
}
