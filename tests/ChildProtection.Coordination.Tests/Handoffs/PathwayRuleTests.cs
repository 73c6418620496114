using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>Every rule of the pathway's version 1, under which the cases reported before version 2 go on being decided, as a pure function of one case event.</summary>
public sealed class PathwayRuleTests
{
    private static readonly PathwayDefinition Definition = PathwayDefinition.Load(1);
    private static readonly DateTimeOffset ReportedAt = new(2026, 11, 23, 9, 0, 0, VietnamTime.Offset); // a Monday

    private static CaseFacts Facts(AgencyKind? receivedBy = AgencyKind.Hotline, HarmForm[]? harm = null, PlannedService[]? services = null) =>
        new(Given.CaseId, ReportedAt, "incident-commune", "home-commune", harm ?? [HarmForm.Violence], receivedBy, services ?? []);

    private static IReadOnlyList<HandoffRequest> On(object @event, CaseFacts facts) => Pathway.Decide(Definition, facts, @event, ReportedAt.AddHours(1));

    private static CaseReported Report(HarmForm[]? harm = null) => Given.Reported(harm: harm, at: ReportedAt);

    [Theory]
    [InlineData(AgencyKind.Hotline)]
    [InlineData(AgencyKind.CommunePolice)]
    [InlineData(AgencyKind.ProvincialPolice)]
    [InlineData(AgencyKind.HealthFacility)]
    [InlineData(AgencyKind.ProvincialHealthDepartment)]
    public void a_report_taken_by_111_police_or_health_goes_to_the_commune_where_it_happened_within_12_hours(AgencyKind receiver)
    {
        var request = On(Report(), Facts(receiver)).ShouldHaveSingleItem();
        request.RuleId.ShouldBe("report-to-commune");
        request.Task.ShouldBe(HandoffTask.VerifyAndAssess);
        request.Kind.ShouldBe(AgencyKind.CommunePeoplesCommittee);
        request.Commune.ShouldBe("incident-commune");
        request.DueAt.ShouldBe(ReportedAt.AddHours(12));
        request.LegalBasis.ShouldContain("ND56");
        request.PathwayVersion.ShouldBe(Definition.Version);
    }

    [Fact]
    public void a_report_the_commune_took_itself_is_not_handed_to_it()
    {
        On(Report(), Facts(AgencyKind.CommunePeoplesCommittee)).ShouldBeEmpty();
        On(Report(), Facts(receivedBy: null)).ShouldBeEmpty();
    }

    [Fact]
    public void an_assessment_needing_emergency_measures_goes_to_the_commune_chair_inside_the_same_12_hours()
    {
        var assessed = new InitialRiskAssessed(Given.CaseId, ReportedAt.AddHours(5), RiskLevel.High, RiskLevel.High, RiskLevel.High, RiskLevel.High, true, null);
        var requests = On(assessed, Facts());
        var emergency = requests.Single(r => r.Task == HandoffTask.EmergencyDecision);
        emergency.Kind.ShouldBe(AgencyKind.CommunePeoplesCommittee);
        emergency.DueAt.ShouldBe(ReportedAt.AddHours(12));

        On(assessed with { EmergencyMeasuresNeeded = false }, Facts()).ShouldNotContain(r => r.Task == HandoffTask.EmergencyDecision);
    }

    [Theory]
    [InlineData(HarmForm.SexualAbuse)]
    [InlineData(HarmForm.Trafficking)]
    [InlineData(HarmForm.Exploitation)]
    public void sexual_abuse_or_signs_of_a_crime_go_to_health_and_police_within_24_hours(HarmForm harm)
    {
        var requests = On(Report([harm]), Facts(AgencyKind.Hotline, [harm]));
        requests.Select(r => (r.Task, r.Kind)).ShouldBe(
        [
            (HandoffTask.VerifyAndAssess, AgencyKind.CommunePeoplesCommittee),
            (HandoffTask.MedicalExamination, AgencyKind.HealthFacility),
            (HandoffTask.CrimeReport, AgencyKind.CommunePolice),
            (HandoffTask.ChildFriendlyInterview, AgencyKind.CommunePolice),
        ], ignoreOrder: true);
        requests.Where(r => r.Task != HandoffTask.VerifyAndAssess).ShouldAllBe(r => r.DueAt == ReportedAt.AddHours(24));
    }

    [Fact]
    public void neglect_alone_goes_to_neither_health_nor_police()
    {
        On(Report([HarmForm.Neglect]), Facts(AgencyKind.Hotline, [HarmForm.Neglect])).ShouldHaveSingleItem().Task.ShouldBe(HandoffTask.VerifyAndAssess);
    }

