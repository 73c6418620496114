namespace ChildProtection.Coordination.Cases.GetCase;

/// <summary>A group of Law on Children Art. 10 the child is (or was) in, from and to a date.</summary>
/// <param name="SealedGroup">A health-related group as stored, sealed; the answers show it opened in <c>group</c>.</param>
public sealed record SpecialCircumstancePeriod(SpecialCircumstanceGroup Group, DateOnly EstablishedOn, DateOnly? EndedOn = null, string? Basis = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? SealedGroup = null);

/// <summary>A move of the case from one commune to another.</summary>
public sealed record CaseTransferSummary(string FromCommune, string? FromProvince, string ToCommune, string? ToProvince, DateTimeOffset TransferredAt, string Reason);

/// <summary>The Form 01 facts, the special circumstances and where the case belongs now.</summary>
public sealed partial class CaseSummary
{
    /// <summary>Abused, at risk or in special circumstances (Form 01); null on reports recorded before it was asked.</summary>
    public CaseType? CaseType { get; set; }

    /// <summary>Where it happened: family, school, online, community, tourism, workplace.</summary>
    public HarmSetting? Setting { get; set; }

    /// <summary>The acts of sexual abuse reported (Law on Children Art. 4(8)).</summary>
    public SexualAbuseType[]? SexualAbuseTypes { get; set; }

    /// <summary>Parents or carers; their names and contacts are stored sealed and opened only for the answer.</summary>
    public Carer[]? Carers { get; set; }

    /// <summary>The groups of Law on Children Art. 10, current and ended.</summary>
    public List<SpecialCircumstancePeriod> SpecialCircumstances { get; set; } = [];

    /// <summary>
    /// The commune that owns the case: where it happened, until a transfer moves it with the child. Null on a summary
    /// stored before transfers existed, which is owned by <see cref="IncidentCommune"/>.
    /// </summary>
    public string? OwningCommune { get; set; }

    /// <summary>Every transfer, oldest first.</summary>
    public List<CaseTransferSummary> Transfers { get; set; } = [];

    /// <summary>The owning commune, whether or not the stored summary names it.</summary>
    public string Owner() => OwningCommune ?? IncidentCommune;
}
