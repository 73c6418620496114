using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Access;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Transfer;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Handoffs;
using static ChildProtection.Coordination.Tests.Support.History;
using CaseModel = ChildProtection.Coordination.Cases.Case;
namespace ChildProtection.Coordination.Tests.Cases.Transfer;

/// <summary>A child who moves takes the case along: the transfer, the new owner's jurisdiction, the old one's read, the open work re-addressed.</summary>
public sealed class TransferDecisionTests
{
    private static readonly Commune Here = new() { Code = "commune-1", ProvinceCode = "44" };
    private static readonly Commune LeChan = new() { Code = "le-chan-ward", ProvinceCode = "31" };

    private static Decision Transfer(CaseModel current, Commune? target, Commune? owner = null, string reason = "The family moved to Hải Phòng",
        CaseRulesOptions? rules = null) =>
        TransferCaseEndpoint.Decide(current, new TransferCase(target?.Code ?? "nowhere", reason), target, owner ?? Here, Officer(rules: rules));

    /// <param name="criminalWorkMoves">null: a transfer recorded before it said, which left the police's criminal work where it was.</param>
    private static CaseTransferred Transferred(string from = "commune-1", string to = "le-chan-ward", bool? criminalWorkMoves = null) =>
        new(Given.CaseId, ReportedAt.AddDays(2), from, "44", to, "31", "moved", criminalWorkMoves);

    [Fact]
    public void the_owning_commune_transfers_the_case_to_the_commune_of_another_province()
    {
        var e = Transfer(Given.Case(Reported()), LeChan).ShouldAcceptOne<CaseTransferred>();

        e.ShouldBe(new CaseTransferred(Given.CaseId, Given.Now, "commune-1", "44", "le-chan-ward", "31", "The family moved to Hải Phòng",
            CriminalWorkMoves: true));
    }

    [Fact]
    public void whether_the_polices_criminal_work_moves_too_is_configuration_recorded_on_the_transfer()
    {
        var kept = Transfer(Given.Case(Reported()), LeChan, rules: new CaseRulesOptions { CriminalWorkFollowsTransfer = false })
            .ShouldAcceptOne<CaseTransferred>();
        kept.CriminalWorkMoves.ShouldBe(false);

        Given.Case(Reported(), kept).CriminalWorkCommune.ShouldBe("commune-1");
        Given.Case(Reported(), Transferred(criminalWorkMoves: true)).CriminalWorkCommune.ShouldBe("le-chan-ward");
        Given.Case(Reported(), Transferred()).CriminalWorkCommune.ShouldBe("commune-1", "a transfer recorded before it said left the work");
        // Moved once, left the second time: the work stays with the police it was moved to.
        Given.Case(Reported(), Transferred(criminalWorkMoves: true), Transferred("le-chan-ward", "ngo-quyen-ward", criminalWorkMoves: false))
            .CriminalWorkCommune.ShouldBe("le-chan-ward");
    }

    [Fact]
    public void after_the_transfer_the_new_commune_owns_the_case_and_the_child_lives_there()
    {
        var current = Given.Case(Reported(), Transferred());

        (current.OwningCommune, current.ChildCommune, current.IncidentCommune).ShouldBe(("le-chan-ward", "le-chan-ward", "commune-1"));
        Transfer(current, LeChan, owner: LeChan).ShouldReject(409, ProblemKinds.AlreadyOwnedThere);
        Transfer(current, Here, owner: LeChan).ShouldAcceptOne<CaseTransferred>().FromCommune.ShouldBe("le-chan-ward");
    }

    [Fact]
    public void an_unknown_commune_a_missing_reason_and_a_closed_case_are_refused()
    {
        Transfer(Given.Case(Reported()), null).ShouldReject(400, "toCommune");
        Transfer(Given.Case(Reported()), LeChan, reason: "").ShouldReject(400, "reason");
        CaseDecisions.Decide(Given.Case(ClosedCase()), new TransferCase("le-chan-ward", "moved"), Officer(),
            (c, cmd, ctx) => TransferCaseEndpoint.Decide(c, cmd, LeChan, Here, ctx)).ShouldReject(409, ProblemKinds.CaseClosed);
    }

