using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Support;
using static ChildProtection.Coordination.Tests.Support.History;
namespace ChildProtection.Coordination.Tests.Cases.SchoolReintegration;

/// <summary>The return to school: planned, then completed.</summary>
public sealed class SchoolReintegrationDecisionTests
{
    private static readonly StepContext Education = Given.Context(Roles.EducationOfficer);

    private static PlanSchoolReintegration SchoolPlan(string school = "Hải Đình primary", string arrangements = "new class") =>
        new(school, new DateOnly(2026, 12, 7), arrangements);

    [Fact]
    public void a_return_to_school_is_planned()
    {
        PlanSchoolReintegrationEndpoint.Decide(Given.Case(PlanInForce()), SchoolPlan(), Education)
            .ShouldAcceptOne<SchoolReintegrationPlanned>()
            .ShouldBe(new SchoolReintegrationPlanned(Given.CaseId, Given.Now, "Hải Đình primary", new DateOnly(2026, 12, 7), "new class"));
    }

    [Theory]
    [InlineData("", "new class", "school")]
    [InlineData("Hải Đình primary", " ", "arrangements")]
    public void a_return_to_school_without_a_school_or_arrangements_is_invalid(string school, string arrangements, string field)
    {
        PlanSchoolReintegrationEndpoint.Decide(Given.Case(PlanInForce()), SchoolPlan(school, arrangements), Education).ShouldReject(400, field);
    }

    [Fact]
    public void planning_a_second_return_while_one_is_pending_is_a_conflict()
    {
        PlanSchoolReintegrationEndpoint.Decide(Given.Case(PlanInForce(SchoolPlanned())), SchoolPlan(), Education).ShouldReject(409, ProblemKinds.SchoolReturnAlreadyPlanned);
    }

    [Fact]
    public void a_new_return_can_be_planned_once_the_last_one_is_completed()
    {
        PlanSchoolReintegrationEndpoint.Decide(Given.Case(PlanInForce(SchoolPlanned(), SchoolCompleted())), SchoolPlan(), Education).ShouldAccept();
    }

    [Fact]
    public void the_child_back_at_school_is_recorded()
    {
        CompleteSchoolReintegrationEndpoint.Decide(Given.Case(PlanInForce(SchoolPlanned())), new CompleteSchoolReintegration("Hải Đình primary", "settled"), Education)
            .ShouldAcceptOne<SchoolReintegrationCompleted>()
            .ShouldBe(new SchoolReintegrationCompleted(Given.CaseId, Given.Now, "Hải Đình primary", "settled"));
    }

    [Fact]
    public void completing_a_return_to_school_never_planned_is_a_conflict()
    {
        CompleteSchoolReintegrationEndpoint.Decide(Given.Case(PlanInForce()), new CompleteSchoolReintegration("school"), Education).ShouldReject(409, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public void completing_a_return_to_school_twice_is_a_conflict()
    {
        CompleteSchoolReintegrationEndpoint.Decide(Given.Case(PlanInForce(SchoolPlanned(), SchoolCompleted())), new CompleteSchoolReintegration("school"), Education)
            .ShouldReject(409, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public void completing_a_return_to_school_without_the_school_is_invalid()
    {
        CompleteSchoolReintegrationEndpoint.Decide(Given.Case(PlanInForce(SchoolPlanned())), new CompleteSchoolReintegration(" "), Education)
            .ShouldReject(400, "school");
    }
}
