using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>The hand-off decisions as pure functions: given the case's events, when an agency answers, then events or a problem.</summary>
public sealed class HandoffDecisionTests
{
    private static readonly Guid HandoffId = Guid.NewGuid();
    private static readonly DateTimeOffset Due = Given.Now.AddHours(6);

    private static HandoffRequested Requested(string from = "hotline-111", string to = "ubnd-a") =>
        new(Given.CaseId, HandoffId, from, to, AgencyKind.CommunePeoplesCommittee, HandoffTask.VerifyAndAssess, "verify", "ND56", Given.Now.AddHours(-6), Due);

    private static StepContext As(string agency, string role = Roles.CommuneOfficer) =>
        Given.Context(role) with { Actor = new Actor("u", "U", agency, role) };

    private static ChildProtection.Coordination.Cases.Case Case(params object[] more) => Given.Case([Given.Reported(), Requested(), .. more]);

    [Fact]
    public void the_addressed_agency_accepts_declines_or_completes_and_nobody_else_does()
    {
        RespondToHandoffEndpoints.DecideAccept(Case(), HandoffId, new AcceptHandoff(), As("ubnd-a")).ShouldAccept().Single().ShouldBeOfType<HandoffAccepted>();
        RespondToHandoffEndpoints.DecideAccept(Case(), HandoffId, new AcceptHandoff(), As("ubnd-b")).ShouldReject(403);
        RespondToHandoffEndpoints.DecideDecline(Case(), HandoffId, new DeclineHandoff("no capacity"), As("ubnd-b")).ShouldReject(403);
        RespondToHandoffEndpoints.DecideAccept(Case(), Guid.NewGuid(), new AcceptHandoff(), As("ubnd-a")).ShouldReject(404);
    }

    [Fact]
    public void accepted_work_can_no_longer_be_declined_and_declining_needs_a_reason()
    {
        var accepted = Case(new HandoffAccepted(Given.CaseId, HandoffId, "ubnd-a", Given.Now));
        RespondToHandoffEndpoints.DecideDecline(accepted, HandoffId, new DeclineHandoff("changed my mind"), As("ubnd-a")).ShouldReject(409, ProblemKinds.HandoffNotRequested);
        RespondToHandoffEndpoints.DecideAccept(accepted, HandoffId, new AcceptHandoff(), As("ubnd-a")).ShouldReject(409, ProblemKinds.HandoffNotRequested);
        RespondToHandoffEndpoints.DecideDecline(Case(), HandoffId, new DeclineHandoff(" "), As("ubnd-a")).ShouldReject(400, "reason");
    }

    [Fact]
    public void completing_by_hand_names_a_step_of_the_same_case()
    {
        var current = Case();
        RespondToHandoffEndpoints.DecideComplete(current, HandoffId, new CompleteHandoff(Guid.NewGuid()), null, As("ubnd-a")).ShouldReject(400, "fulfilledByEventId");
        var done = Case(new HandoffCompleted(Given.CaseId, HandoffId, Given.Now, Guid.NewGuid(), "report_verified"));
        RespondToHandoffEndpoints.DecideComplete(done, HandoffId, new CompleteHandoff(Guid.NewGuid()), null, As("ubnd-a")).ShouldReject(409, ProblemKinds.HandoffClosed);
    }

    [Fact]
    public void the_agency_that_handed_work_on_or_the_chair_withdraws_it()
    {
        RespondToHandoffEndpoints.DecideCancel(Case(), HandoffId, new CancelHandoff("reported twice"), As("hotline-111", Roles.HotlineOperator))
            .ShouldAccept().Single().ShouldBeOfType<HandoffCancelled>();
        RespondToHandoffEndpoints.DecideCancel(Case(), HandoffId, new CancelHandoff("duplicate"), As("ubnd-a", Roles.CommuneChair)).ShouldAccept();
        RespondToHandoffEndpoints.DecideCancel(Case(), HandoffId, new CancelHandoff("not mine"), As("ca-a", Roles.PoliceOfficer)).ShouldReject(403);
        var cancelled = Case(new HandoffCancelled(Given.CaseId, HandoffId, Given.Now, "duplicate"));
        RespondToHandoffEndpoints.DecideCancel(cancelled, HandoffId, new CancelHandoff("again"), As("hotline-111")).ShouldReject(409, ProblemKinds.HandoffClosed);
    }

    [Fact]
    public void a_referral_names_a_known_agency_other_than_the_callers_and_a_due_time_after_it()
    {
        var current = Given.Case(Given.Reported());
        var referral = new RequestHandoff("ca-a", HandoffTask.CrimeReport, "record it", Given.Now.AddHours(24));
        RequestHandoffEndpoint.Decide(current, referral, AgencyKind.CommunePolice, As("ubnd-a")).ShouldAccept().Single()
            .ShouldBeOfType<HandoffRequested>().ToKind.ShouldBe(AgencyKind.CommunePolice);
        RequestHandoffEndpoint.Decide(current, referral, null, As("ubnd-a")).ShouldReject(400, "toAgency");
        RequestHandoffEndpoint.Decide(current, referral, AgencyKind.CommunePolice, As("ca-a")).ShouldReject(400, "toAgency");
        RequestHandoffEndpoint.Decide(current, referral with { DueAt = Given.Now.AddHours(-1) }, AgencyKind.CommunePolice, As("ubnd-a")).ShouldReject(400, "dueAt");
    }

