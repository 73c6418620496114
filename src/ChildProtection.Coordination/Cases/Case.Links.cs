namespace ChildProtection.Coordination.Cases;

/// <summary>A link of this case to another, as the decisions need it.</summary>
public sealed record CaseLink(Guid LinkId, Guid OtherCaseId, CaseLinkKind Kind, DateTimeOffset LinkedAt);

public sealed partial class Case
{
    public List<CaseLink> Links { get; set; } = [];
    /// <summary>Cases judged not to be this child (rejected possible duplicates).</summary>
    public List<Guid> RejectedDuplicates { get; set; } = [];

    public void Apply(CaseLinked e) => Links.Add(new CaseLink(e.LinkId, e.OtherCaseId, e.Kind, e.LinkedAt));

    public void Apply(CaseUnlinked e) => Links.RemoveAll(l => l.LinkId == e.LinkId);

    public void Apply(DuplicateRejected e)
    {
        if (!RejectedDuplicates.Contains(e.OtherCaseId)) RejectedDuplicates.Add(e.OtherCaseId);
    }
}
