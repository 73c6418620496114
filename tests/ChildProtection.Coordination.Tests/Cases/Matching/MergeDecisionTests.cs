using System.Text.Json;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Common;
using CaseModel = ChildProtection.Coordination.Cases.Case;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>A merge of two open cases of one child into a lead case, and its undoing, as pure decisions folded into both cases.</summary>
public class MergeDecisionTests
{
    private static readonly Guid Lead = Guid.CreateVersion7();
    private static readonly Guid LinkId = Guid.CreateVersion7();
    private static readonly Guid OpenWork = Guid.CreateVersion7();
    private static readonly Guid DoneWork = Guid.CreateVersion7();
    private static readonly Guid LeadsOwnWork = Guid.CreateVersion7();

    private static HandoffRequested Handoff(Guid caseId, Guid handoffId, HandoffTask task) =>
        new(caseId, handoffId, "hotline-111", "ubnd-dong-hoi", AgencyKind.CommunePeoplesCommittee, task, "Verify and assess", "ND56 Art. 26",
            Given.Now.AddDays(-1), Given.Now.AddHours(2), "report-to-commune");

    private static CaseLinked Linked(Guid caseId, Guid other, CaseLinkKind kind = CaseLinkKind.SameChild, bool initiated = true) =>
        new(caseId, LinkId, other, kind, Given.Now.AddHours(-1), "Same child", initiated);

    /// <summary>The case to merge: an open hand-off, one done, and the same-child link to the lead case.</summary>
    private static object[] MergedHistory(CaseLinkKind kind = CaseLinkKind.SameChild) =>
    [
        Given.Reported(),
        Handoff(Given.CaseId, OpenWork, HandoffTask.VerifyAndAssess),
        Handoff(Given.CaseId, DoneWork, HandoffTask.EmergencyDecision),
        new HandoffCompleted(Given.CaseId, DoneWork, Given.Now.AddHours(-2), Guid.NewGuid(), "EmergencyProtectionOrdered"),
        Linked(Given.CaseId, Lead, kind),
    ];

    private static object[] LeadHistory(params object[] more) =>
    [
        Given.Reported() with { CaseId = Lead }, Handoff(Lead, LeadsOwnWork, HandoffTask.VerifyAndAssess),
        Linked(Lead, Given.CaseId, initiated: false), .. more,
    ];

    private static CaseSummary Summary(params object[] history)
    {
        var projection = new CaseSummaryProjection();
        var summary = new CaseSummary
        {
            Id = Given.CaseId, ReceivedAt = Given.Now.AddDays(-1), Child = Given.Reported().Child,
            OpenWork = [new("verification", null, "Verify the report", Given.Now.AddDays(-1))],
        };
        foreach (var e in history.Skip(1)) ((dynamic)projection).Apply((dynamic)e, summary);
        return summary;
    }

    private static CaseMerged Merge(CaseModel merged, CaseModel lead, CaseSummary? summary = null) =>
        (CaseMerged)MergeCasesEndpoint.Decide(merged, lead, summary, new MergeCases(Lead, " Same child: the school confirmed "), Given.Context())
            .ShouldAccept().Single();

    private static CaseMerged Copy(CaseMerged e) => e with { CaseId = e.LeadCaseId, Initiated = false };
    private static CaseUnmerged Copy(CaseUnmerged e) => e with { CaseId = e.CaseId == e.MergedCaseId ? e.LeadCaseId : e.MergedCaseId, Initiated = false };
    private static string Json(object state) => JsonSerializer.Serialize(state, CaseJson.Options);

    [Fact]
    public void a_merge_moves_the_open_handoffs_and_the_open_work_and_rests_on_the_same_child_link()
    {
        var summary = Summary(MergedHistory());
        var decision = (Decision.Accepted)MergeCasesEndpoint.Decide(Given.Case(MergedHistory()), Given.Case(LeadHistory()), summary,
            new MergeCases(Lead, " Same child: the school confirmed "), Given.Context());

        decision.ResourceId.ShouldBe(LinkId);
        var merged = decision.Events.Single().ShouldBeOfType<CaseMerged>();
        (merged.MergedCaseId, merged.LeadCaseId, merged.LinkId, merged.Reason).ShouldBe((Given.CaseId, Lead, LinkId, "Same child: the school confirmed"));
        merged.Handoffs.Select(h => h.HandoffId).ShouldBe([OpenWork], "only open work moves; done work stays done where it was done");
        merged.Handoffs[0].RequestedAt.ShouldBe(Given.Now.AddDays(-1));
        merged.Handoffs[0].DueAt.ShouldBe(Given.Now.AddHours(2), "the work keeps its clock");
        merged.Work.Select(w => w.Kind).ShouldBe(["verification"]);
    }

