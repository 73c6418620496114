namespace ChildProtection.Coordination.Cases;

/// <summary>A link of this case to another, as the decisions need it.</summary>
public sealed record CaseLink(Guid LinkId, Guid OtherCaseId, CaseLinkKind Kind, DateTimeOffset LinkedAt);

/// <summary>A service of a merged case's plan that this (lead) case carries while the merge stands.</summary>
public sealed record MergedService(Guid LinkId, MovedService Service);

/// <summary>A merge this case takes part in: the same-child link it rests on, the other case, and when.</summary>
public sealed record CaseMerge(Guid LinkId, Guid OtherCaseId, DateTimeOffset MergedAt);

public sealed partial class Case
{
    public List<CaseLink> Links { get; set; } = [];
    /// <summary>Cases judged not to be this child (rejected possible duplicates).</summary>
    public List<Guid> RejectedDuplicates { get; set; } = [];

    /// <summary>The lead case this case was merged into: it takes no step until it is unmerged.</summary>
    public CaseMerge? MergedInto { get; set; }

    /// <summary>The cases merged into this one, whose open work it now carries.</summary>
    public List<CaseMerge> MergedCases { get; set; } = [];

    /// <summary>The services of the merged cases' plans whose hand-offs this case carries (<see cref="CaseMerged.Services"/>).</summary>
    public List<MergedService> MergedServices { get; set; } = [];

    /// <summary>A service of this case: of its own plan, or moved here with a merged case's hand-off.</summary>
    public (ServiceKind Kind, bool Moved)? ServiceOf(Guid serviceId) =>
        PlanServices.FirstOrDefault(s => s.ServiceId == serviceId) is { } own ? (own.Kind, false)
        : MergedServices.Find(m => m.Service.ServiceId == serviceId) is { } moved ? (moved.Service.Kind, true)
        : null;

    public bool IsMerged => MergedInto is not null;

    public void Apply(CaseLinked e) => Links.Add(new CaseLink(e.LinkId, e.OtherCaseId, e.Kind, e.LinkedAt));

    public void Apply(CaseUnlinked e) => Links.RemoveAll(l => l.LinkId == e.LinkId);

    public void Apply(DuplicateRejected e)
    {
        if (!RejectedDuplicates.Contains(e.OtherCaseId)) RejectedDuplicates.Add(e.OtherCaseId);
    }

    public void Apply(CaseMerged e)
    {
        if (e.CaseId == e.MergedCaseId)
        {
            MergedInto = new CaseMerge(e.LinkId, e.LeadCaseId, e.MergedAt);
            foreach (var moved in e.Handoffs) ReplaceHandoff(moved.HandoffId, h => h with { MovedToCaseId = e.LeadCaseId });
        }
        else
        {
            MergedCases.Add(new CaseMerge(e.LinkId, e.MergedCaseId, e.MergedAt));
            Handoffs.AddRange(e.Handoffs.Select(h => h.ToHandoff()));
            MergedServices.AddRange((e.Services ?? []).Select(x => new MergedService(e.LinkId, x)));
        }
    }

    public void Apply(CaseUnmerged e)
    {
        var returned = e.Handoffs.ToDictionary(h => h.HandoffId);
        if (e.CaseId == e.MergedCaseId)
        {
            MergedInto = null;
            // The work comes back as it now stands; work done on the lead case stays there, and the moved copy here stays set aside.
            for (var i = 0; i < Handoffs.Count; i++)
                if (returned.TryGetValue(Handoffs[i].HandoffId, out var back)) Handoffs[i] = back.ToHandoff();
        }
        else
        {
            MergedCases.RemoveAll(m => m.LinkId == e.LinkId);
            Handoffs.RemoveAll(h => returned.ContainsKey(h.HandoffId));
            MergedServices.RemoveAll(m => m.LinkId == e.LinkId);
        }
    }
}
