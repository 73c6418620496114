using ChildProtection.Coordination.Cases;
using Marten.Events.Projections;
namespace ChildProtection.Coordination.Handoffs.Inbox;

/// <summary>One open piece of work in an agency's inbox.</summary>
public sealed class InboxItem
{
    public Guid Id { get; set; }
    /// <summary>The case the work is done on: the lead case while the case it was requested on is merged into it.</summary>
    public Guid CaseId { get; set; }
    /// <summary>The case the work was requested on, whose key seals its description (empty on items stored before merges existed).</summary>
    public Guid RequestedOnCaseId { get; set; }
    public string ToAgency { get; set; } = "";
    public string FromAgency { get; set; } = "";
    public HandoffTask Task { get; set; }
    public string Description { get; set; } = "";
    public string LegalBasis { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public bool Accepted { get; set; }
    public bool Breached { get; set; }
    public bool ClockRunning { get; set; } = true;
}

/// <summary>
/// Agencies' inboxes, built asynchronously from the hand-off events of every case: an item appears
/// when work is handed to an agency and leaves when it is done, declined or cancelled; a merge moves it to the lead case.
/// </summary>
public partial class AgencyInboxProjection : MultiStreamProjection<InboxItem, Guid>
{
    public AgencyInboxProjection()
    {
        Name = "AgencyInbox";
        Identity<IHandoffEvent>(e => e.HandoffId);
        // A merge moves open work to the lead case and an unmerge back: the item follows the work (recorded on both streams, alike).
        Identities<CaseMerged>(e => e.Handoffs.Select(h => h.HandoffId).ToArray());
        Identities<CaseUnmerged>(e => e.Handoffs.Select(h => h.HandoffId).ToArray());
    }

    public static InboxItem Create(HandoffRequested e) => new()
    {
        Id = e.HandoffId, CaseId = e.CaseId, RequestedOnCaseId = e.CaseId, ToAgency = e.ToAgency, FromAgency = e.FromAgency, Task = e.Task,
        Description = e.Description, LegalBasis = e.LegalBasis, RequestedAt = e.RequestedAt, DueAt = e.DueAt,
    };

    public void Apply(HandoffAccepted e, InboxItem item) => item.Accepted = true;
    public void Apply(CaseMerged e, InboxItem item) => item.CaseId = e.LeadCaseId;
    public void Apply(CaseUnmerged e, InboxItem item) => item.CaseId = e.MergedCaseId;
    public void Apply(HandoffRerouted e, InboxItem item) => item.ToAgency = e.ToAgency;
    public void Apply(ClockBreached e, InboxItem item) => item.Breached = true;
    public void Apply(ClockPaused e, InboxItem item) => item.ClockRunning = false;
    public void Apply(ClockStopped e, InboxItem item) => item.ClockRunning = false;

    public void Apply(ClockResumed e, InboxItem item)
    {
        item.ClockRunning = true;
        item.DueAt = e.NewDueAt;
    }

    public bool ShouldDelete(HandoffCompleted e) => true;
    public bool ShouldDelete(HandoffDeclined e) => true;
    public bool ShouldDelete(HandoffCancelled e) => true;
}
