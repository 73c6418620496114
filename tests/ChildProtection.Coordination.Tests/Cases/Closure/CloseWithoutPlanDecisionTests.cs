using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.Closure;

/// <summary>Most reports end without a plan: unfounded, no protection need, referred elsewhere or a duplicate, each on its grounds.</summary>
public sealed class CloseWithoutPlanDecisionTests
{
    private static ReportVerified Unsubstantiated() => new(Given.CaseId, ReportedAt.AddHours(2), false, "nothing found; the neighbour misheard");

    private static InitialRiskAssessed Risk(RiskLevel overall, bool emergency = false) =>
        new(Given.CaseId, ReportedAt.AddHours(6), RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, overall, emergency, null);

    private static Decision Close(string code, object[] history, Guid? duplicateOf = null, string? referredTo = null) =>
        CaseDecisions.Decide(Given.Case(history), new CloseWithoutPlan(code, "why, in words", duplicateOf, referredTo), Officer(),
            CloseWithoutPlanEndpoint.Decide);

    [Fact]
    public void a_report_verification_found_unfounded_closes_with_its_code_and_reason()
    {
        var closed = Close(ClosureReasonCodes.Unfounded, [Reported(), Unsubstantiated()]).ShouldAcceptOne<CaseClosed>();

        closed.ShouldBe(new CaseClosed(Given.CaseId, Given.Now, "why, in words", "unfounded"));
    }

    [Fact]
    public void the_chair_closes_it_too() =>
        CaseDecisions.Decide(Given.Case(Reported(), Unsubstantiated()), new CloseWithoutPlan("unfounded", "nothing found"), Chair(),
            CloseWithoutPlanEndpoint.Decide).ShouldAccept();

    [Fact]
    public void unfounded_needs_a_verification_that_found_nothing() =>
        Close(ClosureReasonCodes.Unfounded, [Reported(), Verified()]).ShouldReject(409, ProblemKinds.NotClosableWithoutPlan);

    [Fact]
    public void unfounded_before_any_verification_is_a_conflict() =>
        Close(ClosureReasonCodes.Unfounded, [Reported()]).ShouldReject(409, ProblemKinds.NotClosableWithoutPlan);

    [Fact]
    public void the_latest_verification_counts() =>
        Close(ClosureReasonCodes.Unfounded, [Reported(), Unsubstantiated(), Verified()]).ShouldReject(409, ProblemKinds.NotClosableWithoutPlan);

    [Fact]
    public void a_report_rated_above_low_risk_is_not_unfounded() =>
        Close(ClosureReasonCodes.Unfounded, [Reported(), Unsubstantiated(), Risk(RiskLevel.Medium)]).ShouldReject(409, ProblemKinds.NotClosableWithoutPlan);

    [Fact]
    public void low_risk_with_no_emergency_measures_closes_as_no_protection_need() =>
        Close(ClosureReasonCodes.NoProtectionNeed, [Reported(), Verified(), Risk(RiskLevel.Low)]).ShouldAcceptOne<CaseClosed>()
            .ReasonCode.ShouldBe("no-protection-need");

    [Theory]
    [InlineData(RiskLevel.Medium, false)]
    [InlineData(RiskLevel.High, false)]
    [InlineData(RiskLevel.Low, true)]
    public void no_protection_need_needs_low_risk_and_no_emergency_measures(RiskLevel overall, bool emergency) =>
        Close(ClosureReasonCodes.NoProtectionNeed, [Reported(), Verified(), Risk(overall, emergency)]).ShouldReject(409, ProblemKinds.NotClosableWithoutPlan);

    [Fact]
    public void no_protection_need_without_a_risk_rating_is_a_conflict() =>
        Close(ClosureReasonCodes.NoProtectionNeed, [Reported(), Verified()]).ShouldReject(409, ProblemKinds.NotClosableWithoutPlan);

