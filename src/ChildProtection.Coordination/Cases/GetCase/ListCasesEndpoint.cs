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

    [WolverineGet("/api/cases", OperationId = "ListCases")]
    [ReadResponses(typeof(CaseList))]
    public static async Task<IResult> Get(IQuerySession session, HttpContext http,
        string? status = null, string? commune = null, string? stage = null, string? page = null, string? pageSize = null)
    {
        if (CaseReads.Refuse(http) is { } refused) return refused;
        if (!TryParse<CaseStatus>(status, out var statusFilter)) return Invalid(http, "status", Enum.GetNames<CaseStatus>());
        if (!TryParse<CaseStage>(stage, out var stageFilter)) return Invalid(http, "stage", Enum.GetNames<CaseStage>());
        var (pageNumber, size, pagingProblem) = Paging.Parse(http, page, pageSize);
        if (pagingProblem is not null) return pagingProblem;

        IQueryable<CaseSummary> query = session.Query<CaseSummary>();
        if (statusFilter is { } st) query = query.Where(x => x.Status == st);
        if (stageFilter is { } sg) query = query.Where(x => x.Stage == sg);
        if (!string.IsNullOrWhiteSpace(commune)) query = query.Where(x => x.IncidentCommune == commune || x.Child.CommuneOfResidence == commune);

        var paged = await query.OrderByDescending(x => x.ReceivedAt).ToPagedListAsync(pageNumber, size, useCountQuery: true, http.RequestAborted);
        var items = paged.Select(x => new CaseListItem(x.Id, x.Version, x.Status, x.Stage, x.Channel, x.ReceivedAt, x.LastStepAt,
            x.IncidentCommune, x.Risk?.Overall, x.OpenWork.Count)).ToList();
        return Results.Ok(new CaseList(items, pageNumber, size, paged.TotalItemCount));
    }

    private static bool TryParse<T>(string? raw, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        // Exactly one name: Enum.TryParse would also read numbers and "A,B" as flags.
        var name = Enum.GetNames<T>().FirstOrDefault(n => n.Equals(raw.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null) return false;
        value = Enum.Parse<T>(name);
        return true;
    }

    private static IResult Invalid(HttpContext http, string field, string[] names) =>
        Problems.Invalid(http, field, $"'{field}' must be one of: {string.Join(", ", names)}.");
}
