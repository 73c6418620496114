using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Agencies;
namespace ChildProtection.Coordination.Cases.Identity;

/// <summary>
/// Sửa thông tin nhận dạng: the child's identity as the report took it, corrected while the case is open — each part given
/// replaces the report's (or an earlier correction's), the others stay. An age without a date of birth makes the date unknown;
/// <c>carers</c> replaces every parent or carer recorded. The reason is on record, sealed.
/// </summary>
public sealed record CorrectChildIdentity(
    string Reason,
    string? Name = null,
    Sex? Sex = null,
    DateOnly? DateOfBirth = null,
    int? AgeYears = null,
    string? CommuneOfResidence = null,
    string? School = null,
    Carer[]? Carers = null,
    DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class CorrectChildIdentityEndpoint
{
    /// <summary>
    /// The step pipeline seals the corrected parts with the case's key and, in the same transaction, computes the case's match
    /// key again from the corrected identity (Cases/Matching/MatchingWrites.cs).
    /// </summary>
    [WolverinePost("/api/cases/{caseId}/identity-corrections", OperationId = "CorrectChildIdentity")]
    [NonTransactional]
    [StepResponses]
    public static async Task<IResult> Post(Guid caseId, CorrectChildIdentity command, IDocumentSession session, HttpContext http)
    {
        // The directory's answer for a corrected commune of residence, read before the case as a transfer's is.
        var communes = await Jurisdictions.ResolveAllTodayAsync(session, http, command?.CommuneOfResidence);
        return await CaseSteps.Step(session, http, caseId, command, CaseAction.CorrectIdentity,
            (c, cmd, ctx) => Decide(c, cmd, cmd.CommuneOfResidence is { } code ? communes.GetValueOrDefault(code.Trim()) : null, ctx));
    }

    /// <param name="residence">The commune answering today for the corrected <c>communeOfResidence</c>; null when none does or none is given.</param>
    public static Decision Decide(Case current, CorrectChildIdentity command, Commune? residence, StepContext context)
    {
        if (current.IdentityErased) return Decision.Conflict(ProblemKinds.IdentityErased, "The case's identity is erased; there is nothing to correct.");
        if (CaseDecisions.Required(command.Reason, "reason") is { } missing) return missing;
        if (Check(current, command, residence, context) is { } invalid) return invalid;

        var parts = new List<string>();
        if (command.Name is not null) parts.Add(ChildIdentityCorrected.NamePart);
        if (command.Sex is not null) parts.Add(ChildIdentityCorrected.SexPart);
        if (command.DateOfBirth is not null) parts.Add(ChildIdentityCorrected.DateOfBirthPart);
        else if (command.AgeYears is not null) parts.Add(ChildIdentityCorrected.AgePart);
        if (command.CommuneOfResidence is not null) parts.Add(ChildIdentityCorrected.CommunePart);
        if (command.School is not null) parts.Add(ChildIdentityCorrected.SchoolPart);
        if (command.Carers is not null) parts.Add(ChildIdentityCorrected.CarersPart);
        if (parts.Count == 0)
            return Decision.Invalid("name", $"Give at least one part of the child's identity to correct: {string.Join(", ", ChildIdentityCorrected.AllParts)}.");

        // The age at the report stays in clear beside a sealed date of birth, as on the report (the statistics read it).
        var age = command.DateOfBirth is { } dob ? Case.AgeYears(dob, VietnamTime.DateOf(current.ReceivedAt)) : command.AgeYears;
        return Decision.Accept(new ChildIdentityCorrected(current.Id, context.At(command.OccurredAt), [.. parts], command.Reason.Trim(),
            command.Name?.Trim(), command.Sex, command.DateOfBirth, age, command.CommuneOfResidence?.Trim(), command.School?.Trim(),
            command.Carers is null ? null : ReportFactsRules.Carers(command.Carers) ?? []));
    }

    /// <summary>Each part as Form 01 takes it: the same fields, the same limits, the date of birth and the age counted at the report.</summary>
    private static Decision? Check(Case current, CorrectChildIdentity command, Commune? residence, StepContext context)
    {
        if (command.Name is not null && CaseDecisions.Required(command.Name, "name") is { } name) return name;
        if (command.Sex is { } sex && !Enum.IsDefined(sex))
            return Decision.Invalid("sex", $"'sex' must be one of: {string.Join(", ", Enum.GetNames<Sex>())}.");
        if (ReportFactsRules.CheckAgeAtReport(command.DateOfBirth, command.AgeYears, VietnamTime.DateOf(current.ReceivedAt),
                ReportFactsRules.AgeLimit(context.Rules, current.CaseType), context.Rules) is { } age) return age;
        if (command.CommuneOfResidence is not null
            && (CaseDecisions.Required(command.CommuneOfResidence, "communeOfResidence")
                ?? CaseDecisions.CommuneInForce(command.CommuneOfResidence, residence, "communeOfResidence", identity: true)) is { } commune) return commune;
        if (command.School is not null && CaseDecisions.Required(command.School, "school") is { } school) return school;
        // Named as the plan's services are (carers[0].name), so the case page's form shows a refusal beside its input.
        return ReportFactsRules.CheckCarers(command.Carers, (i, member) => member.Length == 0 ? $"carers[{i}]" : $"carers[{i}].{member}");
    }
}