    [Fact]
    public void the_clocks_of_the_case_are_kept()
    {
        var summary = new CaseSummary { OwningCommune = "commune-1", IncidentCommune = "commune-1", Child = Reported().Child };
        summary.Clocks.Add(new CaseClock("plan-drafted", "ND56", ReportedAt, ReportedAt.AddDays(7)));
        var before = summary.Clocks.ToList();

        new CaseSummaryProjection().Apply(Transferred(), summary);

        summary.Clocks.ShouldBe(before);
        summary.Owner().ShouldBe("le-chan-ward");
        (summary.IncidentCommune, summary.Child.CommuneOfResidence).ShouldBe(("commune-1", "le-chan-ward"));
        summary.Transfers.ShouldHaveSingleItem().ShouldBe(new CaseTransferSummary("commune-1", "44", "le-chan-ward", "31", ReportedAt.AddDays(2), "moved"));
    }

    // Who relates how after the transfer.

    private static Agency At(string id, string? commune, string province = "44") => new() { Id = id, CommuneCode = commune, ProvinceCode = province };

    private static CaseParties Parties(string owner, string? province, params string[] former) =>
        new(null, new HashSet<string>(), owner, province, new HashSet<string> { owner }, former.ToHashSet());

    [Fact]
    public void the_new_commune_and_province_have_jurisdiction_and_the_old_commune_is_a_former_owner()
    {
        var moved = Parties("le-chan-ward", "31", "commune-1");

        CaseRelations.Direct("ubnd-le-chan", At("ubnd-le-chan", "le-chan-ward", "31"), moved).ShouldBe(CaseRelation.Jurisdiction);
        CaseRelations.Direct("syt-hai-phong", At("syt-hai-phong", null, "31"), moved).ShouldBe(CaseRelation.Jurisdiction);
        CaseRelations.Direct("ubnd-1", At("ubnd-1", "commune-1"), moved).ShouldBe(CaseRelation.Former);
        CaseRelations.Direct("syt-quang-tri", At("syt-quang-tri", null), moved).ShouldBe(CaseRelation.None);
        // Transferred back, the first commune owns it again.
        CaseRelations.Direct("ubnd-1", At("ubnd-1", "commune-1"), Parties("commune-1", "44", "commune-1", "le-chan-ward")).ShouldBe(CaseRelation.Jurisdiction);
    }

    [Fact]
    public void a_former_owner_reads_the_whole_case_as_it_stood_at_the_transfer_and_may_take_no_step()
    {
        FormerOwner.ReadsUpToTransfer(CaseRelation.Former | CaseRelation.Handed).ShouldBeTrue();
        FormerOwner.ReadsUpToTransfer(CaseRelation.Former | CaseRelation.Jurisdiction).ShouldBeFalse();
        FormerOwner.ReadsUpToTransfer(CaseRelation.Handed).ShouldBeFalse();
        CaseViews.KindFor(Roles.CommuneOfficer, CaseRelation.Former).ShouldBe(CaseViewKind.Full);
        foreach (var action in Enum.GetValues<CaseAction>().Where(a => a is not (CaseAction.Read or CaseAction.Report)))
            CasePermissions.Allows(action, Roles.CommuneChair, CaseRelation.Former).ShouldBeFalse(action.ToString());
        CasePermissions.Allows(CaseAction.Read, Roles.CommuneChair, CaseRelation.Former).ShouldBeTrue();
        CasePermissions.Allows(CaseAction.Read, Roles.PoliceOfficer, CaseRelation.Former).ShouldBeFalse();
    }

    [Fact]
    public void only_the_owning_commune_transfers()
    {
        CasePermissions.RolesFor(CaseAction.Transfer).ShouldBe([Roles.CommuneOfficer, Roles.CommuneChair]);
        CasePermissions.Cell(Roles.CommuneChair, CaseAction.Transfer).ShouldBe(CaseRelation.Jurisdiction);
    }

    // The open work follows the child; the police's crime work stays where the crime happened.

