using Wolverine.Attributes;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Transfer;

/// <summary>
/// The child moved: the owning commune hands the whole case to the commune (in this or another province) where the child
/// now lives. The pathway then re-addresses the open work to that commune's agencies (Handoffs/Rerouting.cs).
/// </summary>
public sealed record TransferCase(string ToCommune, string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class TransferCaseEndpoint
{
    [WolverinePost("/api/cases/{caseId}/transfer", OperationId = "TransferCase")]
    [NonTransactional]
    [StepResponses]
    public static async Task<IResult> Post(Guid caseId, TransferCase command, IDocumentSession session, HttpContext http)
    {
        // The directory's answers, read before the case: which commune answers today for the code given, and for the owning one.
        var ct = http.RequestAborted;
        var today = VietnamTime.DateOf(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        var target = Jurisdictions.IsValidCode(command?.ToCommune?.Trim()) ? await Jurisdictions.ResolveAsync(session, command!.ToCommune.Trim(), today, ct) : null;
        var owner = await session.LoadAsync<CaseSummary>(caseId, ct) is { } summary ? await Jurisdictions.ResolveAsync(session, summary.Owner(), today, ct) : null;
        return await CaseSteps.Step(session, http, caseId, command, CaseAction.Transfer, (c, cmd, ctx) => Decide(c, cmd, target, owner, ctx));
    }

    /// <param name="target">The commune answering today for <c>toCommune</c>; null when none does.</param>
    /// <param name="owner">The commune answering today for the case's owning commune (it may have merged since).</param>
    public static Decision Decide(Case current, TransferCase command, Commune? target, Commune? owner, StepContext context)
    {
        if ((CaseDecisions.Required(command.ToCommune, "toCommune") ?? CaseDecisions.Required(command.Reason, "reason")) is { } missing) return missing;
        if (CaseDecisions.CommuneInForce(command.ToCommune, target, "toCommune") is { } unknown) return unknown;
        var from = owner?.Code ?? current.OwningCommune;
        if (target.Code == from)
            return Decision.Conflict(ProblemKinds.AlreadyOwnedThere, $"The case already belongs to {from}.");
        return Decision.Accept(new CaseTransferred(current.Id, context.At(command.OccurredAt), from, owner?.ProvinceCode,
            target.Code, target.ProvinceCode, command.Reason.Trim(), context.Rules.CriminalWorkFollowsTransfer));
    }
}
