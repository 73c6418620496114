using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Tests.Handoffs;
using System.Net;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Handoffs;

namespace ChildProtection.Coordination.Tests.Cases.Closure;

/// <summary>POST /closure/without-plan on the real host, with the pathway: open work cancelled, clocks stopped, inboxes emptied, the history says why.</summary>
public sealed class CloseWithoutPlanRoutesTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private const string Officer = "commune-officer", Chair = "commune-chair", Ward = "ubnd-dong-hoi";

    private async Task<Guid> ReportedAndFoundUnfounded(HarmForm[]? harm = null)
    {
        var caseId = await App.ReportByHotline(harm);
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/verification", new VerifyReport(false, "The neighbour heard a television; the child is well."));
        return caseId;
    }

    [Fact]
    public async Task an_unfounded_report_closes_with_its_reason_code_and_every_open_hand_off_leaves_the_inboxes()
    {
        var caseId = await ReportedAndFoundUnfounded([HarmForm.SexualAbuse]);
        await App.Handoff(caseId, HandoffTask.MedicalExamination, "tyt-dong-hoi");
        await App.Handoff(caseId, HandoffTask.ChildFriendlyInterview, "ca-dong-hoi");

        await App.Post(Officer, Ward, $"/api/cases/{caseId}/closure/without-plan", new CloseWithoutPlan("unfounded", "Nothing happened; verified at the home."));

        await App.Settled(caseId);
        var history = await App.History(caseId);
        var requested = history.Select(e => e.Data).OfType<HandoffRequested>().Select(h => h.HandoffId).ToList();
        history.Select(e => e.Data).OfType<HandoffCancelled>().Select(c => c.HandoffId).ShouldBe(requested, ignoreOrder: true);
        (await App.InboxItems(caseId)).ShouldBeEmpty();

        var closed = history.Select(e => e.Data).OfType<CaseClosed>().Single();
        // The code stays in clear for the statistics; the reason is free text, stored sealed and shown opened.
        closed.ReasonCode.ShouldBe("unfounded");
        closed.Reason.ShouldStartWith("enc:v1:");
        var summary = await (await App.Client(Chair, Ward).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        summary.GetProperty("status").GetString().ShouldBe("Closed");
        summary.GetProperty("closure").GetProperty("reasonCode").GetString().ShouldBe("unfounded");
        summary.GetProperty("closure").GetProperty("reason").GetString().ShouldBe("Nothing happened; verified at the home.");
        summary.GetProperty("clocks").EnumerateArray().Where(c => c.GetProperty("metAt").ValueKind == System.Text.Json.JsonValueKind.Null)
            .ShouldAllBe(c => c.GetProperty("stoppedAt").ValueKind == System.Text.Json.JsonValueKind.String);
    }

    [Fact]
    public async Task a_clock_scheduled_before_the_closure_does_not_breach_after_it()
    {
        var caseId = await ReportedAndFoundUnfounded();
        var referral = await App.Post(Officer, Ward, $"/api/cases/{caseId}/handoffs",
            new RequestHandoff("ca-dong-hoi", HandoffTask.CrimeReport, "Check the report", DateTimeOffset.UtcNow.AddSeconds(3), "Test referral"));
        var handoff = await App.Eventually<HandoffRequested>(caseId, h => h.HandoffId == referral.Id, "the referral");

        await App.Post(Chair, Ward, $"/api/cases/{caseId}/closure/without-plan", new CloseWithoutPlan("unfounded", "Nothing happened."));
        await App.Eventually<HandoffCancelled>(caseId, c => c.HandoffId == handoff.HandoffId, "the referral cancelled");

        // Past the clock's due time the scheduled message has fired and found the case closed.
        var pastDue = handoff.DueAt.AddSeconds(3) - DateTimeOffset.UtcNow;
        if (pastDue > TimeSpan.Zero) await Task.Delay(pastDue);
        await App.Settled(caseId);
        (await App.History(caseId)).ShouldNotContain(e => e.Data is ClockBreached);
    }

    [Fact]
    public async Task a_substantiated_report_is_not_closed_as_unfounded_and_the_police_do_not_close_cases()
    {
        var caseId = await App.ReportByHotline();
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/verification", new VerifyReport(true, "Bruises seen"));
        var url = $"/api/cases/{caseId}/closure/without-plan";

        await (await App.Client(Officer, Ward).PostJson(url, new CloseWithoutPlan("unfounded", "no"))).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.NotClosableWithoutPlan);
        await (await App.Client("police-officer", "ca-dong-hoi").PostJson(url, new CloseWithoutPlan("duplicate", "same child", Guid.NewGuid())))
            .ShouldHave(HttpStatusCode.Forbidden);
        (await (await App.Client(Officer, Ward).PostJson(url, new CloseWithoutPlan("mistaken", "no"))).ShouldBeInvalid("reasonCode")).Field().ShouldBe("reasonCode");
    }

    [Fact]
    public async Task a_reopened_unfounded_case_goes_back_to_the_commune_for_verification_within_12_hours()
    {
        var caseId = await ReportedAndFoundUnfounded();
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/closure/without-plan", new CloseWithoutPlan("unfounded", "Nothing happened."));
        await App.Settled(caseId);

        await App.Post(Chair, Ward, $"/api/cases/{caseId}/reopening", new ReopenCase("A teacher reports new bruises"));

        var verify = await App.Eventually<HandoffRequested>(caseId, h => h.RuleId == "reopened-verify", "the reopened case handed back for verification");
        var reopened = (await App.History(caseId)).Select(e => e.Data).OfType<CaseReopened>().Single();
        (verify.ToAgency, verify.Task, verify.DueAt).ShouldBe((Ward, HandoffTask.VerifyAndAssess, reopened.ReopenedAt.AddHours(12)));
        await App.InInbox(Ward, e => e.HandoffId == verify.HandoffId, "the verification in the ward's inbox");
        // The old finding no longer stands: the case is verified again before it closes as unfounded again.
        await (await App.Client(Officer, Ward).PostJson($"/api/cases/{caseId}/closure/without-plan", new CloseWithoutPlan("unfounded", "again")))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.NotClosableWithoutPlan);
    }
}
