using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Cases.Reporting.ReportingDecisionTests;
namespace ChildProtection.Coordination.Tests.Cases.Reporting;

/// <summary>Whether a report shows signs of a crime, decided once at the report by the configured signs (Cases/CrimeSigns.cs).</summary>
public sealed class CrimeSignDecisionTests
{
    private static bool? SignsOf(IncidentDetails incident, CaseRulesOptions? rules = null) =>
        Decide(Report(incident: incident), rules).ShouldAcceptOne<CaseReported>().CrimeSigns;

    [Theory]
    [InlineData(HarmForm.SexualAbuse)]
    [InlineData(HarmForm.Trafficking)]
    [InlineData(HarmForm.Exploitation)]
    [InlineData(HarmForm.Abduction)]
    public void sexual_abuse_trafficking_exploitation_and_abduction_are_signs_of_a_crime(HarmForm harm) =>
        SignsOf(Incident([harm])).ShouldBe(true);

    [Fact]
    public void violence_is_a_sign_of_a_crime_with_an_injury_or_immediate_danger()
    {
        SignsOf(Incident([HarmForm.Violence]) with { Injured = true }).ShouldBe(true);
        SignsOf(Incident([HarmForm.Violence]) with { ImmediateDanger = true }).ShouldBe(true);
        SignsOf(Incident([HarmForm.Violence])).ShouldBe(false);
    }

    [Fact]
    public void neglect_and_abandonment_are_not()
    {
        SignsOf(Incident([HarmForm.Neglect, HarmForm.Abandonment]) with { ImmediateDanger = true }).ShouldBe(false);
    }

    [Fact]
    public void the_signs_are_configuration()
    {
        var onlyTrafficking = new CaseRulesOptions { CrimeSigns = [new CrimeSign { Harm = HarmForm.Trafficking }] };
        SignsOf(Incident([HarmForm.SexualAbuse]), onlyTrafficking).ShouldBe(false);
        SignsOf(Incident([HarmForm.Trafficking]), onlyTrafficking).ShouldBe(true);
    }

    [Fact]
    public void a_report_recorded_before_the_signs_were_decided_reads_by_version_1s_fixed_list()
    {
        var old = Given.Reported(harm: [HarmForm.Violence]) with { Incident = Given.Reported().Incident with { ImmediateDanger = true } };
        CrimeSigns.Of(old).ShouldBeFalse();
        CrimeSigns.Of(Given.Reported(harm: [HarmForm.SexualAbuse])).ShouldBeTrue();
        Given.Case(Given.Reported(harm: [HarmForm.SexualAbuse])).CrimeSigns.ShouldBeTrue();
    }

    [Fact]
    public void the_investigation_agencys_decision_on_the_crime_report_is_recorded()
    {
        var current = Given.Case(Given.Reported(harm: [HarmForm.SexualAbuse]));
        var decided = DecideCriminalProceedingsEndpoint.Decide(current, new DecideCriminalProceedings(ProceedingsDecision.Instituted, " QĐ-12/2026 "), Given.Context())
            .ShouldAcceptOne<CriminalProceedingsDecided>();
        (decided.Decision, decided.DecisionNumber).ShouldBe((ProceedingsDecision.Instituted, "QĐ-12/2026"));
        DecideCriminalProceedingsEndpoint.Decide(current, new DecideCriminalProceedings(ProceedingsDecision.Suspended, ""), Given.Context())
            .ShouldReject(400, "decisionNumber");
    }
}
