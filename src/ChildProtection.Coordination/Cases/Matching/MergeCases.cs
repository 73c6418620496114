using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.GetCase;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>Merge this case into a lead case of the same child: its open work moves there.</summary>
public sealed record MergeCases(Guid LeadCaseId, string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

/// <summary>Undo a merge, keeping the same-child link; the reason goes on both cases' histories.</summary>
public sealed record UnmergeCases(string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class MergeCasesEndpoint
{
    /// <summary>
    /// Merges the case into <see cref="MergeCases.LeadCaseId"/>: both open, linked as the same child, neither merged already.
    /// The merge is recorded on both streams in one transaction; the answer's resource id is the link it rests on.
    /// </summary>
    [WolverinePost("/api/cases/{caseId}/merge", OperationId = "MergeCases")]
    [NonTransactional]
    [StepResponses]
    public static async Task<IResult> Post(Guid caseId, MergeCases command, IDocumentSession session, HttpContext http)
    {
        if (await OtherCase.RefuseAsync(session, http, caseId, command?.LeadCaseId, CaseAction.MergeCases) is { } refused) return refused;
        // Both cases are locked now: the lead as it stands, and the merged case's open work as its summary shows it.
        var lead = command is null || command.LeadCaseId == caseId ? null : await session.LoadAsync<Case>(command.LeadCaseId, http.RequestAborted);
        var summary = await session.LoadAsync<CaseSummary>(caseId, http.RequestAborted);
        return await CaseSteps.Step(session, http, caseId, command, CaseAction.MergeCases, (c, cmd, ctx) => Decide(c, lead, summary, cmd, ctx));
    }

    /// <param name="current">The case to merge.</param>
    /// <param name="lead">The lead case, as loaded under its write lock; null when there is none.</param>
    /// <param name="summary">The case's summary: its open work (steps not yet taken) and its hand-offs' request times.</param>
    public static Decision Decide(Case current, Case? lead, CaseSummary? summary, MergeCases command, StepContext context)
    {
        if (command.LeadCaseId == current.Id) return Decision.Invalid("leadCaseId", "A case is not merged into itself.");
        if (CaseDecisions.Required(command.Reason, "reason") is { } missing) return missing;
        if (lead is null) return Decision.NotFound($"No case {command.LeadCaseId}.");
        if (current.MergedCases.Count > 0)
            return Decision.Conflict(ProblemKinds.CaseMerged, "Other cases are merged into this one: a lead case is not merged into another.");
        if (lead.IsClosed) return Decision.Conflict(ProblemKinds.CaseClosed, "The lead case is closed; only open cases are merged.");
        // The Chair ends or extends an order on the case that made it, and a merged case takes no step: the order ends first.
        if (current.Orders.Any(o => !o.Ended))
            return Decision.Conflict(ProblemKinds.ProtectionInForce, "End the emergency protection still in force on this case before merging it.");
        if (lead.MergedInto is not null)
            return Decision.Conflict(ProblemKinds.CaseMerged, "The lead case is itself merged into another case; merge into that one.");
        if (current.Links.Find(l => l.OtherCaseId == lead.Id && l.Kind == CaseLinkKind.SameChild) is not { } link)
            return Decision.Conflict(ProblemKinds.NotLinkedAsSameChild, "The two cases are not linked as the same child; link them first.");

        var requested = (summary?.Handoffs ?? []).ToDictionary(h => h.HandoffId);
        var handoffs = current.Handoffs.Where(h => h.IsOpen)
            .Select(h => MovedHandoff.From(h, requested.GetValueOrDefault(h.HandoffId)?.RequestedAt, requested.GetValueOrDefault(h.HandoffId)?.RuleId))
            .ToArray();
        var work = (summary?.OpenWork ?? []).Select(w => new MovedWork(w.Kind, w.Id, w.Description, w.Since, w.DueAt)).ToArray();
        // The plan's services whose hand-offs move go with them, so the lead case names them (kind, provider, due date).
        var services = current.PlanServices.Where(p => handoffs.Any(h => h.ServiceId == p.ServiceId))
            .Select(p => new MovedService(p.ServiceId, p.Kind, p.Provider, p.DueDate)).ToArray();
        return Decision.AcceptCreating(link.LinkId, new CaseMerged(current.Id, link.LinkId, current.Id, lead.Id, context.At(command.OccurredAt),
            command.Reason.Trim(), handoffs, work, Services: services));
    }
}

public static class UnmergeCasesEndpoint
{
    /// <summary>Undoes the merge resting on the link, from either case; the link stays. Unlinking the pair undoes the merge too.</summary>
    [WolverineDelete("/api/cases/{caseId}/links/{linkId}/merge", OperationId = "UnmergeCases")]
    [NonTransactional]
    [StepResponses]
    public static async Task<IResult> Delete(Guid caseId, Guid linkId, UnmergeCases command, IDocumentSession session, HttpContext http)
    {
        var (other, refused) = await Merges.OtherCaseAsync(session, http, caseId, linkId, CaseAction.MergeCases);
        return refused
               ?? await CaseSteps.Step(session, http, caseId, command, CaseAction.MergeCases, (c, cmd, ctx) => Decide(c, other, linkId, cmd, ctx),
                   allowedWhenClosed: true);
    }

    public static Decision Decide(Case current, Case? other, Guid linkId, UnmergeCases command, StepContext context)
    {
        if (Merges.Unmerge(current, other, linkId, command.Reason, context.At(command.OccurredAt)) is not { } unmerged)
            return Decision.NotFound($"No merge on link {linkId} of this case.");
        return CaseDecisions.Required(command.Reason, "reason") ?? Decision.Accept(unmerged);
    }
}

/// <summary>What undoing a merge needs, whether by unmerging or by unlinking the pair.</summary>
public static class Merges
{
    /// <summary>
    /// The other case of the link, loaded under both cases' write locks once the caller is let through to both for
    /// <paramref name="action"/> — or, when a merge rests on the link, for merging: unlinking a merged pair undoes the merge.
    /// </summary>
    public static async Task<(Case? Other, IResult? Refused)> OtherCaseAsync(IDocumentSession session, HttpContext http, Guid caseId, Guid linkId,
        CaseAction action)
    {
        // An unknown link is the decision's 404.
        var summary = await session.LoadAsync<CaseSummary>(caseId, http.RequestAborted);
        var otherId = summary?.Links.Find(l => l.LinkId == linkId)?.OtherCaseId;
        if (summary?.MergedInto?.LinkId == linkId || summary?.MergedCases.Exists(m => m.LinkId == linkId) == true) action = CaseAction.MergeCases;
        if (await OtherCase.RefuseAsync(session, http, caseId, otherId, action) is { } refused) return (null, refused);
        return (otherId is { } id ? await session.LoadAsync<Case>(id, http.RequestAborted) : null, null);
    }

    /// <summary>
    /// The unmerge of the merge resting on <paramref name="linkId"/>, decided on either case of it; null when no merge rests on
    /// it. The moved hand-offs still open on the lead case go back as they now stand; work done there stays done there.
    /// </summary>
    public static CaseUnmerged? Unmerge(Case current, Case? other, Guid linkId, string? reason, DateTimeOffset at)
    {
        Case? merged = null, lead = null;
        if (current.MergedInto?.LinkId == linkId) (merged, lead) = (current, other);
        else if (current.MergedCases.Exists(m => m.LinkId == linkId)) (merged, lead) = (other, current);
        if (merged is null || lead is null) return null;
        var moved = merged.Handoffs.Where(h => h.MovedToCaseId == lead.Id).Select(h => h.HandoffId).ToHashSet();
        var back = lead.Handoffs.Where(h => h.IsOpen && moved.Contains(h.HandoffId)).Select(h => MovedHandoff.From(h)).ToArray();
        return new CaseUnmerged(current.Id, linkId, merged.Id, lead.Id, at, reason?.Trim() ?? "", back);
    }
}
