using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Support;

/// <summary>Trợ giúp pháp lý: legal aid given to the child and family by the justice sector.</summary>
public sealed record ProvideLegalAid(string Provider, string Summary, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class ProvideLegalAidEndpoint
{
    [WolverinePost("/api/cases/{caseId}/legal-aid", OperationId = "ProvideLegalAid")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, ProvideLegalAid command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.ProvideLegalAid, Decide);

    public static Decision Decide(Case current, ProvideLegalAid command, StepContext context) =>
        CaseDecisions.Required(command.Provider, "provider")
        ?? CaseDecisions.Required(command.Summary, "summary")
        ?? Decision.Accept(new LegalAidProvided(current.Id, context.At(command.OccurredAt), command.Provider, command.Summary));
}
