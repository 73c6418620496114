using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.SchoolReintegration;

/// <summary>The child is back at school.</summary>
public sealed record CompleteSchoolReintegration(string School, string? Notes = null, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class CompleteSchoolReintegrationEndpoint
{
    [WolverinePost("/api/cases/{caseId}/school-reintegration/complete", OperationId = "CompleteSchoolReintegration")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, CompleteSchoolReintegration command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.CompleteSchoolReintegration, Decide);

    public static Decision Decide(Case current, CompleteSchoolReintegration command, StepContext context)
    {
        if (!current.SchoolReintegrationPlanned || current.SchoolReintegrationCompleted)
            return Decision.Conflict(ProblemKinds.StepOutOfOrder, "There is no planned return to school to complete.");
        return CaseDecisions.Required(command.School, "school")
               ?? Decision.Accept(new SchoolReintegrationCompleted(current.Id, context.At(command.OccurredAt), command.School, command.Notes));
    }
}
