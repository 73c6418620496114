using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.FollowUp;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Common;
using CaseModel = ChildProtection.Coordination.Cases.Case;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>
/// A service of the merged case's approved plan whose hand-off moves to the lead case: the lead case names it (kind, provider,
/// due date), its provider records progress there and the lead case's step fulfils it; an unmerge takes it back.
/// </summary>
public sealed class MergedServicesTests
{
    private static readonly Guid Lead = Guid.CreateVersion7(), LinkId = Guid.CreateVersion7(), PlanId = Guid.CreateVersion7();
    private static readonly Guid Counselling = Guid.CreateVersion7(), Handed = Guid.CreateVersion7();
    private const string Centre = "ctxh-quang-tri";

    private static object[] MergedHistory() =>
    [
        Given.Reported(),
        new SupportPlanDrafted(Given.CaseId, PlanId, Given.Now.AddHours(-20), "Safety",
            [new PlannedService(Counselling, ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "enc:v1:sealed", new DateOnly(2026, 12, 20))]),
        new SupportPlanApproved(Given.CaseId, PlanId, Given.Now.AddHours(-18), null),
        new HandoffRequested(Given.CaseId, Handed, "ubnd-dong-hoi", Centre, AgencyKind.SocialWorkCentre, HandoffTask.ProvideService, "Counselling",
            "ND56 Art. 31", Given.Now.AddHours(-18), Given.Now.AddDays(10), ServiceId: Counselling),
        new HandoffAccepted(Given.CaseId, Handed, Centre, Given.Now.AddHours(-10)),
        new CaseLinked(Given.CaseId, LinkId, Lead, CaseLinkKind.SameChild, Given.Now.AddHours(-2), "Same child"),
    ];

    private static object[] LeadHistory(params object[] more) =>
        [Given.Reported() with { CaseId = Lead }, new CaseLinked(Lead, LinkId, Given.CaseId, CaseLinkKind.SameChild, Given.Now.AddHours(-2), "Same child", false), .. more];

    private static CaseMerged Merge() =>
        (CaseMerged)MergeCasesEndpoint.Decide(Given.Case(MergedHistory()), Given.Case(LeadHistory()), null, new MergeCases(Lead, "Same child"), Given.Context())
            .ShouldAccept().Single();

    private static CaseMerged LeadCopy(CaseMerged e) => e with { CaseId = Lead, Initiated = false };

    private static Decision Progress(CaseModel lead, string role, string agency, ProgressKind kind = ProgressKind.Session) =>
        CaseDecisions.Decide(lead, new RecordServiceProgress(kind, "Session held"),
            Given.Context(role) with { Actor = new Actor("u-2", "Worker", agency, role) },
            (c, cmd, ctx) => RecordServiceProgressEndpoint.Decide(c, Counselling, cmd, ctx));

    [Fact]
    public void the_merge_carries_the_moved_hand_offs_service_without_its_description()
    {
        var e = Merge();
        e.Services.ShouldNotBeNull().ShouldHaveSingleItem().ShouldBe(new MovedService(Counselling, ServiceKind.Counselling, AgencyKind.SocialWorkCentre, new DateOnly(2026, 12, 20)));
    }

    [Fact]
    public void the_lead_case_names_the_service_and_its_provider_records_progress_there_which_its_own_step_fulfils()
    {
        var lead = Given.Case(LeadHistory(LeadCopy(Merge())));
        lead.ServiceOf(Counselling).ShouldBe((ServiceKind.Counselling, true));
        Progress(lead, Roles.SocialWorker, Centre).ShouldAccept().ShouldHaveSingleItem().ShouldBeOfType<ServiceProgressRecorded>().ServiceId.ShouldBe(Counselling);
        Progress(lead, Roles.SocialWorker, "ctxh-other").ShouldReject(403);
        Fulfilment.Fulfils(new PsychosocialSupportProvided(Lead, Given.Now, ServiceKind.Counselling, Centre, "session"), lead, lead.FindHandoff(Handed)!)
            .ShouldBeTrue("the lead case's own counselling fulfils the moved counselling hand-off");

        var summary = new CaseSummary { Id = Lead, Child = Given.Reported().Child };
        new CaseSummaryProjection().Apply(LeadCopy(Merge()), summary);
        summary.MergedCases.Single().Services.ShouldNotBeNull().Single().ServiceId.ShouldBe(Counselling);
    }

    [Fact]
    public void after_an_unmerge_the_lead_case_no_longer_names_the_service()
    {
        var merge = Merge();
        var lead = Given.Case(LeadHistory(LeadCopy(merge)));
        var merged = Given.Case([.. MergedHistory(), merge]);
        var unmerged = Merges.Unmerge(lead, merged, LinkId, "two children", Given.Now)!;
        var after = Given.Case(LeadHistory(LeadCopy(merge), unmerged));
        after.ServiceOf(Counselling).ShouldBeNull();
        Progress(after, Roles.SocialWorker, Centre).ShouldReject(404);
    }
}