    [Fact]
    public void a_duplicate_names_the_case_it_duplicates()
    {
        var other = Guid.CreateVersion7();

        var closed = Close(ClosureReasonCodes.Duplicate, [Reported(), Verified()], duplicateOf: other).ShouldAcceptOne<CaseClosed>();

        (closed.ReasonCode, closed.DuplicateOfCaseId, closed.ReferredTo).ShouldBe(("duplicate", other, null));
        Close(ClosureReasonCodes.Duplicate, [Reported(), Verified()]).ShouldReject(400, "duplicateOfCaseId");
        Close(ClosureReasonCodes.Duplicate, [Reported(), Verified()], duplicateOf: Given.CaseId).ShouldReject(400, "duplicateOfCaseId");
    }

    [Fact]
    public void a_referral_elsewhere_names_where()
    {
        Close(ClosureReasonCodes.ReferredElsewhere, [Reported(), Unsubstantiated()], referredTo: "the province's labour inspectorate")
            .ShouldAcceptOne<CaseClosed>().ReferredTo.ShouldBe("the province's labour inspectorate");
        Close(ClosureReasonCodes.ReferredElsewhere, [Reported(), Unsubstantiated()]).ShouldReject(400, "referredTo");
    }

    [Theory]
    [InlineData("duplicate")]
    [InlineData("referred-elsewhere")]
    public void referral_and_duplicate_are_findings_of_a_verification(string code) =>
        Close(code, [Reported()], Guid.CreateVersion7(), "elsewhere").ShouldReject(409, ProblemKinds.NotClosableWithoutPlan);

    [Theory]
    [InlineData("")]
    [InlineData("Unfounded")]
    [InlineData("resolved")]
    public void an_unknown_reason_code_is_a_400_naming_it(string code) =>
        Close(code, [Reported(), Unsubstantiated()]).ShouldReject(400, "reasonCode");

    [Fact]
    public void a_closure_without_a_reason_in_words_is_a_400() =>
        CloseWithoutPlanEndpoint.Decide(Given.Case(Reported(), Unsubstantiated()), new CloseWithoutPlan("unfounded", " "), Officer())
            .ShouldReject(400, "reason");

    [Fact]
    public void a_case_with_an_approved_plan_closes_through_a_review_not_without_a_plan() =>
        Close(ClosureReasonCodes.NoProtectionNeed, PlanInForce(Risk(RiskLevel.Low))).ShouldReject(409, ProblemKinds.NotClosableWithoutPlan);

    [Fact]
    public void emergency_protection_in_force_is_ended_first() =>
        Close(ClosureReasonCodes.Unfounded, [Reported(), Unsubstantiated(), Ordered()]).ShouldReject(409, ProblemKinds.ProtectionInForce);

    [Fact]
    public void a_reopened_case_is_verified_again_before_it_closes_as_unfounded_again()
    {
        var closedUnfounded = new CaseClosed(Given.CaseId, ReportedAt.AddDays(1), "nothing found", "unfounded");
        object[] reopened = [Reported(), Unsubstantiated(), closedUnfounded, Reopened()];

        Close(ClosureReasonCodes.Unfounded, reopened).ShouldReject(409, ProblemKinds.NotClosableWithoutPlan);
        Close(ClosureReasonCodes.Unfounded, [.. reopened, Unsubstantiated()]).ShouldAccept();
    }

    [Fact]
    public void a_reopened_case_whose_old_plan_was_closed_may_close_without_a_new_one_once_verified_unfounded() =>
        Close(ClosureReasonCodes.Unfounded, [.. ClosedCase(), Reopened(), Unsubstantiated()]).ShouldAccept();

    [Fact]
    public void the_case_remembers_the_code_it_closed_with_until_reopened()
    {
        var closed = Given.Case(Reported(), Unsubstantiated(), new CaseClosed(Given.CaseId, ReportedAt.AddDays(1), "nothing", "unfounded"));
        (closed.IsClosed, closed.ClosureReasonCode).ShouldBe((true, "unfounded"));

        var reopened = Given.Case(Reported(), Unsubstantiated(), new CaseClosed(Given.CaseId, ReportedAt.AddDays(1), "nothing", "unfounded"), Reopened());
        (reopened.IsClosed, reopened.ClosureReasonCode, reopened.Substantiated).ShouldBe((false, (string?)null, (bool?)null));
    }
}
