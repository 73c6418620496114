using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Support;

/// <summary>Psychological support, shelter or counselling given, usually by a social work centre.</summary>
public sealed record ProvidePsychosocialSupport(ServiceKind Kind, string Provider, string Summary, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class ProvidePsychosocialSupportEndpoint
{
    private static readonly ServiceKind[] Psychosocial = [ServiceKind.PsychosocialSupport, ServiceKind.Shelter, ServiceKind.Counselling];

    [WolverinePost("/api/cases/{caseId}/psychosocial-support", OperationId = "ProvidePsychosocialSupport")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, ProvidePsychosocialSupport command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.ProvidePsychosocialSupport, Decide);

    public static Decision Decide(Case current, ProvidePsychosocialSupport command, StepContext context)
    {
        if (!Psychosocial.Contains(command.Kind))
            return Decision.Invalid("kind", $"'kind' is one of {string.Join(", ", Psychosocial)}.");
        return CaseDecisions.Required(command.Provider, "provider")
               ?? CaseDecisions.Required(command.Summary, "summary")
               ?? Decision.Accept(new PsychosocialSupportProvided(current.Id, context.At(command.OccurredAt), command.Kind, command.Provider, command.Summary));
    }
}
