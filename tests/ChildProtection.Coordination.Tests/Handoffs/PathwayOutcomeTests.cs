using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Tests.Support;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>What the pathway records for an event, as pure functions given the directory's answers.</summary>
public sealed class PathwayOutcomeTests
{
    private static readonly Guid HandoffId = Guid.NewGuid();
    private static readonly Guid EventId = Guid.NewGuid();
    private static readonly PathwayDefinition Definition = PathwayDefinition.Load();

    private static HandoffRequested Requested(string to = "ubnd-a") =>
        new(Given.CaseId, HandoffId, "hotline-111", to, AgencyKind.CommunePeoplesCommittee, HandoffTask.VerifyAndAssess, "verify", "ND56",
            Given.Now.AddHours(-6), Given.Now.AddHours(6), Commune: "commune-a");

    private static HandoffDeclined Declined() => new(Given.CaseId, HandoffId, "ubnd-a", Given.Now, "no capacity");

    [Fact]
    public void a_closure_cancels_all_open_work_and_requests_nothing_more()
    {
        var current = Given.Case([Given.Reported(), Requested()]);
        var closed = new CaseClosed(Given.CaseId, Given.Now, "safe");

        PathwayOutcomes.Settle(current, EventId, "case_closed", closed, Given.Now).ShouldHaveSingleItem()
            .ShouldBeOfType<HandoffCancelled>().HandoffId.ShouldBe(HandoffId);
        PathwayOutcomes.Pending(current, Definition, PathwayOutcomes.Facts(current, AgencyKind.Hotline), EventId, closed, Given.Now).ShouldBeEmpty();
    }

    [Fact]
    public void a_report_already_handed_on_under_its_derived_id_is_not_requested_twice()
    {
        var report = Given.Reported();
        var fresh = Given.Case([report]);
        var (request, handoffId) = PathwayOutcomes.Pending(fresh, Definition, PathwayOutcomes.Facts(fresh, AgencyKind.Hotline), EventId, report, Given.Now).ShouldHaveSingleItem();

        var requested = PathwayOutcomes.Routed(fresh, request, handoffId, "hotline-111", "ubnd-a", Given.Now).ShouldBeOfType<HandoffRequested>();
        var handedOn = Given.Case([report, requested]);
        PathwayOutcomes.Pending(handedOn, Definition, PathwayOutcomes.Facts(handedOn, AgencyKind.Hotline), EventId, report, Given.Now).ShouldBeEmpty();
    }

    [Fact]
    public void a_report_the_pathway_decided_in_its_own_transaction_is_not_decided_again_by_the_subscription()
    {
        PathwaySubscription.DecidesOn(Given.Reported() with { PathwayDecided = true }).ShouldBeFalse();
        // Reports recorded before, or while the report's own decision was off or failed, the subscription decides.
        PathwaySubscription.DecidesOn(Given.Reported()).ShouldBeTrue();
        PathwaySubscription.DecidesOn(new CaseClosed(Given.CaseId, Given.Now, "safe")).ShouldBeTrue();
        PathwaySubscription.DecidesOn(Requested()).ShouldBeFalse();
    }

    [Fact]
    public void work_no_agency_serves_is_recorded_as_unroutable()
    {
        var report = Given.Reported();
        var current = Given.Case([report]);
        var (request, handoffId) = PathwayOutcomes.Pending(current, Definition, PathwayOutcomes.Facts(current, AgencyKind.Hotline), EventId, report, Given.Now).Single();

        PathwayOutcomes.Routed(current, request, handoffId, "hotline-111", to: null, Given.Now).ShouldBeOfType<HandoffUnroutable>().RuleId.ShouldBe("report-to-commune");
    }

    [Fact]
    public void declined_work_goes_to_the_next_agency_else_to_the_supervisor_else_nowhere()
    {
        var current = Given.Case([Given.Reported(), Requested(), Declined()]);
        var plan = PathwayOutcomes.PlanSendOn(current, EventId, Declined()).ShouldNotBeNull();
        plan.Commune.ShouldBe("commune-a");

        var sent = PathwayOutcomes.SendOn(current, plan, Declined(), "ubnd-b", null, 1, Given.Now).ShouldBeOfType<HandoffRequested>();
        (sent.ToAgency, sent.RuleId, sent.ReplacesHandoffId).ShouldBe(("ubnd-b", "send-on", HandoffId));

        var escalated = PathwayOutcomes.SendOn(current, plan, Declined(), null, ("syt", AgencyKind.ProvincialHealthDepartment), 1, Given.Now)
            .ShouldBeOfType<HandoffRequested>();
        (escalated.ToAgency, escalated.Task).ShouldBe(("syt", HandoffTask.Escalation));

        PathwayOutcomes.SendOn(current, plan, Declined(), null, null, 1, Given.Now).ShouldBeOfType<HandoffUnroutable>();
    }

    [Fact]
    public void a_decline_already_sent_on_or_on_a_closed_case_plans_nothing()
    {
        var current = Given.Case([Given.Reported(), Requested(), Declined()]);
        var plan = PathwayOutcomes.PlanSendOn(current, EventId, Declined())!;
        var sentOn = Given.Case([Given.Reported(), Requested(), Declined(), PathwayOutcomes.SendOn(current, plan, Declined(), "ubnd-b", null, 1, Given.Now)]);
        PathwayOutcomes.PlanSendOn(sentOn, EventId, Declined()).ShouldBeNull();

        var closed = Given.Case([Given.Reported(), Requested(), Declined(), new CaseClosed(Given.CaseId, Given.Now, "safe")]);
        PathwayOutcomes.PlanSendOn(closed, EventId, Declined()).ShouldBeNull();
    }
}
