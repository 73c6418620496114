using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.GetCase;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>Link this case to another: the same child (confirming a possible duplicate), the same incident, or the same suspected perpetrator.</summary>
/// <param name="Score">The match score the link confirms, when it confirms a possible duplicate.</param>
public sealed record LinkCases(Guid OtherCaseId, CaseLinkKind Kind, string Reason, double? Score = null, DateTimeOffset? OccurredAt = null) : ICaseCommand;

/// <summary>Undo a link; the reason goes on both cases' histories.</summary>
public sealed record UnlinkCases(string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class LinkCasesEndpoint
{
    /// <summary>The caller must be allowed the action on both cases; the link is recorded on both streams in one transaction.</summary>
    [WolverinePost("/api/cases/{caseId}/links", OperationId = "LinkCases")]
    [NonTransactional]
    [StepResponses]
    public static async Task<IResult> Post(Guid caseId, LinkCases command, IDocumentSession session, HttpContext http) =>
        await OtherCase.RefuseAsync(session, http, caseId, command?.OtherCaseId, CaseAction.LinkCases)
        ?? await CaseSteps.Step(session, http, caseId, command, CaseAction.LinkCases, Decide, allowedWhenClosed: true);

    public static Decision Decide(Case current, LinkCases command, StepContext context)
    {
        if (command.OtherCaseId == current.Id) return Decision.Invalid("otherCaseId", "A case is not linked to itself.");
        if (!Enum.IsDefined(command.Kind)) return Decision.Invalid("kind", "'kind' is SameChild, SameIncident or SameSuspectedPerpetrator.");
        if (command.Score is < 0 or > 1) return Decision.Invalid("score", "'score' is a match score from 0 to 1.");
        if (CaseDecisions.Required(command.Reason, "reason") is { } missing) return missing;
        if (current.Links.Any(l => l.OtherCaseId == command.OtherCaseId && l.Kind == command.Kind))
            return Decision.Conflict(ProblemKinds.AlreadyLinked, "The two cases are already linked this way.");
        var linkId = Guid.CreateVersion7();
        return Decision.AcceptCreating(linkId, new CaseLinked(current.Id, linkId, command.OtherCaseId, command.Kind,
            context.At(command.OccurredAt), command.Reason.Trim(), Initiated: true, command.Score));
    }
}

public static class UnlinkCasesEndpoint
{
    /// <summary>Undoes a link on both cases; the state after it is the state before the link (a merge resting on it is undone first).</summary>
    [WolverineDelete("/api/cases/{caseId}/links/{linkId}", OperationId = "UnlinkCases")]
    [NonTransactional]
    [StepResponses]
    public static async Task<IResult> Delete(Guid caseId, Guid linkId, UnlinkCases command, IDocumentSession session, HttpContext http)
    {
        // The caller must be let through to the other case too; its state is what an unmerge gives back.
        var (other, refused) = await Merges.OtherCaseAsync(session, http, caseId, linkId, CaseAction.LinkCases);
        return refused
               ?? await CaseSteps.Step(session, http, caseId, command, CaseAction.LinkCases, (c, cmd, ctx) => Decide(c, linkId, cmd, ctx, other),
                   allowedWhenClosed: true);
    }

    /// <param name="other">The other case of the link, needed when a merge rests on it.</param>
    public static Decision Decide(Case current, Guid linkId, UnlinkCases command, StepContext context, Case? other = null)
    {
        if (current.Links.Find(l => l.LinkId == linkId) is not { } link) return Decision.NotFound($"No link {linkId} on this case.");
        if (CaseDecisions.Required(command.Reason, "reason") is { } missing) return missing;
        var at = context.At(command.OccurredAt);
        var unlinked = new CaseUnlinked(current.Id, linkId, link.OtherCaseId, at, command.Reason.Trim());
        var merged = current.MergedInto?.LinkId == linkId || current.MergedCases.Exists(m => m.LinkId == linkId);
        if (!merged) return Decision.Accept(unlinked);
        return Merges.Unmerge(current, other, linkId, command.Reason, at) is { } unmerged
            ? Decision.Accept(unmerged, unlinked)
            : Decision.NotFound($"No case {link.OtherCaseId}.");
    }
}

/// <summary>A step on two cases: the caller must be let through to both, and both are locked (in one statement, in a fixed order) before either is read.</summary>
public static class OtherCase
{
    public static async Task<IResult?> RefuseAsync(IDocumentSession session, HttpContext http, Guid caseId, Guid? otherCaseId, CaseAction action)
    {
        if (otherCaseId is not { } other || other == caseId) return null;
        var (refused, _) = await CaseGate.CheckAsync(session, http, caseId, action);
        if (refused is not null) return refused;
        (refused, _) = await CaseGate.CheckAsync(session, http, other, action);
        if (refused is not null) return refused;
        await CaseWriteLock.TakeAsync(session, [caseId, other], http.RequestAborted);
        return null;
    }
}
