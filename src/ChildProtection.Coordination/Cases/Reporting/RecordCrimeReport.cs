using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Reporting;

/// <summary>Police receipt of the crime report (tố giác), passed on to the investigation agency.</summary>
public sealed record RecordCrimeReport(string ReceiptNumber, bool ForwardedToInvestigation, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class RecordCrimeReportEndpoint
{
    [WolverinePost("/api/cases/{caseId}/crime-report", OperationId = "RecordCrimeReport")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, RecordCrimeReport command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.RecordCrimeReport, Decide);

    public static Decision Decide(Case current, RecordCrimeReport command, StepContext context) =>
        CaseDecisions.Required(command.ReceiptNumber, "receiptNumber")
        ?? Decision.Accept(new CrimeReportRecorded(current.Id, context.At(command.OccurredAt), command.ReceiptNumber.Trim(), command.ForwardedToInvestigation));
}
