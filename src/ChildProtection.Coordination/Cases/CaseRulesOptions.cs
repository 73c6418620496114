using System.ComponentModel.DataAnnotations;
namespace ChildProtection.Coordination.Cases;

/// <summary>The figures the law sets, kept as configuration (section <c>CaseRules</c>).</summary>
public sealed class CaseRulesOptions
{
    public const string Section = "CaseRules";

    /// <summary>A child is a person under 16 (Law on Children Art. 1).</summary>
    [Range(1, 18)] public int ChildAgeLimitYears { get; set; } = 16;

    /// <summary>
    /// Victims aged from <see cref="ChildAgeLimitYears"/> to 17 may be registered where the Law on Juvenile Justice 59/2024
    /// applies (persons under 18 harmed by a crime): a report with case type <c>Abused</c>. Off by default.
    /// </summary>
    public bool RegisterJuvenileVictims { get; set; }

    /// <summary>The Law on Juvenile Justice 59/2024 protects victims under 18.</summary>
    [Range(1, 18)] public int JuvenileVictimAgeLimitYears { get; set; } = 18;

    /// <summary>Temporary separation lasts at most 15 days unless extended (ND56 Art. 28).</summary>
    [Range(1, 90)] public int MaxSeparationDays { get; set; } = 15;

    /// <summary>Child-friendly interviews: at most 2 sessions a day (Law on Juvenile Justice 59/2024).</summary>
    [Range(1, 10)] public int MaxInterviewSessionsPerDay { get; set; } = 2;

    /// <summary>... of at most 2 hours each.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "08:00:00")] public TimeSpan MaxInterviewSessionLength { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A guardian is present at the examination of a child under 13.</summary>
    [Range(1, 18)] public int GuardianRequiredUnderAge { get; set; } = 13;

    /// <summary>
    /// The version of the pathway's rules (Handoffs/pathway.v{N}.json) new cases are decided under; a case keeps the version
    /// recorded on its report for its whole life. The service refuses to start when no definition of this version is loaded.
    /// </summary>
    [Range(1, 1000)] public int PathwayVersion { get; set; } = 2;

    /// <summary>The signs of a crime that call in the police; empty or absent: <see cref="Cases.CrimeSigns.Default"/>.</summary>
    public CrimeSign[]? CrimeSigns { get; set; }

    public IReadOnlyList<CrimeSign> CrimeSignsInForce => CrimeSigns is { Length: > 0 } signs ? signs : Cases.CrimeSigns.Default;

    /// <summary>
    /// The overall risk levels at which the initial assessment calls for a support plan (and so starts the 5-working-day
    /// plan clock); empty or absent: Medium and High. Low risk without emergency measures calls for none.
    /// </summary>
    public RiskLevel[]? PlanAtRiskLevels { get; set; }

    /// <summary>Emergency measures call for a plan whatever the risk level.</summary>
    public bool PlanOnEmergencyMeasures { get; set; } = true;

    public IReadOnlyList<RiskLevel> PlanAtRiskLevelsInForce => PlanAtRiskLevels is { Length: > 0 } levels ? levels : [RiskLevel.Medium, RiskLevel.High];

    /// <summary>Whether an assessment at <paramref name="overall"/> risk, with or without emergency measures, calls for a plan.</summary>
    public bool PlanCalledFor(RiskLevel overall, bool emergencyMeasures) =>
        PlanAtRiskLevelsInForce.Contains(overall) || (emergencyMeasures && PlanOnEmergencyMeasures);

    /// <summary>
    /// After a transfer, the police's criminal-procedure work (crime report, child-friendly interview, the investigation
    /// agency's decision) goes to the police of the commune and province the case moved to, like every other hand-off.
    /// False keeps it with the police where the crime happened (the Criminal Procedure Code 2015, Art. 163, gives the
    /// investigation to the place of the crime); which a province follows is unconfirmed, so it is configuration. Recorded
    /// on each <see cref="CaseTransferred"/>, so a later change never moves work a past transfer left.
    /// </summary>
    public bool CriminalWorkFollowsTransfer { get; set; } = true;

    /// <summary>How far a step's time may run ahead of the server clock before it counts as "in the future".</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan ClockSkewTolerance { get; set; } = TimeSpan.FromMinutes(2);
}
