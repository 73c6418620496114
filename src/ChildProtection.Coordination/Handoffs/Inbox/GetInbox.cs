using ChildProtection.Coordination.Common.Keys;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using Marten;
using Marten.Pagination;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases.Identity;

namespace ChildProtection.Coordination.Handoffs.Inbox;

/// <summary>One line of an inbox: the work, its clock, and where its case stands.</summary>
public sealed record InboxEntry(Guid HandoffId, Guid CaseId, HandoffTask Task, string Description, string FromAgency,
    DateTimeOffset RequestedAt, DateTimeOffset DueAt, bool Overdue, bool Breached, bool Accepted, bool ClockRunning,
    CaseStage? CaseStage, string LegalBasis);

public sealed record InboxPage(string Agency, IReadOnlyList<InboxEntry> Items, int Page, int PageSize, long Total);

public static class GetInboxEndpoints
{
    [WolverineGet("/api/inbox", OperationId = "GetMyInbox")]
    [ReadResponses(typeof(InboxPage))]
    public static Task<IResult> Mine(IQuerySession session, HttpContext http, TimeProvider time, string? page = null, string? pageSize = null)
    {
        if (Actor.From(http.User) is not { } actor) return Task.FromResult(Problems.MissingClaims(http));
        // Everything in an inbox was handed to the caller's agency: the role must read cases it is handed.
        if (!CasePermissions.Allows(CaseAction.Read, actor.Role, CaseRelation.Handed))
            return Task.FromResult(Problems.Forbidden(http, $"The role '{actor.Role}' does not read cases handed to its agency, so it has no inbox."));
        return Read(actor.Agency, session, http, time, page, pageSize);
    }

    [WolverineGet("/api/agencies/{agencyId}/inbox", OperationId = "GetAgencyInbox")]
    [ReadResponses(typeof(InboxPage))]
    public static Task<IResult> OfAgency(string agencyId, IQuerySession session, HttpContext http, TimeProvider time, string? page = null, string? pageSize = null)
    {
        if (Actor.From(http.User) is not { } actor) return Task.FromResult(Problems.MissingClaims(http));
        // An agency's work is its own business; auditors and admins oversee every inbox.
        var allowed = actor.Agency == agencyId
            ? CasePermissions.Allows(CaseAction.Read, actor.Role, CaseRelation.Handed)
            : CasePermissions.IsSystemWide(actor.Role) && CasePermissions.Allows(CaseAction.Read, actor.Role, CaseRelation.Any);
        if (!allowed)
            return Task.FromResult(Problems.Forbidden(http, "Only members of the agency whose role reads handed cases, auditors and admins read its inbox."));
        if (actor.Agency == agencyId) return Read(agencyId, session, http, time, page, pageSize);
        return CaseReach.IsProvincial(actor)
            ? ReadInProvince(actor, agencyId, session, http, time, page, pageSize)
            : ReadKnown(agencyId, session, http, time, page, pageSize);
    }

    /// <summary>Another agency's inbox, for a national overseer: an agency the directory does not know is a 404, not an empty inbox.</summary>
    private static async Task<IResult> ReadKnown(string agencyId, IQuerySession session, HttpContext http, TimeProvider time, string? page, string? pageSize) =>
        await session.LoadAsync<Agencies.Agency>(agencyId, http.RequestAborted) is null
            ? Problems.NotFound(http, $"No agency {agencyId}.")
            : await Read(agencyId, session, http, time, page, pageSize);

    /// <summary>A provincial auditor oversees the inboxes of its own province's agencies only; another's is a 404, as if unknown.</summary>
    private static async Task<IResult> ReadInProvince(Actor actor, string agencyId, IQuerySession session, HttpContext http, TimeProvider time,
        string? page, string? pageSize)
    {
        var agencies = (await session.LoadManyAsync<Agencies.Agency>(http.RequestAborted, actor.Agency, agencyId)).ToDictionary(a => a.Id);
        return CaseReach.Reaches(agencies.GetValueOrDefault(actor.Agency)?.ProvinceCode, agencies.GetValueOrDefault(agencyId)?.ProvinceCode)
            ? await Read(agencyId, session, http, time, page, pageSize)
            : Problems.NotFound(http, $"No agency {agencyId} in this auditor's province.");
    }

    private static async Task<IResult> Read(string agency, IQuerySession session, HttpContext http, TimeProvider time, string? page, string? pageSize)
    {
        var (pageNumber, size, pagingProblem) = Paging.Parse(http, page, pageSize);
        if (pagingProblem is not null) return pagingProblem;

        var items = await session.Query<InboxItem>().Where(x => x.ToAgency == agency).OrderBy(x => x.DueAt)
            .ToPagedListAsync(pageNumber, size, useCountQuery: true, http.RequestAborted);
        var cases = (await session.LoadManyAsync<CaseSummary>(http.RequestAborted, items.Select(x => x.CaseId).Distinct()))
            .ToDictionary(x => x.Id);
        var now = time.GetUtcNow();
        // A description an agency wrote (or one quoting the plan's service) is stored sealed with its case's key.
        var vault = new IdentityVault(session, http.RequestServices.GetRequiredService<IKeyEncryptionKeys>());
        // Work moved by a merge is done on the lead case, but its description stays sealed with the key of the case it was requested on.
        static Guid SealedBy(InboxItem x) => x.RequestedOnCaseId == Guid.Empty ? x.CaseId : x.RequestedOnCaseId;
        await vault.PreloadAsync(items.Select(SealedBy).Distinct(), http.RequestAborted);
        var opened = new Dictionary<Guid, string>();
        foreach (var x in items) opened[x.Id] = (await vault.RevealerAsync(SealedBy(x), http.RequestAborted))(x.Description);
        var entries = items.Select(x => new InboxEntry(x.Id, x.CaseId, x.Task, opened[x.Id], x.FromAgency, x.RequestedAt, x.DueAt,
            x.Breached || (x.ClockRunning && x.DueAt < now), x.Breached, x.Accepted, x.ClockRunning,
            cases.TryGetValue(x.CaseId, out var summary) ? summary.Stage : null, x.LegalBasis)).ToList();
        return Results.Ok(new InboxPage(agency, entries, pageNumber, size, items.TotalItemCount));
    }
}
