using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Assessment;

/// <summary>Form 03: the detailed assessment of the child's needs, after the initial risk assessment.</summary>
public sealed record AssessNeeds(string[] Needs, string Summary, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class AssessNeedsEndpoint
{
    [WolverinePost("/api/cases/{caseId}/detailed-assessment", OperationId = "AssessNeeds")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, AssessNeeds command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.AssessNeeds, Decide);

    public static Decision Decide(Case current, AssessNeeds command, StepContext context)
    {
        if (!current.InitialRiskAssessed)
            return Decision.Conflict(ProblemKinds.StepOutOfOrder, "The detailed assessment (Form 03) follows the initial risk assessment (Form 02), which is not recorded yet.");
        if (command.Needs.Length == 0 || command.Needs.Any(string.IsNullOrWhiteSpace))
            return Decision.Invalid("needs", "List at least one need, none blank.");
        return CaseDecisions.Required(command.Summary, "summary")
               ?? Decision.Accept(new DetailedAssessmentCompleted(current.Id, context.At(command.OccurredAt), command.Needs, command.Summary));
    }
}
