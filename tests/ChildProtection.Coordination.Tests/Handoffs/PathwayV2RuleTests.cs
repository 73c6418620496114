using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>The rules of pathway version 2 (Handoffs/pathway.v2.json), under which new cases are decided, as pure functions of one case event.</summary>
public sealed class PathwayV2RuleTests
{
    private static readonly PathwayDefinition V2 = PathwayDefinition.Load(2);
    private static readonly DateTimeOffset ReportedAt = new(2026, 11, 23, 9, 0, 0, VietnamTime.Offset); // a Monday
    private static readonly DateTimeOffset TriggeredAt = ReportedAt.AddHours(3);

    private static CaseFacts Facts(AgencyKind? receivedBy = AgencyKind.Hotline, HarmForm[]? harm = null, bool crimeSigns = false,
        PlannedService[]? services = null, string? school = null, HandoffTask[]? handedOff = null) =>
        new(Given.CaseId, ReportedAt, "incident-commune", "home-commune", harm ?? [HarmForm.Violence], receivedBy, services ?? [],
            crimeSigns, school, handedOff ?? []);

    private static IReadOnlyList<HandoffRequest> On(object @event, CaseFacts facts) => Pathway.Decide(V2, facts, @event, TriggeredAt);

    private static CaseReported Report(HarmForm[]? harm = null) => Given.Reported(harm: harm, at: ReportedAt);

    private static InitialRiskAssessed Assessed(RiskLevel overall, bool emergency = false, bool? planCalledFor = null) =>
        new(Given.CaseId, ReportedAt.AddHours(5), overall, overall, overall, overall, emergency, null,
            planCalledFor ?? new CaseRulesOptions().PlanCalledFor(overall, emergency));

    [Theory]
    [InlineData(AgencyKind.CommunePeoplesCommittee)]
    [InlineData(AgencyKind.School)]
    [InlineData(AgencyKind.SocialWorkCentre)]
    [InlineData(AgencyKind.Hotline)]
    [InlineData(AgencyKind.HealthFacility)]
    [InlineData(null)]
    public void any_report_goes_to_the_commune_where_it_happened_with_the_12_hour_clock_whoever_took_it(AgencyKind? receiver)
    {
        // A report the incident commune took itself lands in its own inbox (the directory answers itself); any other
        // receiver — a school, a social-work centre, a provincial line — hands it on like 111.
        var request = On(Report(), Facts(receiver)).ShouldHaveSingleItem();
        (request.RuleId, request.Task, request.Kind, request.Commune).ShouldBe(("report-to-commune", HandoffTask.VerifyAndAssess,
            AgencyKind.CommunePeoplesCommittee, "incident-commune"));
        request.DueAt.ShouldBe(ReportedAt.AddHours(12));
        request.PathwayVersion.ShouldBe(2);
        request.LegalBasis.ShouldContain("Art");
    }

    [Theory]
    [InlineData(HarmForm.Violence)]
    [InlineData(HarmForm.SexualAbuse)]
    [InlineData(HarmForm.Trafficking)]
    [InlineData(HarmForm.Exploitation)]
    [InlineData(HarmForm.Abduction)]
    public void a_report_showing_signs_of_a_crime_reaches_the_police_and_health_within_24_hours(HarmForm harm)
    {
        var requests = On(Report([harm]), Facts(harm: [harm], crimeSigns: true));

        var crime = requests.Single(r => r.Task == HandoffTask.CrimeReport);
        (crime.Kind, crime.DueAt).ShouldBe((AgencyKind.CommunePolice, ReportedAt.AddHours(24)));
        requests.ShouldContain(r => r.Task == HandoffTask.ChildFriendlyInterview && r.Kind == AgencyKind.CommunePolice);
        requests.ShouldContain(r => r.Task == HandoffTask.MedicalExamination && r.Kind == AgencyKind.HealthFacility);
    }