    private sealed class Directory(Dictionary<(AgencyKind, string), string> serving) : IAgencyRouting
    {
        public Task<string?> ServingAsync(AgencyKind kind, string commune, DateTimeOffset at, IReadOnlyCollection<string> excluding, CancellationToken ct) =>
            Task.FromResult(serving.GetValueOrDefault((kind, commune)));
        public Task<(string Id, AgencyKind Kind)?> SupervisorOfAsync(string agencyId, DateTimeOffset at, CancellationToken ct) => Task.FromResult<(string, AgencyKind)?>(null);
        public Task<AgencyKind?> KindOfAsync(string agencyId, CancellationToken ct) => Task.FromResult<AgencyKind?>(null);
        public Task<string?> SchoolNamedAsync(string named, string commune, DateTimeOffset at, CancellationToken ct) => Task.FromResult<string?>(null);
    }

    private static HandoffRequested Handed(string to, AgencyKind kind, HandoffTask task) =>
        new(Given.CaseId, Guid.NewGuid(), "hotline-111", to, kind, task, "work", "basis", ReportedAt, ReportedAt.AddHours(12), Commune: "commune-1");

    [Fact]
    public async Task open_work_is_re_addressed_to_the_new_communes_agencies_with_its_clock()
    {
        var verify = Handed("ubnd-1", AgencyKind.CommunePeoplesCommittee, HandoffTask.VerifyAndAssess);
        var exam = Handed("tyt-1", AgencyKind.HealthFacility, HandoffTask.MedicalExamination);
        var crime = Handed("ca-1", AgencyKind.CommunePolice, HandoffTask.CrimeReport);
        var interview = Handed("ca-1", AgencyKind.CommunePolice, HandoffTask.ChildFriendlyInterview);
        var done = Handed("ctxh-1", AgencyKind.SocialWorkCentre, HandoffTask.ProvideService);
        var national = Handed("hotline-111", AgencyKind.Hotline, HandoffTask.ProvideService);
        var transfer = Transferred();
        var current = Given.Case(Reported(), verify, exam, crime, interview, done, national,
            new HandoffCompleted(Given.CaseId, done.HandoffId, ReportedAt.AddDays(1), Guid.NewGuid(), "x"), transfer);
        var directory = new Directory(new()
        {
            [(AgencyKind.CommunePeoplesCommittee, "le-chan-ward")] = "ubnd-le-chan", [(AgencyKind.HealthFacility, "le-chan-ward")] = "tyt-le-chan",
            [(AgencyKind.CommunePolice, "le-chan-ward")] = "ca-le-chan", [(AgencyKind.SocialWorkCentre, "le-chan-ward")] = "ctxh-hai-phong",
            [(AgencyKind.Hotline, "le-chan-ward")] = "hotline-111",
        });

        var rerouted = await Rerouting.TransferAsync(current, transfer, directory, Given.Now, CancellationToken.None);

        rerouted.Select(r => (r.HandoffId, r.FromAgency, r.ToAgency, r.Commune)).ShouldBe([
            (verify.HandoffId, "ubnd-1", "ubnd-le-chan", "le-chan-ward"),
            (exam.HandoffId, "tyt-1", "tyt-le-chan", "le-chan-ward"),
        ]);
        foreach (var r in rerouted) current.Apply(r);
        current.FindHandoff(verify.HandoffId)!.ShouldSatisfyAllConditions(
            h => h.ToAgency.ShouldBe("ubnd-le-chan"), h => h.DueAt.ShouldBe(verify.DueAt), h => h.Commune.ShouldBe("le-chan-ward"));
    }

    private static readonly Directory HaiPhong = new(new()
    {
        [(AgencyKind.CommunePeoplesCommittee, "le-chan-ward")] = "ubnd-le-chan", [(AgencyKind.HealthFacility, "le-chan-ward")] = "tyt-le-chan",
        [(AgencyKind.CommunePolice, "le-chan-ward")] = "ca-le-chan", [(AgencyKind.ProvincialPolice, "le-chan-ward")] = "ca-hai-phong",
    });

