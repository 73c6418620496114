using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Review;

/// <summary>Form 06: the commune officer and the providers review the plan's results and recommend continue, re-plan or close.</summary>
public sealed record ReviewCase(ReviewRecommendation Recommendation, string Summary, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class ReviewCaseEndpoint
{
    [WolverinePost("/api/cases/{caseId}/reviews", OperationId = "ReviewCase")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, ReviewCase command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.Review, Decide);

    public static Decision Decide(Case current, ReviewCase command, StepContext context)
    {
        if (current.PlanStatus != PlanStatus.Approved)
            return Decision.Conflict(ProblemKinds.StepOutOfOrder, "A review (Form 06) looks at the results of an approved plan; none is approved yet.");
        return CaseDecisions.Required(command.Summary, "summary")
               ?? Decision.Accept(new CaseReviewed(current.Id, context.At(command.OccurredAt), command.Recommendation, command.Summary));
    }
}
