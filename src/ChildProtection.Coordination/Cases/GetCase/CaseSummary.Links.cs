namespace ChildProtection.Coordination.Cases.GetCase;

/// <summary>A link to another case: which, how, since when, why, and who asked (the history has the rest).</summary>
public sealed record CaseLinkSummary(Guid LinkId, Guid OtherCaseId, CaseLinkKind Kind, DateTimeOffset LinkedAt, string Reason, double? Score);

/// <summary>A merge: the same-child link it rests on, the other case, when, and the merged case's open work (steps not yet taken) it moved.</summary>
/// <param name="Services">On the lead case: the merged case's plan services whose hand-offs it now carries (kind, provider, due date).</param>
public sealed record MergeSummary(Guid LinkId, Guid CaseId, DateTimeOffset MergedAt, List<OpenWork> OpenWork, MovedService[]? Services = null);

public sealed partial class CaseSummary
{
    /// <summary>Links to other cases in force (same child, same incident, same suspected perpetrator).</summary>
    public List<CaseLinkSummary> Links { get; set; } = [];

    /// <summary>Cases judged not to be this child: never offered again as possible duplicates.</summary>
    public List<Guid> RejectedDuplicates { get; set; } = [];

    /// <summary>The lead case this one was merged into (its open work went there); null when not merged.</summary>
    public MergeSummary? MergedInto { get; set; }

    /// <summary>The cases merged into this one, each with the open work it brought.</summary>
    public List<MergeSummary> MergedCases { get; set; } = [];
}

public partial class CaseSummaryProjection
{
    public void Apply(CaseLinked e, CaseSummary s) => s.Links.Add(new CaseLinkSummary(e.LinkId, e.OtherCaseId, e.Kind, e.LinkedAt, e.Reason, e.Score));

    public void Apply(CaseUnlinked e, CaseSummary s) => s.Links.RemoveAll(l => l.LinkId == e.LinkId);

    public void Apply(DuplicateRejected e, CaseSummary s)
    {
        if (!s.RejectedDuplicates.Contains(e.OtherCaseId)) s.RejectedDuplicates.Add(e.OtherCaseId);
    }

    public void Apply(CaseMerged e, CaseSummary s)
    {
        if (e.CaseId == e.MergedCaseId)
        {
            // The open work is set aside, not dropped: an unmerge puts it back as it was.
            s.MergedInto = new MergeSummary(e.LinkId, e.LeadCaseId, e.MergedAt, [.. s.OpenWork]);
            s.OpenWork.Clear();
            foreach (var moved in e.Handoffs) Change(s, moved.HandoffId, h => h with { MovedToCaseId = e.LeadCaseId });
            return;
        }
        s.MergedCases.Add(new MergeSummary(e.LinkId, e.MergedCaseId, e.MergedAt,
            [.. e.Work.Select(w => new OpenWork(w.Kind, w.Id, w.Description, w.Since, w.DueAt))], e.Services is { Length: > 0 } services ? services : null));
        s.Handoffs.AddRange(e.Handoffs.Select(h => new HandoffSummary(h.HandoffId, h.Task, h.FromAgency, h.ToAgency, StateOf(h.Status),
            h.RequestedAt ?? e.MergedAt, h.DueAt, h.Breached, h.ClockRunning, h.RuleId, ServiceId: h.ServiceId)));
    }

    public void Apply(CaseUnmerged e, CaseSummary s)
    {
        var returned = e.Handoffs.ToDictionary(h => h.HandoffId);
        if (e.CaseId == e.MergedCaseId)
        {
            if (s.MergedInto is { } merge) s.OpenWork.InsertRange(0, merge.OpenWork);
            s.MergedInto = null;
            foreach (var back in e.Handoffs)
                Change(s, back.HandoffId, h => h with
                {
                    ToAgency = back.ToAgency, State = StateOf(back.Status), DueAt = back.DueAt, Breached = back.Breached,
                    ClockRunning = back.ClockRunning, MovedToCaseId = null,
                });
            return;
        }
        s.MergedCases.RemoveAll(m => m.LinkId == e.LinkId);
        s.Handoffs.RemoveAll(h => returned.ContainsKey(h.HandoffId));
    }

    private static HandoffState StateOf(Case.HandoffStatus status) => Enum.Parse<HandoffState>(status.ToString());
}