    [Fact]
    public void a_clock_pauses_once_resumes_with_the_paused_time_added_and_stops_for_good()
    {
        var paused = Case(new ClockPaused(Given.CaseId, HandoffId, Given.Now.AddHours(-2), "in hospital"));
        ManageClockEndpoint.Decide(Case(), HandoffId, new ManageClock(ClockAction.Pause, "in hospital"), As("ubnd-a", Roles.CommuneChair))
            .ShouldAccept().Single().ShouldBeOfType<ClockPaused>();
        ManageClockEndpoint.Decide(paused, HandoffId, new ManageClock(ClockAction.Pause, "again"), As("ubnd-a", Roles.CommuneChair)).ShouldReject(409, ProblemKinds.ClockAlreadyThere);
        ManageClockEndpoint.Decide(paused, HandoffId, new ManageClock(ClockAction.Resume, "home"), As("ubnd-a", Roles.CommuneChair))
            .ShouldAccept().Single().ShouldBeOfType<ClockResumed>().NewDueAt.ShouldBe(Due.AddHours(2));
        var stopped = Case(new ClockStopped(Given.CaseId, HandoffId, Given.Now, "court"));
        ManageClockEndpoint.Decide(stopped, HandoffId, new ManageClock(ClockAction.Resume, "oops"), As("ubnd-a", Roles.CommuneChair)).ShouldReject(409, ProblemKinds.ClockStopped);
        ManageClockEndpoint.Decide(Case(), HandoffId, new ManageClock(ClockAction.Stop, ""), As("ubnd-a", Roles.CommuneChair)).ShouldReject(400, "reason");
    }

    [Fact]
    public void a_due_clock_breaches_only_open_running_work_still_due_then()
    {
        var due = new HandoffClockDue(Given.CaseId, HandoffId, Due);
        var current = Case();
        HandoffClockHandler.Decide(current, current.FindHandoff(HandoffId)!, due).ShouldBeTrue();
        foreach (var later in new object[]
                 {
                     new HandoffCompleted(Given.CaseId, HandoffId, Given.Now, Guid.NewGuid(), "x"),
                     new ClockPaused(Given.CaseId, HandoffId, Given.Now, "p"),
                     new ClockStopped(Given.CaseId, HandoffId, Given.Now, "s"),
                     new ClockBreached(Given.CaseId, HandoffId, "ubnd-a", HandoffTask.VerifyAndAssess, Due, Due),
                     new ClockResumed(Given.CaseId, HandoffId, Given.Now, Due.AddHours(1)),
                 })
        {
            var changed = Case(later);
            HandoffClockHandler.Decide(changed, changed.FindHandoff(HandoffId)!, due).ShouldBeFalse(later.GetType().Name);
        }
    }

    [Fact]
    public void a_step_completes_the_work_it_fulfils_and_an_escalation_completes_with_the_work_it_escalated()
    {
        var escalationId = Guid.NewGuid();
        var current = Case(new HandoffRequested(Given.CaseId, escalationId, "system", "syt", AgencyKind.ProvincialHealthDepartment,
            HandoffTask.Escalation, "overdue", "breach", Given.Now, Given.Now.AddDays(1), EscalatesHandoffId: HandoffId));
        var assessed = new InitialRiskAssessed(Given.CaseId, Given.Now, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false, null);
        Fulfilment.Fulfils(assessed, current, current.FindHandoff(HandoffId)!).ShouldBeTrue();
        Fulfilment.Fulfils(assessed, current, current.FindHandoff(escalationId)!).ShouldBeTrue();
        Fulfilment.Fulfils(new ReportVerified(Given.CaseId, Given.Now, true, "x"), current, current.FindHandoff(HandoffId)!).ShouldBeFalse();
    }

    [Fact]
    public void a_manual_referral_may_hand_one_service_of_the_plan_but_not_one_the_plan_lacks()
    {
        var plan = History.PlanDrafted();
        var current = Given.Case([Given.Reported(), plan]);
        var referral = new RequestHandoff("ctxh-a", HandoffTask.ProvideService, "counselling", Given.Now.AddDays(3), ServiceId: plan.Services[0].ServiceId);

        RequestHandoffEndpoint.Decide(current, referral, AgencyKind.SocialWorkCentre, As("ubnd-a")).ShouldAcceptOne<HandoffRequested>()
            .ServiceId.ShouldBe(plan.Services[0].ServiceId);
        RequestHandoffEndpoint.Decide(current, referral with { ServiceId = Guid.NewGuid() }, AgencyKind.SocialWorkCentre, As("ubnd-a"))
            .ShouldReject(400, "serviceId");
    }
}
