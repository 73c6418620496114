using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Cases.Reporting;

/// <summary>
/// The rules for the facts Form 01 asks for besides the child and the incident: the case type, the setting, the acts of
/// sexual abuse, the parents or carers, and who counts as a child for the report (Law on Children Art. 1; Law on
/// Juvenile Justice 59/2024 where configured).
/// </summary>
public static class ReportFactsRules
{
    public const int MaxCarers = 10;

    /// <summary>
    /// The age from which a person is not registered: the Law on Children's limit (16), or, where
    /// <see cref="CaseRulesOptions.RegisterJuvenileVictims"/> is on, the Law on Juvenile Justice's (18) for a victim —
    /// a report whose case type is <see cref="CaseType.Abused"/>.
    /// </summary>
    public static int AgeLimit(CaseRulesOptions rules, CaseType? caseType) =>
        rules.RegisterJuvenileVictims && caseType == CaseType.Abused
            ? Math.Max(rules.ChildAgeLimitYears, rules.JuvenileVictimAgeLimitYears)
            : rules.ChildAgeLimitYears;

    /// <summary>The rule in words, for the refusal.</summary>
    public static string AgeRule(CaseRulesOptions rules) => rules.RegisterJuvenileVictims
        ? $"the Law on Children covers persons under {rules.ChildAgeLimitYears}, and victims under {rules.JuvenileVictimAgeLimitYears} " +
          "are registered under the Law on Juvenile Justice 59/2024 with 'caseType' Abused"
        : $"the Law on Children covers persons under {rules.ChildAgeLimitYears}";

    /// <summary>
    /// The child's date of birth, or without it the age, against the day of the report: not after it, and under
    /// <paramref name="limit"/> on it (<see cref="AgeLimit"/>). The report and a correction of the identity check the same way;
    /// <paramref name="prefix"/> names the fields as each takes them (<c>child.</c> on the report).
    /// </summary>
    public static Decision? CheckAgeAtReport(DateOnly? dateOfBirth, int? ageYears, DateOnly reportDate, int limit, CaseRulesOptions rules,
        string prefix = "")
    {
        if (dateOfBirth is { } dob)
        {
            if (dob > reportDate) return Decision.Invalid($"{prefix}dateOfBirth", $"'{prefix}dateOfBirth' is after the report.");
            if (Case.AgeYears(dob, reportDate) >= limit)
                return Decision.Invalid($"{prefix}dateOfBirth", $"{AgeRule(rules)}; this person was {Case.AgeYears(dob, reportDate)} at the report.");
        }
        else if (ageYears is { } age && (age < 0 || age >= limit))
            return Decision.Invalid($"{prefix}ageYears", $"'{prefix}ageYears' (the age at the report) must be from 0 to {limit - 1}: {AgeRule(rules)}.");
        return null;
    }

    public static Decision? Check(ReportCase command)
    {
        if (command.CaseType is { } type && !Enum.IsDefined(type))
            return Decision.Invalid("caseType", $"'caseType' must be one of: {string.Join(", ", Enum.GetNames<CaseType>())}.");
        var incident = command.Incident;
        if (incident.Setting is { } setting && !Enum.IsDefined(setting))
            return Decision.Invalid("incident.setting", $"'incident.setting' must be one of: {string.Join(", ", Enum.GetNames<HarmSetting>())}.");
        if (incident.SexualAbuseTypes is { Length: > 0 } acts)
        {
            if (!incident.HarmForms.Contains(HarmForm.SexualAbuse))
                return Decision.Invalid("incident.sexualAbuseTypes", "'incident.sexualAbuseTypes' is recorded only when 'incident.harmForms' includes SexualAbuse.");
            if (!acts.All(Enum.IsDefined))
                return Decision.Invalid("incident.sexualAbuseTypes", $"Each of 'incident.sexualAbuseTypes' is one of: {string.Join(", ", Enum.GetNames<SexualAbuseType>())} (Law on Children Art. 4(8)).");
        }
        return CheckCarers(command.Carers);
    }

    /// <summary>The parents or carers as Form 01 takes them (a correction of the identity takes them the same way).</summary>
    /// <param name="field">How a carer's member is named in a refusal: <c>carers.0.name</c> for the report (as before), <c>carers[0].name</c> where a page form names it so.</param>
    public static Decision? CheckCarers(Carer[]? carers, Func<int, string, string>? field = null)
    {
        field ??= (i, member) => member.Length == 0 ? $"carers.{i}" : $"carers.{i}.{member}";
        if (carers is null) return null;
        if (carers.Length > MaxCarers) return Decision.Invalid("carers", $"Name at most {MaxCarers} parents or carers.");
        for (var i = 0; i < carers.Length; i++)
        {
            if (carers[i] is not { } carer) return Decision.Invalid(field(i, ""), $"'{field(i, "")}' is empty.");
            if (CaseDecisions.Required(carer.Name, field(i, "name")) is { } missing) return missing;
            if (!Enum.IsDefined(carer.Relation))
                return Decision.Invalid(field(i, "relation"), $"'{field(i, "relation")}' must be one of: {string.Join(", ", Enum.GetNames<CarerRelation>())}.");
        }
        return null;
    }

    /// <summary>The carers as recorded: names trimmed, blank contacts dropped; null when none were given.</summary>
    public static Carer[]? Carers(Carer[]? carers) => carers is { Length: > 0 }
        ? carers.Select(c => c with { Name = c.Name.Trim(), Phone = Blank(c.Phone), Address = Blank(c.Address) }).ToArray()
        : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
