namespace ChildProtection.Coordination.Cases.GetCase;

/// <summary>A link to another case: which, how, since when, why, and who asked (the history has the rest).</summary>
public sealed record CaseLinkSummary(Guid LinkId, Guid OtherCaseId, CaseLinkKind Kind, DateTimeOffset LinkedAt, string Reason, double? Score);

public sealed partial class CaseSummary
{
    /// <summary>Links to other cases in force (same child, same incident, same suspected perpetrator).</summary>
    public List<CaseLinkSummary> Links { get; set; } = [];

    /// <summary>Cases judged not to be this child: never offered again as possible duplicates.</summary>
    public List<Guid> RejectedDuplicates { get; set; } = [];
}

public partial class CaseSummaryProjection
{
    public void Apply(CaseLinked e, CaseSummary s) => s.Links.Add(new CaseLinkSummary(e.LinkId, e.OtherCaseId, e.Kind, e.LinkedAt, e.Reason, e.Score));

    public void Apply(CaseUnlinked e, CaseSummary s) => s.Links.RemoveAll(l => l.LinkId == e.LinkId);

    public void Apply(DuplicateRejected e, CaseSummary s)
    {
        if (!s.RejectedDuplicates.Contains(e.OtherCaseId)) s.RejectedDuplicates.Add(e.OtherCaseId);
    }
}
