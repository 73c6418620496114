using System.Security.Cryptography;
using System.Text;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Common;
using Marten;
using Wolverine.Http;
namespace ChildProtection.Coordination.Indicators;

/// <summary>One figure as filed.</summary>
public sealed record FiledCell(string Indicator, string Dimension, string Category, long? Count, long? Denominator);

/// <summary>
/// Báo cáo định kỳ: a unit's report for a period filed up the chain (commune → province → Ministry of Health), with its
/// figures as the events stood at <paramref name="AsOf"/> and their digest. Frozen: later reads of the period show these
/// beside the current figures. One stream per unit and period; a second filing is a revision.
/// </summary>
public sealed record IndicatorReportFiled(Guid ReportId, string Level, string Unit, string Period, DateTimeOffset AsOf, DateTimeOffset FiledAt,
    string Agency, string FiledBy, string Digest, FiledCell[] Cells);

/// <summary>File the report of a unit for a period that has ended.</summary>
public sealed record FileIndicatorReport(string? Level = null, string? Unit = null, string? Period = null);

public sealed record IndicatorReportFiledResponse(Guid ReportId, int Revision, string Level, string Unit, string Period, DateTimeOffset AsOf, string Digest);

public static class FiledReports
{
    /// <summary>The stream of a unit's filings for a period: a name-based id, so every node finds the same stream.</summary>
    public static Guid StreamId(ReportingUnit unit, ReportingPeriod period)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"indicator-report:{unit}:{period.Name}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The latest filing of the unit's period with its revision number, or null.</summary>
    public static async Task<(IndicatorReportFiled Filing, int Revision)?> LatestAsync(IQuerySession session, ReportingUnit unit, ReportingPeriod period, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(StreamId(unit, period), token: ct);
        var filings = events.Select(e => e.Data).OfType<IndicatorReportFiled>().ToList();
        return filings.Count == 0 ? null : (filings[^1], filings.Count);
    }

    public static IReadOnlyList<IndicatorCell> Cells(IndicatorReportFiled filing) =>
        filing.Cells.Select(c => new IndicatorCell(c.Indicator, c.Dimension, c.Category, c.Count, c.Denominator)).ToList();
}

public static class FileIndicatorReportEndpoint
{
    [WolverinePost("/api/indicators/filings", OperationId = "FileIndicatorReport")]
    [ReadResponses(typeof(IndicatorReportFiledResponse), StatusCodes.Status201Created, "Indicators")]
    public static async Task<IResult> Post(FileIndicatorReport body, IDocumentSession session, HttpContext http, TimeProvider time)
    {
        if (Actor.From(http.User) is not { } actor) return Problems.MissingClaims(http);
        var grant = IndicatorPermissions.For(actor.Role);
        if (!grant.Files) return Problems.Forbidden(http, $"The role '{actor.Role}' does not file indicator reports.");
        var (unit, field, detail) = ReportingUnit.Parse(body.Level, body.Unit);
        if (unit is null) return Problems.Invalid(http, field!, detail!);
        if (ReportingPeriod.Parse(body.Period) is not { } period)
            return Problems.Invalid(http, "period", "'period' is a year (2026), a half-year (2026-H1) or a month (2026-03).");
        var now = time.GetUtcNow();
        if (!await unit.KnownAsync(session, http.RequestAborted)) return Problems.NotFound(http, $"No commune {unit.Code}.");
        var agency = await session.LoadAsync<Agency>(actor.Agency, http.RequestAborted);
        if (!await unit.ReadableByAsync(session, grant.Reach, agency, ReportingUnit.Today(now), http.RequestAborted))
            return Problems.Forbidden(http, $"The caller's agency does not report for {unit}.");
        // Who may file comes before when: a unit not the caller's is a 403 whatever the period.
        if (period.End > now) return Problems.Create(http, ProblemKinds.PeriodNotEnded, "The period has not ended", $"{period.Name} ends at {period.End:O}; a report is filed after its period.");

        var cells = await IndicatorReads.CellsAsync(session, unit, period, now, now, http.RequestAborted);
        var previous = await FiledReports.LatestAsync(session, unit, period, http.RequestAborted);
        var filing = new IndicatorReportFiled(FiledReports.StreamId(unit, period), unit.Level.ToString().ToLowerInvariant(), unit.Code, period.Name,
            now, now, actor.Agency, actor.UserId, IndicatorReads.Digest(cells),
            cells.Select(c => new FiledCell(c.Indicator, c.Dimension, c.Category, c.Count, c.Denominator)).ToArray());
        EventHeaders.Stamp(session, http, actor);
        session.Events.Append(filing.ReportId, filing);
        // Saved once by Wolverine's transaction (AutoApplyTransactions), after this returns.
        var revision = (previous?.Revision ?? 0) + 1;
        return Results.Created($"/api/indicators?level={filing.Level}&unit={unit.Code}&period={period.Name}",
            new IndicatorReportFiledResponse(filing.ReportId, revision, filing.Level, unit.Code, period.Name, now, filing.Digest));
    }
}
