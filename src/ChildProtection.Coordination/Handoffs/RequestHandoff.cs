using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>
/// A manual referral: the caller's agency hands work on the case to another agency; <paramref name="ServiceId"/> names the
/// service of the plan it is (the agency then provides it and writes its progress notes).
/// </summary>
public sealed record RequestHandoff(
    string ToAgency,
    HandoffTask Task,
    string Description,
    DateTimeOffset DueAt,
    string? LegalBasis = null,
    DateTimeOffset? OccurredAt = null,
    Guid? ServiceId = null) : ICaseCommand;

public static class RequestHandoffEndpoint
{
    [WolverinePost("/api/cases/{caseId}/handoffs", OperationId = "RequestHandoff")]
    [NonTransactional]
    [StepResponses]
    public static async Task<IResult> Post(Guid caseId, RequestHandoff command, IDocumentSession session, IAgencyRouting routing, HttpContext http)
    {
        var kind = command is null ? null : await routing.KindOfAsync(command.ToAgency ?? "", http.RequestAborted);
        return await CaseSteps.Step(session, http, caseId, command, CaseAction.RequestHandoff, (c, cmd, ctx) => Decide(c, cmd, kind, ctx));
    }

    public static Decision Decide(Case current, RequestHandoff command, AgencyKind? toKind, StepContext context)
    {
        if (toKind is not { } kind) return Decision.Invalid("toAgency", $"No agency '{command.ToAgency}' in the directory.");
        if (command.ToAgency == context.Actor.Agency) return Decision.Invalid("toAgency", "An agency does not hand work to itself.");
        if (CaseDecisions.Required(command.Description, "description") is { } missing) return missing;
        var at = context.At(command.OccurredAt);
        if (command.DueAt <= at) return Decision.Invalid("dueAt", "'dueAt' must be after the referral.");
        if (CaseDecisions.WithinHorizon(command.DueAt, context, "dueAt") is { } far) return far;
        if (command.ServiceId is { } service && current.PlanServices.All(s => s.ServiceId != service))
            return Decision.Invalid("serviceId", $"No service {service} in the case's plan.");

        var handoffId = Guid.CreateVersion7();
        return Decision.AcceptCreating(handoffId, new HandoffRequested(current.Id, handoffId, context.Actor.Agency, command.ToAgency, kind,
            command.Task, command.Description, command.LegalBasis ?? "Manual referral", at, command.DueAt, ServiceId: command.ServiceId,
            Commune: current.OwningCommune));
    }
}
