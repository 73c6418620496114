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
