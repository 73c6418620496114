using System.Globalization;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Indicators;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>
/// The indicators of the caller's unit and the units under it (<c>GET /api/indicators</c>, through the endpoint's own method:
/// the same reach, suppression and figures): a table per indicator, a few bar charts drawn on the server as inline SVG, and
/// the CSV and XLSX downloads (<c>?handler=Download</c>, which answers what the API answers).
/// </summary>
public sealed class IndicatorsModel(IDocumentSession session, TimeProvider time, IOptions<IndicatorOptions> options, IndicatorCache cache) : PageBase
{
    public bool Allowed { get; private set; }
    public IndicatorReport? Report { get; private set; }
    public ApiAnswer? Refused { get; private set; }
    public string Level { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public string Period { get; private set; } = "";

    /// <summary>The units the picker offers: the caller's own and those under it.</summary>
    public IReadOnlyList<(string Level, string Code, string Name)> Units { get; private set; } = [];

    /// <param name="u">The picker's choice, <c>level:code</c>.</param>
    /// <param name="level">Or the level as the API takes it (commune, province, nation).</param>
    /// <param name="unit">And the unit's code.</param>
    /// <param name="period">A year, half-year or month; this year when absent.</param>
    public async Task<IActionResult> OnGet(string? u, string? level, string? unit, string? period)
    {
        if (u?.Split(':', 2) is [var l, var c]) (level, unit) = (l, c);
        if (!await Choose(level, unit, period)) return Page();
        var answer = ApiAnswer.Of(await Read("json"));
        if (answer.Succeeded) Report = answer.ValueAs<IndicatorReport>();
        else
        {
            Refused = answer;
            Response.StatusCode = answer.Status;
        }
        return Page();
    }

    /// <summary>The CSV or XLSX of the unit and period, as the API writes it.</summary>
    public async Task<IActionResult> OnGetDownload(string? level, string? unit, string? period, string? format)
    {
        if (!await Choose(level, unit, period)) return Page();
        var result = await Read(format is "csv" or "xlsx" ? format : "csv");
        var answer = ApiAnswer.Of(result);
        if (!answer.Succeeded)
        {
            Refused = answer;
            Response.StatusCode = answer.Status;
            return Page();
        }
        if (format != "xlsx") Response.Headers.ContentDisposition = $"attachment; filename=indicators-{Level}-{Unit}-{Period}.csv";
        await result.ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    private Task<IResult> Read(string format) =>
        GetIndicatorsEndpoint.Get(session, HttpContext, time, options, cache, Level, Unit, Period, null, format, null);

    /// <summary>The unit and period asked for, or the caller's own unit and this year; false when the role reads no indicators.</summary>
    private async Task<bool> Choose(string? level, string? unit, string? period)
    {
        var agency = await session.LoadAsync<Agency>(Actor.Agency, HttpContext.RequestAborted);
        await LoadAgenciesAsync(session, []);
        Allowed = IndicatorPermissions.For(Actor.Role).Reach != IndicatorReach.None;
        if (!Allowed)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return false;
        }
        var now = time.GetUtcNow();
        var units = new List<(string, string, string)>();
        if (agency?.CommuneCode is { } own)
        {
            var commune = await session.LoadAsync<Commune>(own, HttpContext.RequestAborted);
            units.Add(("commune", own, commune is null ? own : Name(commune.NameVi, commune.NameEn)));
        }
        else if (agency?.ProvinceCode is { } province)
        {
            units.Add(("province", province, Provinces.Find(province) is { } p ? Name(p.NameVi, p.NameEn) : province));
            var today = VietnamTime.DateOf(now);
            units.AddRange((await session.Query<Commune>().Where(c => c.ProvinceCode == province).ToListAsync(HttpContext.RequestAborted))
                .Where(c => c.IsActiveOn(today)).OrderBy(c => c.NameVi).Select(c => ("commune", c.Code, Name(c.NameVi, c.NameEn))));
        }
        else
        {
            units.Add(("nation", ReportingUnit.NationCode, T("ReportLevel.Nation")));
            units.AddRange(Provinces.All.Select(p => ("province", p.Code, Name(p.NameVi, p.NameEn))));
        }
        Units = units;
        Level = string.IsNullOrWhiteSpace(level) ? units[0].Item1 : level.Trim();
        Unit = string.IsNullOrWhiteSpace(unit) ? (Level == units[0].Item1 ? units[0].Item2 : "") : unit.Trim();
        Period = string.IsNullOrWhiteSpace(period) ? VietnamTime.DateOf(now).Year.ToString(CultureInfo.InvariantCulture) : period.Trim();
        return true;
    }

    private static string Name(string vi, string? en) => Text.IsVietnamese ? vi : en ?? vi;

    private static string T(string key) => Text.T(key);

    /// <summary>The link to this page's download of <paramref name="format"/> for the unit and period shown.</summary>
    public string Download(string format) =>
        $"/indicators?handler=Download&level={Uri.EscapeDataString(Level)}&unit={Uri.EscapeDataString(Unit)}&period={Uri.EscapeDataString(Period)}&format={format}";

    /// <summary>A disaggregation's name in the reader's language.</summary>
    public static string Dimension(string id) =>
        IndicatorDefinitions.Current.Disaggregations.FirstOrDefault(d => d.Id == id) is { } d ? Name(d.NameVi, d.NameEn) : id;

    /// <summary>A category in words where the pages know its enum (channel, sex, form of harm), else as the table writes it.</summary>
    public static string Category(string dimension, string category) => dimension switch
    {
        "channel" => Text.Of("ReportChannel", category),
        "sex" => Text.Of("Sex", category),
        "harm-form" => Text.Of("HarmForm", category),
        "outcome" when Text.Has("closure." + category) => Text.T("closure." + category),
        "total" => Text.T("ind.total"),
        _ => category,
    };
}
