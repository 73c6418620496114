namespace ChildProtection.Coordination.Cases.GetCase;

public enum HandoffState { Requested, Accepted, Declined, Completed, Cancelled }

/// <summary>Work handed between agencies on this case, open or done, with its clock.</summary>
public sealed record HandoffSummary(Guid HandoffId, HandoffTask Task, string FromAgency, string ToAgency, HandoffState State,
    DateTimeOffset RequestedAt, DateTimeOffset DueAt, bool Breached = false, bool ClockRunning = true, string? RuleId = null,
    string? Description = null, Guid? ServiceId = null);

public partial class CaseSummaryProjection
{
    public void Apply(HandoffRequested e, CaseSummary s)
    {
        s.Handoffs.Add(new HandoffSummary(e.HandoffId, e.Task, e.FromAgency, e.ToAgency, HandoffState.Requested, e.RequestedAt, e.DueAt,
            RuleId: e.RuleId, Description: e.Description, ServiceId: e.ServiceId));
        if (e.Task == HandoffTask.ReviewCase) s.NextReviewDueAt = e.DueAt;
        // A case decided under pathway version 1 is handed the plan whatever its risk: its summary shows the clock the hand-off runs.
        if (e.Task == HandoffTask.DraftPlan && !s.Clocks.Any(c => c.Name == LegalClocks.PlanDrafted.Id))
        {
            StartPlanClock(s, LegalClocks.PlanDrafted);
            if (s.Plan is { } plan) s.Clocks[^1] = s.Clocks[^1] with { MetAt = plan.DraftedAt };
        }
    }

    public void Apply(HandoffAccepted e, CaseSummary s) => Change(s, e.HandoffId, h => h with { State = HandoffState.Accepted });
    public void Apply(HandoffDeclined e, CaseSummary s) => Change(s, e.HandoffId, h => h with { State = HandoffState.Declined });
    public void Apply(HandoffCompleted e, CaseSummary s) => Change(s, e.HandoffId, h => h with { State = HandoffState.Completed });
    public void Apply(HandoffCancelled e, CaseSummary s) => Change(s, e.HandoffId, h => h with { State = HandoffState.Cancelled });
    public void Apply(HandoffRerouted e, CaseSummary s) => Change(s, e.HandoffId, h => h with { ToAgency = e.ToAgency });
    public void Apply(ClockPaused e, CaseSummary s) => Change(s, e.HandoffId, h => h with { ClockRunning = false });
    public void Apply(ClockStopped e, CaseSummary s) => Change(s, e.HandoffId, h => h with { ClockRunning = false });
    public void Apply(ClockResumed e, CaseSummary s) => Change(s, e.HandoffId, h => h with { ClockRunning = true, DueAt = e.NewDueAt });

    public void Apply(ClockBreached e, CaseSummary s)
    {
        s.ClockBreaches++;
        Change(s, e.HandoffId, h => h with { Breached = true });
    }

    private static void Change(CaseSummary s, Guid handoffId, Func<HandoffSummary, HandoffSummary> change)
    {
        var i = s.Handoffs.FindIndex(h => h.HandoffId == handoffId);
        if (i >= 0) s.Handoffs[i] = change(s.Handoffs[i]);
    }
}