    [Fact]
    public void after_a_merge_the_lead_case_holds_the_work_and_the_merged_case_takes_no_step()
    {
        var e = Merge(Given.Case(MergedHistory()), Given.Case(LeadHistory()));
        var merged = Given.Case([.. MergedHistory(), e]);
        var lead = Given.Case(LeadHistory(Copy(e)));

        merged.FindHandoff(OpenWork)!.IsOpen.ShouldBeFalse();
        merged.MergedInto!.OtherCaseId.ShouldBe(Lead);
        lead.FindHandoff(OpenWork)!.IsOpen.ShouldBeTrue();
        lead.Handoffs.Select(h => h.HandoffId).ShouldBe([LeadsOwnWork, OpenWork]);
        lead.MergedCases.Single().OtherCaseId.ShouldBe(Given.CaseId);

        CaseDecisions.Decide(merged, new VerifyReport(true, "Bruises seen"), Given.Context(), VerifyReportEndpoint.Decide)
            .ShouldReject(409, ProblemKinds.CaseMerged);
        CaseDecisions.Decide(merged, new UnmergeCases("x"), Given.Context(), (c, cmd, ctx) => UnmergeCasesEndpoint.Decide(c, lead, LinkId, cmd, ctx),
            allowedWhenClosed: true).ShouldAccept();
    }

    [Theory, MemberData(nameof(EveryStep.NamesButReopening), MemberType = typeof(EveryStep))]
    public void every_step_on_a_merged_case_is_refused_as_merged(string step)
    {
        var merged = Given.Case([.. MergedHistory(), Merge(Given.Case(MergedHistory()), Given.Case(LeadHistory()))]);
        EveryStep.ButReopening[step](merged, Given.Context(Roles.CommuneChair), null).ShouldReject(409, ProblemKinds.CaseMerged);
    }

    [Fact]
    public void an_unmerge_from_either_case_restores_both_exactly()
    {
        var mergedBefore = Given.Case(MergedHistory());
        var leadBefore = Given.Case(LeadHistory());
        var summaryBefore = Summary(MergedHistory());
        var leadSummaryBefore = Json(Summary(LeadHistory()));
        var e = Merge(mergedBefore, leadBefore, summaryBefore);
        var mergedNow = Given.Case([.. MergedHistory(), e]);
        var leadNow = Given.Case(LeadHistory(Copy(e)));

        foreach (var (decidedOn, other) in new[] { (mergedNow, leadNow), (leadNow, mergedNow) })
        {
            var undone = UnmergeCasesEndpoint.Decide(decidedOn, other, LinkId, new UnmergeCases("Two reports, but the lead was wrong"), Given.Context())
                .ShouldAccept().Single().ShouldBeOfType<CaseUnmerged>();
            undone.Handoffs.Select(h => h.HandoffId).ShouldBe([OpenWork]);
            var (onMerged, onLead) = decidedOn == mergedNow ? (undone, Copy(undone)) : (Copy(undone), undone);

            Json(Given.Case([.. MergedHistory(), e, onMerged])).ShouldBe(Json(mergedBefore));
            Json(Given.Case(LeadHistory(Copy(e), onLead))).ShouldBe(Json(leadBefore));
            Json(Summary([.. MergedHistory(), e, onMerged])).ShouldBe(Json(Summary(MergedHistory())));
            Json(Summary([.. LeadHistory(), Copy(e), onLead])).ShouldBe(leadSummaryBefore);
        }
    }

    [Fact]
    public void work_done_on_the_lead_case_stays_done_there_and_work_changed_there_comes_back_as_it_stands()
    {
        var e = Merge(Given.Case(MergedHistory()), Given.Case(LeadHistory()));
        var accepted = new HandoffAccepted(Lead, OpenWork, "ubnd-dong-hoi", Given.Now);
        var lead = Given.Case(LeadHistory(Copy(e), accepted));
        var merged = Given.Case([.. MergedHistory(), e]);

        var back = UnmergeCasesEndpoint.Decide(lead, merged, LinkId, new UnmergeCases("wrong lead"), Given.Context()).ShouldAccept().Single()
            .ShouldBeOfType<CaseUnmerged>();
        back.Handoffs.Single().Status.ShouldBe(CaseModel.HandoffStatus.Accepted);
        Given.Case([.. MergedHistory(), e, Copy(back)]).FindHandoff(OpenWork)!.Status.ShouldBe(CaseModel.HandoffStatus.Accepted);

        var done = Given.Case(LeadHistory(Copy(e), new HandoffCompleted(Lead, OpenWork, Given.Now, Guid.NewGuid(), "ReportVerified")));
        var none = (CaseUnmerged)UnmergeCasesEndpoint.Decide(done, merged, LinkId, new UnmergeCases("wrong lead"), Given.Context()).ShouldAccept().Single();
        none.Handoffs.ShouldBeEmpty();
        var mergedAfter = Given.Case([.. MergedHistory(), e, Copy(none)]);
        mergedAfter.IsMerged.ShouldBeFalse();
        mergedAfter.FindHandoff(OpenWork)!.IsOpen.ShouldBeFalse("the work was done on the lead case");
    }

