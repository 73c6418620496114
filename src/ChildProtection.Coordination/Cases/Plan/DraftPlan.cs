using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Cases.Plan;

/// <summary>One service the plan hands out: what, which kind of agency provides it, and by when.</summary>
public sealed record PlanService(ServiceKind Kind, AgencyKind Provider, string Description, DateOnly DueDate);

/// <summary>Form 04: the support and intervention plan, drafted by the commune officer with the agencies and the family.</summary>
public sealed record DraftPlan(string Goals, PlanService[] Services, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class DraftPlanEndpoint
{
    [WolverinePost("/api/cases/{caseId}/plan", OperationId = "DraftPlan")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, DraftPlan command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.DraftPlan, Decide);

    public static Decision Decide(Case current, DraftPlan command, StepContext context)
    {
        if (!current.NeedsAssessed)
            return Decision.Conflict(ProblemKinds.StepOutOfOrder, "A plan (Form 04) is drafted on the detailed assessment (Form 03), which is not recorded yet.");
        // An approved plan is replaced only after a review that asks for a new one.
        if (current.PlanStatus == PlanStatus.Approved && !current.ReplanAllowed)
            return Decision.Conflict(ProblemKinds.PlanAlreadyApproved, "The plan is approved; a new plan needs a review recommending re-planning, or a reopened case.");
        if (CaseDecisions.Required(command.Goals, "goals") is { } problem) return problem;
        if (command.Services.Length == 0) return Decision.Invalid("services", "A plan lists at least one service.");

        var draftedAt = context.At(command.OccurredAt);
        for (var i = 0; i < command.Services.Length; i++)
        {
            var service = command.Services[i];
            if (service is null) return Decision.Invalid($"services[{i}]", "A plan service cannot be null.");
            if (CaseDecisions.Required(service.Description, $"services[{i}].description") is { } missing) return missing;
            if (CaseDecisions.WithinHorizon(service.DueDate, context, $"services[{i}].dueDate") is { } far) return far;
            if (service.DueDate < VietnamTime.DateOf(draftedAt))
                return Decision.Invalid($"services[{i}].dueDate", "A service cannot be due before the plan is drafted.");
        }

        var planId = Guid.CreateVersion7();
        var services = command.Services
            .Select(s => new PlannedService(Guid.CreateVersion7(), s.Kind, s.Provider, s.Description, s.DueDate))
            .ToArray();
        return Decision.AcceptCreating(planId, new SupportPlanDrafted(current.Id, planId, draftedAt, command.Goals, services));
    }
}
