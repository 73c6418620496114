using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Verification;

/// <summary>Kiểm tra, xác minh (ND56 Art. 26): whether the report is substantiated, what was found, and whether the officer suspects a crime.</summary>
public sealed record VerifyReport(bool Substantiated, string Findings, DateTimeOffset? OccurredAt = null, bool SuspectedCrime = false) : ICaseCommand;

public static class VerifyReportEndpoint
{
    [WolverinePost("/api/cases/{caseId}/verification", OperationId = "VerifyReport")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, VerifyReport command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.Verify, Decide);

    public static Decision Decide(Case current, VerifyReport command, StepContext context) =>
        CaseDecisions.Required(command.Findings, "findings")
        ?? Decision.Accept(new ReportVerified(current.Id, context.At(command.OccurredAt), command.Substantiated, command.Findings, command.SuspectedCrime));
}