    [Fact]
    public void unlinking_a_merged_pair_undoes_the_merge_first_and_leaves_both_as_before_the_link()
    {
        var e = Merge(Given.Case(MergedHistory()), Given.Case(LeadHistory()));
        var merged = Given.Case([.. MergedHistory(), e]);
        var lead = Given.Case(LeadHistory(Copy(e)));

        var events = UnlinkCasesEndpoint.Decide(merged, LinkId, new UnlinkCases("Two children after all"), Given.Context(), lead).ShouldAccept();
        events.Select(x => x.GetType()).ShouldBe([typeof(CaseUnmerged), typeof(CaseUnlinked)]);

        var beforeLink = MergedHistory()[..^1];
        Json(Given.Case([.. MergedHistory(), e, .. events])).ShouldBe(Json(Given.Case(beforeLink)));
        Json(Summary([.. MergedHistory(), e, .. events])).ShouldBe(Json(Summary(beforeLink)));
    }

    [Fact]
    public void only_a_pair_linked_as_the_same_child_is_merged() =>
        MergeCasesEndpoint.Decide(Given.Case(MergedHistory(CaseLinkKind.SameIncident)), Given.Case(LeadHistory()), null,
            new MergeCases(Lead, "same"), Given.Context()).ShouldReject(409, ProblemKinds.NotLinkedAsSameChild);

    [Fact]
    public void a_closed_lead_case_is_a_conflict() =>
        MergeCasesEndpoint.Decide(Given.Case(MergedHistory()), Given.Case(LeadHistory(new CaseClosed(Lead, Given.Now, "Safe"))), null,
            new MergeCases(Lead, "same"), Given.Context()).ShouldReject(409, ProblemKinds.CaseClosed);

    [Fact]
    public void a_lead_case_merged_elsewhere_and_a_case_that_is_a_lead_are_not_merged()
    {
        var elsewhere = new CaseMerged(Lead, Guid.NewGuid(), Lead, Guid.NewGuid(), Given.Now, "x", [], []);
        MergeCasesEndpoint.Decide(Given.Case(MergedHistory()), Given.Case(LeadHistory(elsewhere)), null, new MergeCases(Lead, "same"), Given.Context())
            .ShouldReject(409, ProblemKinds.CaseMerged);
        var isLead = new CaseMerged(Given.CaseId, Guid.NewGuid(), Guid.NewGuid(), Given.CaseId, Given.Now, "x", [], []);
        MergeCasesEndpoint.Decide(Given.Case([.. MergedHistory(), isLead]), Given.Case(LeadHistory()), null, new MergeCases(Lead, "same"), Given.Context())
            .ShouldReject(409, ProblemKinds.CaseMerged);
    }

    [Fact]
    public void a_case_with_protection_in_force_is_not_merged()
    {
        var ordered = new EmergencyProtectionOrdered(Given.CaseId, Guid.NewGuid(), Given.Now.AddHours(-3), "Separate", true, "Grandmother", Given.Now.AddDays(10));
        MergeCasesEndpoint.Decide(Given.Case([.. MergedHistory(), ordered]), Given.Case(LeadHistory()), null, new MergeCases(Lead, "same"), Given.Context())
            .ShouldReject(409, ProblemKinds.ProtectionInForce);
        var ended = new EmergencyProtectionEnded(Given.CaseId, ordered.OrderId, Given.Now.AddHours(-1), "Back home");
        MergeCasesEndpoint.Decide(Given.Case([.. MergedHistory(), ordered, ended]), Given.Case(LeadHistory()), null, new MergeCases(Lead, "same"), Given.Context())
            .ShouldAccept();
    }

    [Fact]
    public void a_merge_names_another_case_and_gives_a_reason()
    {
        MergeCasesEndpoint.Decide(Given.Case(MergedHistory()), null, null, new MergeCases(Given.CaseId, "same"), Given.Context()).ShouldReject(400, "leadCaseId");
        MergeCasesEndpoint.Decide(Given.Case(MergedHistory()), Given.Case(LeadHistory()), null, new MergeCases(Lead, " "), Given.Context()).ShouldReject(400, "reason");
        MergeCasesEndpoint.Decide(Given.Case(MergedHistory()), null, null, new MergeCases(Lead, "same"), Given.Context()).ShouldReject(404);
    }

    [Fact]
    public void no_merge_on_the_link_is_a_404() =>
        UnmergeCasesEndpoint.Decide(Given.Case(MergedHistory()), Given.Case(LeadHistory()), LinkId, new UnmergeCases("x"), Given.Context()).ShouldReject(404);
}
