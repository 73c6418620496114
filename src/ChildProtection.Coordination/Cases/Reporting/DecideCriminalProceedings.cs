using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Reporting;

/// <summary>
/// The investigation agency's decision on the crime report the commune police passed on: institute criminal
/// proceedings, not, or suspend (Criminal Procedure Code 2015 Art. 147). It fulfils the pathway's referral hand-off.
/// </summary>
public sealed record DecideCriminalProceedings(ProceedingsDecision Decision, string DecisionNumber, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class DecideCriminalProceedingsEndpoint
{
    [WolverinePost("/api/cases/{caseId}/crime-report/decision", OperationId = "DecideCriminalProceedings")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, DecideCriminalProceedings command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.DecideCriminalProceedings, Decide);

    public static Decision Decide(Case current, DecideCriminalProceedings command, StepContext context) =>
        !Enum.IsDefined(command.Decision) ? Common.Decision.Invalid("decision", "'decision' must be Instituted, NotInstituted or Suspended.")
        : CaseDecisions.Required(command.DecisionNumber, "decisionNumber")
          ?? Common.Decision.Accept(new CriminalProceedingsDecided(current.Id, context.At(command.OccurredAt), command.Decision, command.DecisionNumber.Trim()));
}
