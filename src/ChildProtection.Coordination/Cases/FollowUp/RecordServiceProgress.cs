using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.FollowUp;

/// <summary>
/// A progress note on one service of the approved plan (ND56 Art. 31): a visit, a session, or the outcome, written by the
/// agency providing it (or the commune officer who follows the case). The outcome note completes the service's hand-off.
/// </summary>
public sealed record RecordServiceProgress(ProgressKind Kind, string Summary, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class RecordServiceProgressEndpoint
{
    [WolverinePost("/api/cases/{caseId}/services/{serviceId}/progress", OperationId = "RecordServiceProgress")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, Guid serviceId, RecordServiceProgress command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.RecordServiceProgress, (c, cmd, ctx) => Decide(c, serviceId, cmd, ctx));

    public static Decision Decide(Case current, Guid serviceId, RecordServiceProgress command, StepContext context)
    {
        // A service moved here with a merged case's hand-off was approved on that case's plan.
        if (current.ServiceOf(serviceId) is not { } service) return Decision.NotFound($"No service {serviceId} in the case's plan.");
        if (!service.Moved && current.PlanStatus != PlanStatus.Approved)
            return Decision.Conflict(ProblemKinds.StepOutOfOrder, "Progress is recorded on the services of an approved plan; this plan is not approved.");
        var providing = current.Handoffs.Any(h => h.ServiceId == serviceId && h.ToAgency == context.Actor.Agency
            && h.Status is not (Case.HandoffStatus.Declined or Case.HandoffStatus.Cancelled));
        if (!providing && context.Actor.Role != Roles.CommuneOfficer)
            return Decision.Forbidden("Only the agency providing the service, or the commune officer following the case, records its progress.");
        if (CaseDecisions.Required(command.Summary, "summary") is { } missing) return missing;
        if (command.Kind == ProgressKind.Outcome && current.ServiceOutcomes.Contains(serviceId))
            return Decision.Conflict(ProblemKinds.AlreadyRecorded, "The outcome of this service is already recorded.");
        var noteId = Guid.CreateVersion7();
        return Decision.AcceptCreating(noteId, new ServiceProgressRecorded(current.Id, serviceId, noteId, context.At(command.OccurredAt),
            command.Kind, context.Actor.Agency, command.Summary));
    }
}
