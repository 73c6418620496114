using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using Alba;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Cases;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>Legal clocks as durable scheduled messages: a breach is an event and escalates to the supervising agency.</summary>
public sealed class ClockTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private async Task<(Guid CaseId, HandoffRequested Handoff)> ReferToCommunePolice(TimeSpan dueIn)
    {
        var caseId = await App.ReportByHotline();
        var referral = await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/handoffs",
            new RequestHandoff("ca-dong-hoi", HandoffTask.CrimeReport, "Record the crime report", DateTimeOffset.UtcNow.Add(dueIn), "Test referral"));
        var handoff = await App.Eventually<HandoffRequested>(caseId, h => h.HandoffId == referral.Id, "the referral");
        return (caseId, handoff);
    }

    [Fact]
    public async Task open_work_past_its_clock_is_a_breach_that_escalates_to_the_supervising_agency()
    {
        var (caseId, handoff) = await ReferToCommunePolice(TimeSpan.FromSeconds(2));

        var breach = await App.Eventually<ClockBreached>(caseId, b => b.HandoffId == handoff.HandoffId, "the breach");
        breach.DueAt.ShouldBe(handoff.DueAt);
        breach.BreachedAt.ShouldBeGreaterThanOrEqualTo(handoff.DueAt);
        var escalation = await App.Eventually<HandoffRequested>(caseId, h => h.EscalatesHandoffId == handoff.HandoffId, "the escalation");
        (escalation.ToAgency, escalation.Task).ShouldBe(("ca-quang-tri", HandoffTask.Escalation));

        var summary = await (await App.Client("auditor", "inspectorate").GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        summary.GetProperty("clockBreaches").GetInt32().ShouldBe(1);
        summary.GetProperty("handoffs").EnumerateArray().Single(h => h.GetProperty("handoffId").GetGuid() == handoff.HandoffId)
            .GetProperty("breached").GetBoolean().ShouldBeTrue();
        var entry = await App.InInbox("ca-dong-hoi", e => e.HandoffId == handoff.HandoffId && e.Breached, "the breach in the inbox", "police-officer");
        entry.Overdue.ShouldBeTrue();
        await App.InInbox("ca-quang-tri", e => e.HandoffId == escalation.HandoffId, "the escalation in the provincial police inbox", "police-officer");
    }

    [Fact]
    public async Task work_done_in_time_never_breaches()
    {
        // Long enough that a loaded machine still completes the work before the clock falls due; the test then waits
        // until past the due time, when the clock has fired and found the work done.
        var (caseId, handoff) = await ReferToCommunePolice(TimeSpan.FromSeconds(8));
        await App.Post("police-officer", "ca-dong-hoi", $"/api/cases/{caseId}/crime-report",
            new ChildProtection.Coordination.Cases.Reporting.RecordCrimeReport("TG-1", true));
        await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == handoff.HandoffId, "completed by the crime report");

        var pastDue = handoff.DueAt.AddSeconds(3) - DateTimeOffset.UtcNow;
        if (pastDue > TimeSpan.Zero) await Task.Delay(pastDue);
        (await App.History(caseId)).ShouldNotContain(e => e.Data is ClockBreached);
    }

    [Fact]
    public async Task a_paused_clock_does_not_breach_and_resumes_with_the_paused_time_added()
    {
        var (caseId, handoff) = await ReferToCommunePolice(TimeSpan.FromSeconds(3));
        var clock = $"/api/cases/{caseId}/handoffs/{handoff.HandoffId}/clock";
        await App.Post("commune-chair", "ubnd-dong-hoi", clock, new ManageClock(ClockAction.Pause, "The child is in hospital"));
        await (await App.Client("commune-chair", "ubnd-dong-hoi").PostJson(clock, new ManageClock(ClockAction.Pause, "again")))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.ClockAlreadyThere);

        await Task.Delay(TimeSpan.FromSeconds(5));
        (await App.History(caseId)).ShouldNotContain(e => e.Data is ClockBreached);

        await App.Post("commune-chair", "ubnd-dong-hoi", clock, new ManageClock(ClockAction.Resume, "Back home"));
        var resumed = await App.Eventually<ClockResumed>(caseId, r => r.HandoffId == handoff.HandoffId, "resumed");
        resumed.NewDueAt.ShouldBeGreaterThan(handoff.DueAt.AddSeconds(4));
        var breach = await App.Eventually<ClockBreached>(caseId, b => b.HandoffId == handoff.HandoffId, "the breach after resuming");
        breach.DueAt.ShouldBe(resumed.NewDueAt);
    }

    [Fact]
    public async Task a_stopped_clock_never_breaches_and_only_the_chair_manages_clocks()
    {
        var (caseId, handoff) = await ReferToCommunePolice(TimeSpan.FromSeconds(2));
        var clock = $"/api/cases/{caseId}/handoffs/{handoff.HandoffId}/clock";
        await (await App.Client("police-officer", "ca-dong-hoi").PostJson(clock, new ManageClock(ClockAction.Stop, "mine"))).ShouldHave(HttpStatusCode.Forbidden);
        await App.Post("commune-chair", "ubnd-dong-hoi", clock, new ManageClock(ClockAction.Stop, "Transferred to the court"));

        await Task.Delay(TimeSpan.FromSeconds(4));
        (await App.History(caseId)).ShouldNotContain(e => e.Data is ClockBreached);
    }
}
