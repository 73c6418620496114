namespace ChildProtection.Coordination.Cases;

/// <summary>One sign of a crime: a form of harm, on its own or only where the child was injured or is in immediate danger.</summary>
public sealed class CrimeSign
{
    public HarmForm Harm { get; set; }
    public bool OnlyWithInjuryOrDanger { get; set; }

    public override string ToString() => OnlyWithInjuryOrDanger ? $"{Harm} with injury or immediate danger" : Harm.ToString();
}

/// <summary>
/// The signs of a crime that call the police in (tố giác, ND56 Art. 25; Criminal Procedure Code 2015 Art. 145) and health
/// with them: configuration (<c>CaseRules:CrimeSigns</c>), with these defaults. The report step records on
/// <see cref="CaseReported.CrimeSigns"/> whether its report shows one, so the pathway and the case summary read one
/// decision and a later change of the list never rewrites a case. Any report the verifying officer marks as a
/// suspected crime calls the police in too (<see cref="ReportVerified.SuspectedCrime"/>).
/// </summary>
public static class CrimeSigns
{
    public static readonly IReadOnlyList<CrimeSign> Default =
    [
        new() { Harm = HarmForm.Violence, OnlyWithInjuryOrDanger = true },
        new() { Harm = HarmForm.SexualAbuse },
        new() { Harm = HarmForm.Trafficking },
        new() { Harm = HarmForm.Exploitation },
        new() { Harm = HarmForm.Abduction },
    ];

    public static bool Shown(IncidentDetails incident, IEnumerable<CrimeSign> signs) =>
        signs.Any(s => incident.HarmForms.Contains(s.Harm) && (!s.OnlyWithInjuryOrDanger || incident.Injured || incident.ImmediateDanger));

    /// <summary>What a report shows: as recorded on it, else (a report recorded before the decision was) by version 1's fixed list.</summary>
    public static bool Of(CaseReported report) => report.CrimeSigns ?? LegalClocks.ShowsCrimeSigns(report.Incident.HarmForms);
}
