namespace ChildProtection.Coordination.Cases;

/// <summary>What the decisions need of a transfer and of the special circumstances.</summary>
public sealed partial class Case
{
    /// <summary>The commune the case was last transferred to; null while it stays where it happened.</summary>
    public string? TransferredTo { get; set; }

    /// <summary>The commune that owns the case: where it happened until a transfer moved it with the child.</summary>
    public string OwningCommune => TransferredTo ?? IncidentCommune;

    /// <summary>The commune the police's criminal work was last moved to by a transfer; null while it stays where the incident happened.</summary>
    public string? CriminalWorkMovedTo { get; set; }

    /// <summary>The commune whose police (and whose province's investigation agency) take the case's criminal-procedure work.</summary>
    public string CriminalWorkCommune => CriminalWorkMovedTo ?? IncidentCommune;

    /// <summary>The groups of Law on Children Art. 10 the child is in now, with the date each was established.</summary>
    public List<CurrentCircumstance> SpecialCircumstances { get; set; } = [];

    public sealed record CurrentCircumstance(SpecialCircumstanceGroup Group, DateOnly EstablishedOn);

    public CurrentCircumstance? FindCircumstance(SpecialCircumstanceGroup group) => SpecialCircumstances.Find(c => c.Group == group);

    public void Apply(CaseTransferred e)
    {
        TransferredTo = e.ToCommune;
        if (e.CriminalWorkMoves == true) CriminalWorkMovedTo = e.ToCommune;
        // The child moved: the services of the plan are given where the child now lives.
        ChildCommune = e.ToCommune;
    }

    public void Apply(SpecialCircumstanceEstablished e) => SpecialCircumstances.Add(new CurrentCircumstance(e.Group, e.EstablishedOn));

    public void Apply(SpecialCircumstanceEnded e) => SpecialCircumstances.RemoveAll(c => c.Group == e.Group);
}
