using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Api;
using ChildProtection.Coordination.Auth;
using Marten;
using Marten.Pagination;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Access;

namespace ChildProtection.Coordination.Api;

/// <summary>
/// One line of the case list. No identity of the child: the list is for finding work, the case for reading it.
/// <c>Risk</c> only for the views that include the risk assessment.
/// </summary>
public sealed record CaseListItem(Guid Id, long Version, CaseStatus Status, CaseStage Stage, ReportChannel Channel,
    DateTimeOffset ReceivedAt, DateTimeOffset LastStepAt, string IncidentCommune, RiskLevel? Risk, int OpenWork, string? OwningCommune = null);

public sealed record CaseList(IReadOnlyList<CaseListItem> Items, int Page, int PageSize, long Total);

public static class ListCasesEndpoint
{

    [WolverineGet("/api/cases", OperationId = "ListCases")]
    [ReadResponses(typeof(CaseList))]
    public static async Task<IResult> Get(IQuerySession session, HttpContext http,
        string? status = null, string? commune = null, string? stage = null, string? page = null, string? pageSize = null)
    {
        if (CaseGate.RefuseRole(http, CaseAction.Read, out var actor) is { } refused) return refused;
        if (!TryParse<CaseStatus>(status, out var statusFilter)) return Invalid(http, "status", Enum.GetNames<CaseStatus>());
        if (!TryParse<CaseStage>(stage, out var stageFilter)) return Invalid(http, "stage", Enum.GetNames<CaseStage>());
        var (pageNumber, size, pagingProblem) = Paging.Parse(http, page, pageSize);
        if (pagingProblem is not null) return pagingProblem;

        // Only the cases the caller's agency is related to in a way that lets its role read them.
        var allowed = CasePermissions.Cell(actor!.Role, CaseAction.Read);
        var scope = await CaseRelationsLoader.ScopeAsync(session, actor, allowed, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), http.RequestAborted);
        IQueryable<CaseSummary> query = session.Query<CaseSummary>();
        if (!scope.Everything)
        {
            var reporting = scope.Reporting.ToArray();
            var handed = scope.Handed.ToArray();
            var communes = scope.Communes.ToArray();
            // Jurisdiction follows the owning commune: where it happened, until a transfer moved the case with the child.
            query = query.Where(x => x.ReportingAgency.IsOneOf(reporting) || x.OwningCommune.IsOneOf(communes)
                                     || (x.OwningCommune == null && x.IncidentCommune.IsOneOf(communes))
                                     || x.Handoffs.Any(h => h.ToAgency.IsOneOf(handed)));
        }
        if (statusFilter is { } st) query = query.Where(x => x.Status == st);
        if (stageFilter is { } sg) query = query.Where(x => x.Stage == sg);
        if (!string.IsNullOrWhiteSpace(commune))
            query = query.Where(x => x.IncidentCommune == commune || x.Child.CommuneOfResidence == commune || x.OwningCommune == commune);

        var paged = await query.OrderByDescending(x => x.ReceivedAt).ToPagedListAsync(pageNumber, size, useCountQuery: true, http.RequestAborted);
        var showsRisk = CaseViews.Fields.Single(f => f.Path == "risk");
        var items = paged.Select(x => new CaseListItem(x.Id, x.Version, x.Status, x.Stage, x.Channel, x.ReceivedAt, x.LastStepAt,
            x.IncidentCommune, showsRisk.To(CaseViews.KindFor(actor.Role, Relation(actor, x, scope))) == Release.All ? x.Risk?.Overall : null,
            x.OpenWork.Count, x.Owner())).ToList();
        return Results.Ok(new CaseList(items, pageNumber, size, paged.TotalItemCount));
    }

    /// <summary>The caller's relation to a listed case, as far as the list's scope tells it (enough to pick the view).</summary>
    private static CaseRelation Relation(Actor actor, CaseSummary summary, CaseRelationsLoader.Scope scope) =>
        scope.Everything ? CaseRelation.Any
        : scope.Communes.Contains(summary.Owner()) ? CaseRelation.Jurisdiction
        : CaseRelation.Reporting;

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
