using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Assessment;

/// <summary>Form 02: the three criteria, the overall level, and whether emergency measures are needed.</summary>
public sealed record AssessInitialRisk(
    RiskLevel SeverityOfHarm,
    RiskLevel AbuserAccess,
    RiskLevel CareObstacles,
    RiskLevel Overall,
    bool EmergencyMeasuresNeeded,
    string? Notes = null,
    DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class AssessInitialRiskEndpoint
{
    [WolverinePost("/api/cases/{caseId}/risk-assessment", OperationId = "AssessInitialRisk")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, AssessInitialRisk command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.AssessRisk, Decide);

    public static Decision Decide(Case current, AssessInitialRisk command, StepContext context)
    {
        // The overall level cannot be below the worst criterion: one High criterion makes a high-risk case.
        var worst = new[] { command.SeverityOfHarm, command.AbuserAccess, command.CareObstacles }.Max();
        if (command.Overall < worst)
            return Decision.Invalid("overall", $"'overall' cannot be lower than the highest criterion ({worst}).");
        return Decision.Accept(new InitialRiskAssessed(current.Id, context.At(command.OccurredAt), command.SeverityOfHarm,
            command.AbuserAccess, command.CareObstacles, command.Overall, command.EmergencyMeasuresNeeded, command.Notes,
            // Low risk without emergency measures calls for no plan, so no plan clock starts (CaseRules:PlanAtRiskLevels).
            PlanCalledFor: context.Rules.PlanCalledFor(command.Overall, command.EmergencyMeasuresNeeded)));
    }
}
