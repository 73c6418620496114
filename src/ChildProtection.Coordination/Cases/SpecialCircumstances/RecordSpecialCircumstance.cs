using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.SpecialCircumstances;

/// <summary>The child found to be in a group of children in special circumstances (Law on Children 102/2016 Art. 10), from a date.</summary>
public sealed record EstablishSpecialCircumstance(
    SpecialCircumstanceGroup Group,
    DateOnly EstablishedOn,
    string? Basis = null,
    DateTimeOffset? OccurredAt = null) : ICaseCommand;

/// <summary>The child no longer in that group, from a date, with the reason.</summary>
public sealed record EndSpecialCircumstance(
    SpecialCircumstanceGroup Group,
    DateOnly EndedOn,
    string Reason,
    DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class SpecialCircumstanceEndpoints
{
    [WolverinePost("/api/cases/{caseId}/special-circumstances", OperationId = "EstablishSpecialCircumstance")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Establish(Guid caseId, EstablishSpecialCircumstance command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.EstablishSpecialCircumstance, DecideEstablish);

    [WolverinePost("/api/cases/{caseId}/special-circumstances/end", OperationId = "EndSpecialCircumstance")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> End(Guid caseId, EndSpecialCircumstance command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.EndSpecialCircumstance, DecideEnd);

    public static Decision DecideEstablish(Case current, EstablishSpecialCircumstance command, StepContext context)
    {
        if (!IsGroup(command.Group)) return InvalidGroup();
        if (CheckDate(current, command.EstablishedOn, context, "establishedOn") is { } bad) return bad;
        if (current.FindCircumstance(command.Group, context.OpenedCircumstances) is { } open)
            return Decision.Conflict(ProblemKinds.SpecialCircumstanceAlreadyEstablished,
                $"The child is already recorded in the group {command.Group} since {open.EstablishedOn:yyyy-MM-dd}; end it before establishing it again.");
        return Decision.Accept(new SpecialCircumstanceEstablished(current.Id, command.Group, command.EstablishedOn, context.At(command.OccurredAt),
            string.IsNullOrWhiteSpace(command.Basis) ? null : command.Basis.Trim()));
    }

    public static Decision DecideEnd(Case current, EndSpecialCircumstance command, StepContext context)
    {
        if (!IsGroup(command.Group)) return InvalidGroup();
        if (CheckDate(current, command.EndedOn, context, "endedOn") is { } bad) return bad;
        if (current.FindCircumstance(command.Group, context.OpenedCircumstances) is not { } open)
            return Decision.Conflict(ProblemKinds.SpecialCircumstanceNotEstablished, $"The child is not recorded in the group {command.Group} now.");
        if (command.EndedOn < open.EstablishedOn)
            return Decision.Invalid("endedOn", $"'endedOn' is before the group was established ({open.EstablishedOn:yyyy-MM-dd}).");
        return CaseDecisions.Required(command.Reason, "reason")
               ?? Decision.Accept(new SpecialCircumstanceEnded(current.Id, command.Group, command.EndedOn, context.At(command.OccurredAt), command.Reason.Trim()));
    }

    /// <summary>A date of the child's life: not after today (Vietnam date), not before the child was born.</summary>
    private static Decision? CheckDate(Case current, DateOnly date, StepContext context, string field)
    {
        if (date > VietnamTime.DateOf(context.Now + context.Rules.ClockSkewTolerance))
            return Decision.Invalid(field, $"'{field}' is in the future; record it once it is so.");
        if (context.ChildAgeOn(current, date) is < 0)
            return Decision.Invalid(field, $"'{field}' is before the child was born.");
        return null;
    }

    /// <summary>One of the 14 groups: not the stored form of a sealed one.</summary>
    private static bool IsGroup(SpecialCircumstanceGroup group) => Enum.IsDefined(group) && group != SpecialCircumstanceGroup.SealedHealthGroup;

    private static Decision InvalidGroup() =>
        Decision.Invalid("group", $"'group' must be one of the groups of Law on Children Art. 10: {string.Join(", ", Enum.GetValues<SpecialCircumstanceGroup>().Where(IsGroup))}.");
}
