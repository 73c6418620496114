using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Review;

/// <summary>
/// Form 06: the commune officer and the providers review the plan's results, re-rate the risk on the three criteria, and
/// recommend continue, re-plan or close.
/// </summary>
public sealed record ReviewCase(ReviewRecommendation Recommendation, string Summary, DateTimeOffset? OccurredAt = null, RiskRating? Risk = null) : ICaseCommand;

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
        if (CaseDecisions.Required(command.Summary, "summary") is { } missing) return missing;
        // Every review re-rates the risk (Form 06): the case's risk is what the latest review found, not the first report.
        if (command.Risk is not { } risk) return Decision.Invalid("risk", "A review re-rates the risk: 'risk' gives the three criteria and the overall level.");
        var worst = new[] { risk.SeverityOfHarm, risk.AbuserAccess, risk.CareObstacles }.Max();
        if (risk.Overall < worst) return Decision.Invalid("risk.overall", $"'risk.overall' cannot be lower than the highest criterion ({worst}).");
        if (command.Recommendation == ReviewRecommendation.Close && risk.Overall == RiskLevel.High)
            return Decision.Invalid("recommendation", "A child still at High risk is not safe and stable: a review rating the risk High does not recommend closing.");
        return Decision.Accept(new CaseReviewed(current.Id, context.At(command.OccurredAt), command.Recommendation, command.Summary, risk));
    }
}
