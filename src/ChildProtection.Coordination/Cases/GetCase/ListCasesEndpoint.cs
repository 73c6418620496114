using ChildProtection.Coordination.Api;
using Marten;
using Marten.Pagination;
using Wolverine.Http;

namespace ChildProtection.Coordination.Cases.GetCase;

/// <summary>One line of the case list. No identity of the child: the list is for finding work, the case for reading it.</summary>
public sealed record CaseListItem(Guid Id, long Version, CaseStatus Status, CaseStage Stage, ReportChannel Channel,
    DateTimeOffset ReceivedAt, DateTimeOffset LastStepAt, string IncidentCommune, RiskLevel? Risk, int OpenWork);

public sealed record CaseList(IReadOnlyList<CaseListItem> Items, int Page, int PageSize, long Total);

public static class ListCasesEndpoint
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 100_000;

    [WolverineGet("/api/cases", OperationId = "ListCases")]
    [ReadResponses(typeof(CaseList))]
    public static async Task<IResult> Get(IQuerySession session, HttpContext http,
        string? status = null, string? commune = null, string? stage = null, int? page = null, int? pageSize = null)
    {
        if (CaseReads.Refuse(http) is { } refused) return refused;
        if (!TryParse<CaseStatus>(status, out var statusFilter)) return Invalid(http, "status", Enum.GetNames<CaseStatus>());
        if (!TryParse<CaseStage>(stage, out var stageFilter)) return Invalid(http, "stage", Enum.GetNames<CaseStage>());
        var pageNumber = page ?? 1;
        var size = pageSize ?? 20;
        if (pageNumber is < 1 or > MaxPage) return Problems.Invalid(http, "page", $"'page' is from 1 to {MaxPage}.");
        if (size is < 1 or > MaxPageSize) return Problems.Invalid(http, "pageSize", $"'pageSize' is from 1 to {MaxPageSize}.");

        IQueryable<CaseSummary> query = session.Query<CaseSummary>();
        if (statusFilter is { } st) query = query.Where(x => x.Status == st);
        if (stageFilter is { } sg) query = query.Where(x => x.Stage == sg);
        if (!string.IsNullOrWhiteSpace(commune)) query = query.Where(x => x.IncidentCommune == commune || x.Child.CommuneOfResidence == commune);

        var paged = await query.OrderByDescending(x => x.ReceivedAt).ToPagedListAsync(pageNumber, size, http.RequestAborted);
        var items = paged.Select(x => new CaseListItem(x.Id, x.Version, x.Status, x.Stage, x.Channel, x.ReceivedAt, x.LastStepAt,
            x.IncidentCommune, x.Risk?.Overall, x.OpenWork.Count)).ToList();
        return Results.Ok(new CaseList(items, pageNumber, size, paged.TotalItemCount));
    }

    private static bool TryParse<T>(string? raw, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (!Enum.TryParse<T>(raw, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || raw.Any(char.IsDigit)) return false;
        value = parsed;
        return true;
    }

    private static IResult Invalid(HttpContext http, string field, string[] names) =>
        Problems.Invalid(http, field, $"'{field}' must be one of: {string.Join(", ", names)}.");
}