    [Fact]
    public async Task where_the_transfer_says_so_the_polices_crime_report_interview_and_referral_follow_the_case_to_the_new_province()
    {
        var crime = Handed("ca-1", AgencyKind.CommunePolice, HandoffTask.CrimeReport);
        var interview = Handed("ca-1", AgencyKind.CommunePolice, HandoffTask.ChildFriendlyInterview);
        var referral = Handed("ca-province-44", AgencyKind.ProvincialPolice, HandoffTask.CriminalProceedings);
        var exam = Handed("tyt-1", AgencyKind.HealthFacility, HandoffTask.MedicalExamination);
        var transfer = Transferred(criminalWorkMoves: true);
        var current = Given.Case(Reported(), crime, interview, referral, exam, transfer);

        var rerouted = await Rerouting.TransferAsync(current, transfer, HaiPhong, Given.Now, CancellationToken.None);

        rerouted.Select(r => (r.HandoffId, r.ToAgency)).ShouldBe([
            (crime.HandoffId, "ca-le-chan"), (interview.HandoffId, "ca-le-chan"), (referral.HandoffId, "ca-hai-phong"), (exam.HandoffId, "tyt-le-chan"),
        ]);
    }

    [Fact]
    public async Task where_the_transfer_leaves_it_the_polices_criminal_work_stays_with_the_police_where_the_crime_happened()
    {
        var crime = Handed("ca-1", AgencyKind.CommunePolice, HandoffTask.CrimeReport);
        var referral = Handed("ca-province-44", AgencyKind.ProvincialPolice, HandoffTask.CriminalProceedings);
        var exam = Handed("tyt-1", AgencyKind.HealthFacility, HandoffTask.MedicalExamination);
        var transfer = Transferred(criminalWorkMoves: false);
        var current = Given.Case(Reported(), crime, referral, exam, transfer);

        var rerouted = await Rerouting.TransferAsync(current, transfer, HaiPhong, Given.Now, CancellationToken.None);

        rerouted.Select(r => (r.HandoffId, r.ToAgency)).ShouldBe([(exam.HandoffId, "tyt-le-chan")]);
    }

    [Theory]
    [InlineData(true, "le-chan-ward")]
    [InlineData(false, "commune-1")]
    public void work_the_pathway_asks_of_the_police_after_a_transfer_goes_where_the_transfer_put_the_criminal_work(bool moves, string expected)
    {
        var current = Given.Case(Reported(), Transferred(criminalWorkMoves: moves));
        var facts = PathwayOutcomes.Facts(current, AgencyKind.Hotline);
        var definition = PathwayDefinition.Load(2);

        var suspected = Pathway.Decide(definition, facts, new ReportVerified(Given.CaseId, Given.Now, true, "burns", SuspectedCrime: true), Given.Now);
        suspected.Select(r => (r.Task, r.Commune)).ShouldBe([(HandoffTask.CrimeReport, expected), (HandoffTask.ChildFriendlyInterview, expected)]);
        var referral = Pathway.Decide(definition, facts, new CrimeReportRecorded(Given.CaseId, Given.Now, "BB-1", ForwardedToInvestigation: true), Given.Now);
        referral.ShouldHaveSingleItem().Commune.ShouldBe(expected);
        // Health and the commune's own work follow the case whatever the police's does.
        var examined = Pathway.Decide(definition, facts with { CrimeSigns = true }, Reported(), Given.Now);
        examined.Where(r => r.Task is HandoffTask.MedicalExamination or HandoffTask.VerifyAndAssess).ShouldAllBe(r => r.Commune == "le-chan-ward");
    }

    [Fact]
    public void the_follow_up_rules_hand_the_reviews_the_closure_and_the_follow_up_to_the_commune_that_owns_the_case_now()
    {
        var current = Given.Case([.. PlanInForce(), Transferred()]);
        var options = new FollowUpOptions();

        FollowUpRules.Decide(current, PlanApproved(), options, 2).ShouldHaveSingleItem().Commune.ShouldBe("le-chan-ward");
        FollowUpRules.Decide(current, Reviewed(ReviewRecommendation.Close), options, 2).ShouldHaveSingleItem().Commune.ShouldBe("le-chan-ward");
        FollowUpRules.KeepInViewAfter(current, Verified(), [], Given.Now, options, 2)!.Commune.ShouldBe("le-chan-ward");
    }
}
