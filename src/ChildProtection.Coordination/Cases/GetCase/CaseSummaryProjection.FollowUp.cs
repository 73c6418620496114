namespace ChildProtection.Coordination.Cases.GetCase;

/// <summary>The case's life after the report: returned plans, planning meetings, service progress, separation warnings, closure without a plan.</summary>
public partial class CaseSummaryProjection
{
    public void Apply(SupportPlanReturned e, CaseSummary s)
    {
        if (s.Plan is { } plan) s.Plan = plan with { Status = PlanStatus.Returned };
        s.PlanReturns.Add(new PlanReturnSummary(e.PlanId, e.ReturnedAt, e.Reasons));
        Close(s, "plan-approval", e.PlanId);
        s.OpenWork.Add(new OpenWork("support-plan", null, "Revise the returned plan and draft it again (Form 04)", e.ReturnedAt, Due(s, "plan-approved")));
        Touch(s, e.ReturnedAt);
    }

    public void Apply(PlanningMeetingHeld e, CaseSummary s)
    {
        s.PlanningMeetings.Add(e);
        Touch(s, e.HeldAt);
    }

    public void Apply(ServiceProgressRecorded e, CaseSummary s)
    {
        s.ServiceProgress.Add(new ServiceProgressSummary(e.ServiceId, e.NoteId, e.At, e.Kind, e.Agency, e.Summary));
        Touch(s, e.At);
    }

    public void Apply(SeparationEndingSoon e, CaseSummary s) =>
        s.OpenWork.Add(new OpenWork("separation-ending", e.OrderId, "The temporary separation ends soon: end or extend it (Form 07)", e.WarnedAt, e.EndsAt));

    /// <summary>A closed case's clocks stop: an unmet one shows when it stopped, and a closure without a plan shows why.</summary>
    private static void StopClocks(CaseSummary s, CaseClosed e)
    {
        for (var i = 0; i < s.Clocks.Count; i++)
            if (s.Clocks[i] is { MetAt: null, StoppedAt: null } open) s.Clocks[i] = open with { StoppedAt = e.ClosedAt };
        s.NextReviewDueAt = null;
        if (e.ReasonCode is { } code) s.Closure = new ClosureSummary(code, e.Reason, e.ClosedAt, e.DuplicateOfCaseId, e.ReferredTo);
    }
}
