using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Common;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Http;
namespace ChildProtection.Coordination.Indicators;

public static class GetIndicatorsEndpoint
{
    /// <summary>
    /// The indicators of a commune, a province or the nation for a month, half-year or year, as the events stood at
    /// <c>asOf</c> (default now); beside the filed figures when the period was filed. JSON, or CSV (<c>Accept: text/csv</c>
    /// or <c>format=csv</c>), or an XLSX workbook (<c>format=xlsx</c> or the spreadsheet media type). <c>publish=true</c>
    /// withholds small cells as for a non-statutory reader.
    /// </summary>
    [WolverineGet("/api/indicators", OperationId = "GetIndicators")]
    [ReadResponses(typeof(IndicatorReport), tag: "Indicators")]
    public static async Task<IResult> Get(IQuerySession session, HttpContext http, TimeProvider time, IOptions<IndicatorOptions> options, IndicatorCache cache,
        string? level = null, string? unit = null, string? period = null, string? asOf = null, string? format = null, string? publish = null)
    {
        if (Actor.From(http.User) is not { } actor) return Problems.MissingClaims(http);
        var grant = IndicatorPermissions.For(actor.Role);
        if (grant.Reach == IndicatorReach.None) return Problems.Forbidden(http, $"The role '{actor.Role}' reads no indicators.");

        var (reportingUnit, field, detail) = ReportingUnit.Parse(level, unit);
        if (reportingUnit is null) return Problems.Invalid(http, field!, detail!);
        if (ReportingPeriod.Parse(period) is not { } reportingPeriod)
            return Problems.Invalid(http, "period", "'period' is a year (2026), a half-year (2026-H1) or a month (2026-03).");
        var now = time.GetUtcNow();
        var at = now;
        if (asOf is not null)
        {
            if (!PointInTime.TryInstant(asOf, out at)) return Problems.Invalid(http, "asOf", PointInTime.InstantRule("asOf"));
            if (at < reportingPeriod.Start) return Problems.Invalid(http, "asOf", $"'asOf' is at or after the period's start, {reportingPeriod.Start:O}.");
            if (at > now) at = now;
        }
        var output = IndicatorFormats.Choose(format, ClientErrors.AcceptSent(http));
        if (output is null) return Problems.Invalid(http, "format", "'format' is json, csv or xlsx.");
        bool? publishing = publish?.Trim().ToLowerInvariant() switch { null => false, "true" => true, "false" => false, _ => null };
        if (publishing is null) return Problems.Invalid(http, "publish", "'publish' is true or false.");

        if (!await reportingUnit.KnownAsync(session, http.RequestAborted)) return Problems.NotFound(http, $"No commune {reportingUnit.Code}.");
        var agency = await session.LoadAsync<Agency>(actor.Agency, http.RequestAborted);
        if (!await reportingUnit.ReadableByAsync(session, grant.Reach, agency, ReportingUnit.Today(now), http.RequestAborted))
            return Problems.Forbidden(http, $"The caller's role and agency do not read the indicators of {reportingUnit}.");

        var cells = await IndicatorReads.CellsAsync(session, reportingUnit, reportingPeriod, at, now, http.RequestAborted, cache);
        var filed = await FiledReports.LatestAsync(session, reportingUnit, reportingPeriod, http.RequestAborted);
        var filedCells = filed is { } f ? FiledReports.Cells(f.Filing) : null;
        var suppress = !grant.Statutory || publishing == true;
        var threshold = options.Value.SuppressionThreshold;
        if (suppress)
        {
            cells = Suppression.Apply(cells, threshold);
            if (filedCells is not null) filedCells = Suppression.Apply(filedCells, threshold);
        }
        var summary = filed is { } g
            ? new FilingSummary(g.Revision, g.Filing.FiledAt, g.Filing.FiledBy, g.Filing.Agency, g.Filing.AsOf, g.Filing.Digest,
                IndicatorReads.Digest(cells) != g.Filing.Digest)
            : null;
        var report = new IndicatorReport(reportingUnit.Level.ToString().ToLowerInvariant(), reportingUnit.Code, reportingPeriod.Name,
            reportingPeriod.Start, reportingPeriod.End, at, suppress, threshold, IndicatorReads.Layout(cells, filedCells), summary);
        return IndicatorFormats.Write(report, output.Value);
    }
}
