using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.SchoolReintegration;

/// <summary>Education plans the child's return to school, with the child's identity protected.</summary>
public sealed record PlanSchoolReintegration(string School, DateOnly TargetDate, string Arrangements, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class PlanSchoolReintegrationEndpoint
{
    [WolverinePost("/api/cases/{caseId}/school-reintegration", OperationId = "PlanSchoolReintegration")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, PlanSchoolReintegration command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.PlanSchoolReintegration, Decide);

    public static Decision Decide(Case current, PlanSchoolReintegration command, StepContext context)
    {
        if (current.SchoolReintegrationPlanned && !current.SchoolReintegrationCompleted)
            return Decision.Conflict(ProblemKinds.SchoolReturnAlreadyPlanned, "A return to school is already planned and not yet completed.");
        return CaseDecisions.WithinHorizon(command.TargetDate, context, "targetDate")
               ?? CaseDecisions.Required(command.School, "school")
               ?? CaseDecisions.Required(command.Arrangements, "arrangements")
               ?? Decision.Accept(new SchoolReintegrationPlanned(current.Id, context.At(command.OccurredAt), command.School, command.TargetDate, command.Arrangements));
    }
}