    [Fact]
    public void a_report_without_signs_of_a_crime_goes_to_the_commune_alone()
    {
        On(Report([HarmForm.Violence]), Facts(harm: [HarmForm.Violence], crimeSigns: false)).ShouldHaveSingleItem().Task.ShouldBe(HandoffTask.VerifyAndAssess);
        On(Report([HarmForm.Neglect]), Facts(harm: [HarmForm.Neglect], crimeSigns: false)).ShouldHaveSingleItem().Task.ShouldBe(HandoffTask.VerifyAndAssess);
    }

    [Fact]
    public void sexual_abuse_goes_to_the_provinces_forensic_centre_too()
    {
        var forensic = On(Report([HarmForm.SexualAbuse]), Facts(harm: [HarmForm.SexualAbuse], crimeSigns: true))
            .Single(r => r.Task == HandoffTask.ForensicExamination);
        (forensic.Kind, forensic.RuleId, forensic.DueAt).ShouldBe((AgencyKind.ForensicMedicineCentre, "sexual-abuse-to-forensic", ReportedAt.AddHours(24)));
    }

    [Fact]
    public void a_forensic_examination_requested_on_the_case_goes_to_the_forensic_centre_once()
    {
        var forensic = new MedicalExamRequested(Given.CaseId, Guid.NewGuid(), TriggeredAt, ExamKind.Forensic, "evidence");
        var request = On(forensic, Facts()).ShouldHaveSingleItem();
        (request.Task, request.Kind, request.DueAt).ShouldBe((HandoffTask.ForensicExamination, AgencyKind.ForensicMedicineCentre, TriggeredAt.AddHours(24)));

        On(forensic, Facts(handedOff: [HandoffTask.ForensicExamination])).ShouldBeEmpty();
        On(forensic with { Kind = ExamKind.Medical }, Facts()).ShouldBeEmpty();
    }

    [Fact]
    public void a_verification_marked_as_a_suspected_crime_calls_the_police_in_within_24_hours_of_it()
    {
        var verified = new ReportVerified(Given.CaseId, TriggeredAt, true, "bruises", SuspectedCrime: true);
        var requests = On(verified, Facts(harm: [HarmForm.Neglect]));
        requests.Select(r => (r.Task, r.Kind)).ShouldBe([(HandoffTask.CrimeReport, AgencyKind.CommunePolice),
            (HandoffTask.ChildFriendlyInterview, AgencyKind.CommunePolice)], ignoreOrder: true);
        requests.ShouldAllBe(r => r.DueAt == TriggeredAt.AddHours(24));

        On(verified with { SuspectedCrime = false }, Facts()).ShouldBeEmpty();
    }

    [Fact]
    public void police_already_called_in_at_the_report_are_not_called_again_by_the_verification()
    {
        var verified = new ReportVerified(Given.CaseId, TriggeredAt, true, "bruises", SuspectedCrime: true);
        On(verified, Facts(handedOff: [HandoffTask.VerifyAndAssess, HandoffTask.CrimeReport, HandoffTask.ChildFriendlyInterview])).ShouldBeEmpty();
    }

