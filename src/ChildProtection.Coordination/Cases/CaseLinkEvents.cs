namespace ChildProtection.Coordination.Cases;

// Links between cases (issue 17): each report keeps its own stream and history; a link is an event on both streams, and an
// unlink another event on both, so the history shows who linked and unlinked, when and why, and the state after an unlink is
// the state before the link.

/// <summary>How two cases are linked.</summary>
public enum CaseLinkKind
{
    /// <summary>Both reports are about the same child: one child, one history for reading (interview limits count the child once).</summary>
    SameChild,
    /// <summary>Both reports are about the same incident.</summary>
    SameIncident,
    /// <summary>The same person is suspected in both (one abuser, several children of a family or a class).</summary>
    SameSuspectedPerpetrator,
}

/// <summary>Two cases linked; recorded on both streams with the same <paramref name="LinkId"/>.</summary>
/// <param name="Initiated">True on the case the link was asked on; false on the other case's copy.</param>
/// <param name="Score">The match score when the link confirms a possible duplicate; null otherwise.</param>
public sealed record CaseLinked(Guid CaseId, Guid LinkId, Guid OtherCaseId, CaseLinkKind Kind, DateTimeOffset LinkedAt, string Reason,
    bool Initiated = true, double? Score = null);

/// <summary>A link undone; recorded on both streams.</summary>
public sealed record CaseUnlinked(Guid CaseId, Guid LinkId, Guid OtherCaseId, DateTimeOffset UnlinkedAt, string Reason, bool Initiated = true);

/// <summary>A possible duplicate judged to be another child: it is not offered again for this pair. Recorded on both streams.</summary>
public sealed record DuplicateRejected(Guid CaseId, Guid OtherCaseId, DateTimeOffset RejectedAt, string Reason, bool Initiated = true);

/// <summary>
/// Two open cases of the same child merged into one lead case (issue 17): the merged case's open work goes on on the lead
/// case. Recorded on both streams with the id of the same-child link it rests on; the merged case takes no further step
/// until it is unmerged, and both histories stay as they were.
/// </summary>
/// <param name="Handoffs">The merged case's open hand-offs, as they stood, now the lead case's work (same ids, same clocks).</param>
/// <param name="Work">The merged case's other open work (steps not yet taken), shown on the lead case beside its own.</param>
/// <param name="Services">The services of the merged case's approved plan whose hand-offs move (grown December 2026; null before):
/// the lead case names them beside its own plan, so their progress is recorded and their hand-offs fulfilled there.</param>
public sealed record CaseMerged(Guid CaseId, Guid LinkId, Guid MergedCaseId, Guid LeadCaseId, DateTimeOffset MergedAt, string Reason,
    MovedHandoff[] Handoffs, MovedWork[] Work, bool Initiated = true, MovedService[]? Services = null);

/// <summary>
/// A service of the merged case's plan as it moves with its hand-off: what, by which kind of agency, by when — not its
/// description, which is sealed with the merged case's key (and stays on that case's plan).
/// </summary>
public sealed record MovedService(Guid ServiceId, ServiceKind Kind, Agencies.AgencyKind Provider, DateOnly DueDate);

/// <summary>
/// A merge undone (on its own, or by unlinking the pair): the moved hand-offs still open on the lead case go back to the
/// merged case as they now stand, and the merged case takes steps again. Recorded on both streams.
/// </summary>
/// <param name="Handoffs">The moved hand-offs still open on the lead case, as they stand now; work done on the lead case stays done there.</param>
public sealed record CaseUnmerged(Guid CaseId, Guid LinkId, Guid MergedCaseId, Guid LeadCaseId, DateTimeOffset UnmergedAt, string Reason,
    MovedHandoff[] Handoffs, bool Initiated = true);

/// <summary>A hand-off as it moves between merged cases: all the work and its clock, nothing of the child.</summary>
public sealed record MovedHandoff(Guid HandoffId, string FromAgency, string ToAgency, Agencies.AgencyKind ToKind, HandoffTask Task,
    Case.HandoffStatus Status, DateTimeOffset DueAt, Guid? ServiceId, string? Commune, string[] DeclinedBy, bool ClockRunning, bool ClockStopped,
    DateTimeOffset? PausedAt, bool Breached, Guid? EscalatesHandoffId, DateTimeOffset? RequestedAt = null, string? RuleId = null)
{
    // No description: a hand-off's description is sealed with its own case's key (and may quote sealed values of that case),
    // so it stays on the merged case's history and in the addressee's inbox, never copied under the lead case's key.
    public static MovedHandoff From(Case.Handoff h, DateTimeOffset? requestedAt = null, string? ruleId = null) =>
        new(h.HandoffId, h.FromAgency, h.ToAgency, h.ToKind, h.Task, h.Status, h.DueAt, h.ServiceId, h.Commune, h.DeclinedBy, h.ClockRunning,
            h.ClockStopped, h.PausedAt, h.Breached, h.EscalatesHandoffId, requestedAt, ruleId);

    public Case.Handoff ToHandoff() =>
        new(HandoffId, FromAgency, ToAgency, ToKind, Task, Status, DueAt, ServiceId, Commune, DeclinedBy, ClockRunning, ClockStopped, PausedAt,
            Breached, EscalatesHandoffId);
}

/// <summary>A step of the merged case still waiting on somebody (its open work), as the lead case shows it.</summary>
public sealed record MovedWork(string Kind, Guid? Id, string Description, DateTimeOffset Since, DateTimeOffset? DueAt);
