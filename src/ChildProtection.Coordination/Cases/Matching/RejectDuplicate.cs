using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>A possible duplicate judged to be another child: remembered on both cases, never offered again for the pair.</summary>
public sealed record RejectDuplicate(string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class RejectDuplicateEndpoint
{
    [WolverinePost("/api/cases/{caseId}/possible-duplicates/{otherCaseId}/rejection", OperationId = "RejectDuplicate")]
    [NonTransactional]
    [StepResponses]
    public static async Task<IResult> Post(Guid caseId, Guid otherCaseId, RejectDuplicate command, IDocumentSession session, HttpContext http) =>
        // Without a body there is nothing to refuse on the other case yet: the step's own 400 comes first, as for a link.
        (command is null ? null : await OtherCase.RefuseAsync(session, http, caseId, otherCaseId, CaseAction.RejectDuplicate))
        ?? await CaseSteps.Step(session, http, caseId, command, CaseAction.RejectDuplicate, (c, cmd, ctx) => Decide(c, otherCaseId, cmd, ctx), allowedWhenClosed: true);

    public static Decision Decide(Case current, Guid otherCaseId, RejectDuplicate command, StepContext context)
    {
        if (otherCaseId == current.Id) return Decision.Invalid("otherCaseId", "A case is not its own duplicate.");
        if (CaseDecisions.Required(command.Reason, "reason") is { } missing) return missing;
        if (current.RejectedDuplicates.Contains(otherCaseId))
            return Decision.Conflict(ProblemKinds.DuplicateAlreadyRejected, "This pair was already judged to be two children.");
        if (current.Links.Any(l => l.OtherCaseId == otherCaseId && l.Kind == CaseLinkKind.SameChild))
            return Decision.Conflict(ProblemKinds.AlreadyLinked, "The two cases are linked as the same child; unlink them first.");
        return Decision.Accept(new DuplicateRejected(current.Id, otherCaseId, context.At(command.OccurredAt), command.Reason.Trim()));
    }
}