    [Fact]
    public void the_plan_must_be_drafted_within_5_working_days_of_the_report()
    {
        var assessed = new InitialRiskAssessed(Given.CaseId, ReportedAt.AddHours(5), RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false, null);
        var draft = On(assessed, Facts()).ShouldHaveSingleItem();
        draft.Task.ShouldBe(HandoffTask.DraftPlan);
        // Monday 23 Nov 2026 + 5 working days = Monday 30 Nov, due at its end.
        draft.DueAt.ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 0, 0, VietnamTime.Offset));
    }

    [Fact]
    public void the_plan_must_be_approved_by_the_chair_within_7_working_days_of_the_report()
    {
        var drafted = new SupportPlanDrafted(Given.CaseId, Guid.NewGuid(), ReportedAt.AddDays(2), "goals", []);
        var approval = On(drafted, Facts()).ShouldHaveSingleItem();
        approval.Task.ShouldBe(HandoffTask.ApprovePlan);
        approval.Kind.ShouldBe(AgencyKind.CommunePeoplesCommittee);
        approval.DueAt.ShouldBe(new DateTimeOffset(2026, 12, 3, 0, 0, 0, VietnamTime.Offset));
    }

    [Fact]
    public void an_approved_plan_hands_each_service_to_an_agency_of_its_kind_in_the_childs_area_with_its_due_date()
    {
        var counselling = new PlannedService(Guid.NewGuid(), ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "weekly", new DateOnly(2026, 12, 20));
        var legalAid = new PlannedService(Guid.NewGuid(), ServiceKind.LegalAid, AgencyKind.JusticeLegalAid, "advice", new DateOnly(2026, 12, 10));
        var school = new PlannedService(Guid.NewGuid(), ServiceKind.SchoolReintegration, AgencyKind.SocialWorkCentre, "back to class", new DateOnly(2026, 12, 5));
        var approved = new SupportPlanApproved(Given.CaseId, Guid.NewGuid(), ReportedAt.AddDays(3), null);

        var requests = On(approved, Facts(services: [counselling, legalAid, school]));

        requests.Count.ShouldBe(3);
        var c = requests.Single(r => r.ServiceId == counselling.ServiceId);
        (c.Task, c.Kind, c.Commune, c.DueAt).ShouldBe((HandoffTask.ProvideService, AgencyKind.SocialWorkCentre, "home-commune",
            new DateTimeOffset(2026, 12, 21, 0, 0, 0, VietnamTime.Offset)));
        requests.Single(r => r.ServiceId == legalAid.ServiceId).Kind.ShouldBe(AgencyKind.JusticeLegalAid);
        // School reintegration always goes to the education office of the child's commune, whatever the plan named.
        var s = requests.Single(r => r.ServiceId == school.ServiceId);
        (s.Task, s.Kind, s.Commune).ShouldBe((HandoffTask.SchoolReintegration, AgencyKind.Education, "home-commune"));
    }

    [Fact]
    public void events_no_rule_names_hand_off_nothing()
    {
        On(new ReportVerified(Given.CaseId, ReportedAt, true, "seen"), Facts()).ShouldBeEmpty();
        On(new CaseClosed(Given.CaseId, ReportedAt, "safe"), Facts()).ShouldBeEmpty();
    }

    [Fact]
    public void the_same_trigger_and_rule_always_give_the_same_handoff_id()
    {
        var trigger = Guid.NewGuid();
        Pathway.HandoffId(Given.CaseId, trigger, "report-to-commune").ShouldBe(Pathway.HandoffId(Given.CaseId, trigger, "report-to-commune"));
        Pathway.HandoffId(Given.CaseId, trigger, "report-to-commune").ShouldNotBe(Pathway.HandoffId(Given.CaseId, trigger, "abuse-to-health"));
    }

    [Fact]
    public void every_rule_carries_its_legal_basis_and_a_clock()
    {
        Definition.Rules.ShouldAllBe(r => r.Basis.Length > 20);
        Definition.Rules.ShouldAllBe(r => r.Due.Clock != null || r.Due.ClockHours != null || r.Due.WorkingDays != null || r.Due.From == ClockStart.ServiceDueDate);
    }

    [Fact]
    public void a_new_definition_version_changes_future_requests_only_by_what_it_says()
    {
        var v2 = Definition with { Version = 2, Rules = Definition.Rules.Select(r => r.Id == "report-to-commune" ? r with { Due = new DueRule(ClockHours: 6) } : r).ToArray() };
        var request = Pathway.Decide(v2, Facts(), Report(), ReportedAt).ShouldHaveSingleItem();
        (request.PathwayVersion, request.DueAt).ShouldBe((2, ReportedAt.AddHours(6)));
        // The shipped definition is untouched: hand-offs already requested under version 1 keep their rule, version and clock.
        On(Report(), Facts()).ShouldHaveSingleItem().PathwayVersion.ShouldBe(1);
    }

    [Theory]
    [InlineData("report-to-commune", "initial-assessment")]
    [InlineData("emergency-to-chair", "emergency-decision")]
    [InlineData("crime-to-police-report", "crime-report")]
    [InlineData("plan-draft", "plan-drafted")]
    [InlineData("plan-approval", "plan-approved")]
    public void the_pathway_and_the_case_summary_read_one_clock_table(string ruleId, string clockId)
    {
        var rule = Definition.Rules.Single(r => r.Id == ruleId);
        rule.Due.Clock.ShouldBe(clockId);
        var clock = LegalClocks.Find(clockId).ShouldNotBeNull();
        clock.Citation.ShouldNotBeNullOrWhiteSpace();
        (clock.Hours is null).ShouldNotBe(clock.WorkingDays is null, "a clock counts clock hours or working days, not both");
    }

    [Fact]
    public void a_definition_naming_an_unknown_clock_is_refused_on_load()
    {
        var broken = Definition with { Rules = [Definition.Rules[0] with { Due = new DueRule(Clock: "no-such-clock") }] };
        Should.Throw<InvalidOperationException>(broken.Validate).Message.ShouldContain("no-such-clock");
    }

    [Fact]
    public void a_definition_naming_an_unknown_event_is_refused_on_load()
    {
        var broken = Definition with { Rules = [Definition.Rules[0] with { On = "NoSuchEvent" }] };
        Should.Throw<InvalidOperationException>(broken.Validate).Message.ShouldContain("NoSuchEvent");
    }
}
