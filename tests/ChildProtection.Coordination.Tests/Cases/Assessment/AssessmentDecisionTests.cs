using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.Assessment;

/// <summary>Initial risk assessment (Form 02) and the detailed assessment that follows it (Form 03).</summary>
public sealed class AssessmentDecisionTests
{
    private static Decision AssessRisk(RiskLevel severity, RiskLevel access, RiskLevel obstacles, RiskLevel overall) =>
        AssessInitialRiskEndpoint.Decide(Given.Case(Reported(), Verified()),
            new AssessInitialRisk(severity, access, obstacles, overall, overall == RiskLevel.High, "notes"), Officer());

    [Fact]
    public void an_initial_risk_assessment_records_the_three_criteria_and_the_overall_level()
    {
        var assessed = AssessRisk(RiskLevel.High, RiskLevel.Medium, RiskLevel.Low, RiskLevel.High).ShouldAcceptOne<InitialRiskAssessed>();

        assessed.ShouldBe(new InitialRiskAssessed(Given.CaseId, Given.Now, RiskLevel.High, RiskLevel.Medium, RiskLevel.Low, RiskLevel.High, true, "notes",
            PlanCalledFor: true));
    }

    [Theory]
    [InlineData(RiskLevel.Low, false, false)]
    [InlineData(RiskLevel.Low, true, true)]
    [InlineData(RiskLevel.Medium, false, true)]
    [InlineData(RiskLevel.High, false, true)]
    public void the_assessment_records_whether_it_calls_for_a_plan_medium_or_high_risk_or_emergency_measures(RiskLevel overall, bool emergency, bool plan)
    {
        var assessed = AssessInitialRiskEndpoint.Decide(Given.Case(Reported(), Verified()),
            new AssessInitialRisk(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, overall, emergency), Officer()).ShouldAcceptOne<InitialRiskAssessed>();
        assessed.PlanCalledFor.ShouldBe(plan);
    }

    [Fact]
    public void the_risk_levels_that_call_for_a_plan_are_configuration()
    {
        var onlyHigh = Given.Context(rules: new CaseRulesOptions { PlanAtRiskLevels = [RiskLevel.High], PlanOnEmergencyMeasures = false });
        AssessInitialRiskEndpoint.Decide(Given.Case(Reported(), Verified()),
            new AssessInitialRisk(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Medium, true), onlyHigh)
            .ShouldAcceptOne<InitialRiskAssessed>().PlanCalledFor.ShouldBe(false);
    }

    [Theory]
    [InlineData(RiskLevel.High, RiskLevel.Low, RiskLevel.Low, RiskLevel.Medium)]
    [InlineData(RiskLevel.Low, RiskLevel.High, RiskLevel.Low, RiskLevel.Low)]
    [InlineData(RiskLevel.Low, RiskLevel.Low, RiskLevel.High, RiskLevel.Medium)]
    [InlineData(RiskLevel.Medium, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low)]
    public void an_overall_level_below_the_worst_criterion_is_invalid(RiskLevel severity, RiskLevel access, RiskLevel obstacles, RiskLevel overall)
    {
        AssessRisk(severity, access, obstacles, overall).ShouldReject(400, "overall");
    }

    [Theory]
    [InlineData(RiskLevel.Medium, RiskLevel.Low, RiskLevel.Medium, RiskLevel.Medium)]
    [InlineData(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low)]
    [InlineData(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.High)]
    public void an_overall_level_at_or_above_the_worst_criterion_is_accepted(RiskLevel severity, RiskLevel access, RiskLevel obstacles, RiskLevel overall)
    {
        AssessRisk(severity, access, obstacles, overall).ShouldAccept();
    }

    [Fact]
    public void a_detailed_assessment_before_the_initial_risk_assessment_is_a_conflict()
    {
        AssessNeedsEndpoint.Decide(Given.Case(Reported(), Verified()), new AssessNeeds(["safety"], "summary"), Officer()).ShouldReject(409, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public void a_detailed_assessment_after_the_initial_risk_assessment_is_accepted()
    {
        var assessed = AssessNeedsEndpoint.Decide(Given.Case(Reported(), RiskAssessed()), new AssessNeeds(["safety", "school"], "summary"), Officer())
            .ShouldAcceptOne<DetailedAssessmentCompleted>();

        assessed.Needs.ShouldBe(["safety", "school"]);
        assessed.AssessedAt.ShouldBe(Given.Now);
    }

    [Fact]
    public void a_detailed_assessment_without_needs_is_invalid()
    {
        AssessNeedsEndpoint.Decide(Given.Case(Reported(), RiskAssessed()), new AssessNeeds([], "summary"), Officer()).ShouldReject(400, "needs");
    }

    [Fact]
    public void a_detailed_assessment_with_a_blank_need_is_invalid()
    {
        AssessNeedsEndpoint.Decide(Given.Case(Reported(), RiskAssessed()), new AssessNeeds(["safety", " "], "summary"), Officer()).ShouldReject(400, "needs");
    }

    [Fact]
    public void a_detailed_assessment_without_a_summary_is_invalid()
    {
        AssessNeedsEndpoint.Decide(Given.Case(Reported(), RiskAssessed()), new AssessNeeds(["safety"], ""), Officer()).ShouldReject(400, "summary");
    }
}
