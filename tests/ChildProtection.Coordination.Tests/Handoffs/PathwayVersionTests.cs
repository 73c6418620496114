using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Tests.Support;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>A case is decided under the version of the pathway's rules its report recorded, for its whole life.</summary>
public sealed class PathwayVersionTests
{
    private static readonly PathwayCatalogue Catalogue = PathwayCatalogue.Load();
    private static readonly Guid EventId = Guid.NewGuid();

    private static CaseReported ReportedUnder(int? version) => Given.Reported() with { PathwayVersion = version };

    private static InitialRiskAssessed LowRisk(bool? planCalledFor = false) =>
        new(Given.CaseId, Given.Now, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false, null, planCalledFor);

    private static IEnumerable<HandoffRequest> Requests(ChildProtection.Coordination.Cases.Case current, object @event, AgencyKind? receivedBy = AgencyKind.Hotline) =>
        PathwayOutcomes.Pending(current, Catalogue.For(current.PathwayVersion), PathwayOutcomes.Facts(current, receivedBy), EventId, @event, Given.Now)
            .Select(p => p.Request);

    [Fact]
    public void both_shipped_versions_load_and_new_cases_are_reported_under_version_2()
    {
        Catalogue.Versions.ShouldBe([1, 2], ignoreOrder: true);
        new CaseRulesOptions().PathwayVersion.ShouldBe(2);
        var report = ChildProtection.Coordination.Tests.Cases.Reporting.ReportingDecisionTests.Decide(
            ChildProtection.Coordination.Tests.Cases.Reporting.ReportingDecisionTests.Report()).ShouldAccept().Single().ShouldBeOfType<CaseReported>();
        report.PathwayVersion.ShouldBe(2);
        Given.Case(report).PathwayVersion.ShouldBe(2);
    }

    [Fact]
    public void a_case_reported_before_versions_were_recorded_is_a_version_1_case()
    {
        Given.Case(ReportedUnder(null)).PathwayVersion.ShouldBe(1);
        Catalogue.For(1).Version.ShouldBe(1);
    }

    [Fact]
    public void a_low_risk_assessment_still_hands_out_the_plan_on_a_version_1_case_and_not_on_a_version_2_case()
    {
        var v1 = Given.Case(ReportedUnder(null));
        Requests(v1, LowRisk()).Select(r => (r.Task, r.PathwayVersion)).ShouldBe([(HandoffTask.DraftPlan, 1)]);

        var v2 = Given.Case(ReportedUnder(2));
        Requests(v2, LowRisk()).ShouldBeEmpty();
        Requests(v2, LowRisk(planCalledFor: true)).Select(r => (r.Task, r.PathwayVersion)).ShouldBe([(HandoffTask.DraftPlan, 2)]);
    }

    [Fact]
    public void a_report_the_commune_took_itself_lands_in_its_own_inbox_under_version_2_only()
    {
        var v1 = Given.Case(ReportedUnder(null));
        Requests(v1, ReportedUnder(null), AgencyKind.CommunePeoplesCommittee).ShouldBeEmpty();
        var v2 = Given.Case(ReportedUnder(2));
        Requests(v2, ReportedUnder(2), AgencyKind.CommunePeoplesCommittee).ShouldHaveSingleItem().Task.ShouldBe(HandoffTask.VerifyAndAssess);
    }

    [Fact]
    public void a_version_no_longer_loaded_decides_under_the_newest_one_below_it()
    {
        var only1 = new PathwayCatalogue([PathwayDefinition.Load(1)]);
        only1.For(2).Version.ShouldBe(1);
        new PathwayCatalogue([PathwayDefinition.Load(1), PathwayDefinition.Load(2)]).For(7).Version.ShouldBe(2);
    }

    [Fact]
    public void declined_work_is_sent_on_under_the_cases_own_version()
    {
        var current = Given.Case(ReportedUnder(null));
        Catalogue.For(current.PathwayVersion).Version.ShouldBe(1);
    }
}