    [Fact]
    public void the_police_passing_the_crime_report_on_hands_the_decision_to_the_provincial_investigation_agency()
    {
        var recorded = new CrimeReportRecorded(Given.CaseId, TriggeredAt, "BB-12", ForwardedToInvestigation: true);
        var request = On(recorded, Facts()).ShouldHaveSingleItem();
        (request.Task, request.Kind, request.RuleId).ShouldBe((HandoffTask.CriminalProceedings, AgencyKind.ProvincialPolice, "crime-to-investigation"));
        request.DueAt.ShouldBe(TriggeredAt.AddDays(20));
        request.LegalBasis.ShouldContain("Art. 147");

        On(recorded with { ForwardedToInvestigation = false }, Facts()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(RiskLevel.Medium, false, true)]
    [InlineData(RiskLevel.High, false, true)]
    [InlineData(RiskLevel.Low, true, true)]
    [InlineData(RiskLevel.Low, false, false)]
    public void the_plan_clock_starts_only_where_the_assessment_calls_for_a_plan(RiskLevel overall, bool emergency, bool plan)
    {
        var requests = On(Assessed(overall, emergency), Facts());
        requests.Any(r => r.Task == HandoffTask.DraftPlan).ShouldBe(plan);
        if (plan)
            // Monday 23 Nov 2026 + 5 working days = Monday 30 Nov, due at its end.
            requests.Single(r => r.Task == HandoffTask.DraftPlan).DueAt.ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 0, 0, VietnamTime.Offset));
    }

    [Fact]
    public void an_assessment_recorded_before_it_said_whether_a_plan_is_called_for_calls_for_one()
    {
        var old = new InitialRiskAssessed(Given.CaseId, ReportedAt.AddHours(5), RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false, null);
        On(old, Facts()).ShouldContain(r => r.Task == HandoffTask.DraftPlan);
    }

    [Fact]
    public void which_risk_levels_call_for_a_plan_is_configuration()
    {
        var rules = new CaseRulesOptions { PlanAtRiskLevels = [RiskLevel.High], PlanOnEmergencyMeasures = false };
        rules.PlanCalledFor(RiskLevel.Medium, emergencyMeasures: true).ShouldBeFalse();
        rules.PlanCalledFor(RiskLevel.High, emergencyMeasures: false).ShouldBeTrue();
        new CaseRulesOptions().PlanCalledFor(RiskLevel.Low, emergencyMeasures: false).ShouldBeFalse();
        new CaseRulesOptions().PlanCalledFor(RiskLevel.Medium, emergencyMeasures: false).ShouldBeTrue();
    }

    [Fact]
    public void school_reintegration_goes_to_the_childs_own_school_when_the_directory_holds_it_else_to_the_education_office()
    {
        var school = new PlannedService(Guid.NewGuid(), ServiceKind.SchoolReintegration, AgencyKind.SocialWorkCentre, "back to class", new DateOnly(2026, 12, 5));
        var approved = new SupportPlanApproved(Given.CaseId, Guid.NewGuid(), ReportedAt.AddDays(3), null);

        var own = On(approved, Facts(services: [school], school: "th-hai-dinh")).ShouldHaveSingleItem();
        (own.Task, own.Kind, own.Agency).ShouldBe((HandoffTask.SchoolReintegration, AgencyKind.School, "th-hai-dinh"));

        var office = On(approved, Facts(services: [school], school: null)).ShouldHaveSingleItem();
        (office.Task, office.Kind, office.Agency, office.Commune).ShouldBe((HandoffTask.SchoolReintegration, AgencyKind.Education, null, "home-commune"));
    }

    [Fact]
    public void a_forensic_examination_in_the_plan_goes_to_the_forensic_centre_whatever_the_plan_named()
    {
        var forensic = new PlannedService(Guid.NewGuid(), ServiceKind.ForensicExamination, AgencyKind.HealthFacility, "exam", new DateOnly(2026, 12, 5));
        var counselling = new PlannedService(Guid.NewGuid(), ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "weekly", new DateOnly(2026, 12, 20));
        var approved = new SupportPlanApproved(Given.CaseId, Guid.NewGuid(), ReportedAt.AddDays(3), null);

        var requests = On(approved, Facts(services: [forensic, counselling]));
        requests.Single(r => r.ServiceId == forensic.ServiceId).Kind.ShouldBe(AgencyKind.ForensicMedicineCentre);
        requests.Single(r => r.ServiceId == counselling.ServiceId).Kind.ShouldBe(AgencyKind.SocialWorkCentre);
    }

    [Fact]
    public void every_rule_cites_a_row_of_the_legal_basis_table()
    {
        V2.Rules.ShouldAllBe(r => LegalBasis.Find(r.Citation) != null && r.LegalBasis == null);
        V2.Rules.ShouldAllBe(r => r.Basis == LegalBasis.Find(r.Citation)!.Text);
    }
}
