namespace ChildProtection.Coordination.Cases;

/// <summary>What the decisions need of a transfer and of the special circumstances.</summary>
public sealed partial class Case
{
    /// <summary>The commune the case was last transferred to; null while it stays where it happened.</summary>
    public string? TransferredTo { get; set; }

    /// <summary>The commune that owns the case: where it happened until a transfer moved it with the child.</summary>
    public string OwningCommune => TransferredTo ?? IncidentCommune;

    /// <summary>The groups of Law on Children Art. 10 the child is in now, with the date each was established.</summary>
    public List<CurrentCircumstance> SpecialCircumstances { get; set; } = [];

    /// <param name="SealedGroup">A health-related group as stored, sealed (<c>Group</c> then reads <see cref="SpecialCircumstanceGroup.SealedHealthGroup"/>).</param>
    public sealed record CurrentCircumstance(SpecialCircumstanceGroup Group, DateOnly EstablishedOn, string? SealedGroup = null);

    /// <summary>The group as the decision asks for it, among <paramref name="opened"/> (the step pipeline opens the sealed ones) or as stored.</summary>
    public CurrentCircumstance? FindCircumstance(SpecialCircumstanceGroup group, IReadOnlyList<CurrentCircumstance>? opened = null) =>
        (opened ?? SpecialCircumstances).FirstOrDefault(c => c.Group == group);

    public void Apply(CaseTransferred e)
    {
        TransferredTo = e.ToCommune;
        // The child moved: the services of the plan are given where the child now lives.
        ChildCommune = e.ToCommune;
    }

    public void Apply(SpecialCircumstanceEstablished e) => SpecialCircumstances.Add(new CurrentCircumstance(e.Group, e.EstablishedOn, e.SealedGroup));

    public void Apply(SpecialCircumstanceEnded e) => SpecialCircumstances.RemoveAll(c => c.Group == e.Group && c.SealedGroup == e.SealedGroup);
}
