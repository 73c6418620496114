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

    /// <summary>How far a step's time may run ahead of the server clock before it counts as "in the future".</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan ClockSkewTolerance { get; set; } = TimeSpan.FromMinutes(2);
}
