using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using static ChildProtection.Coordination.Tests.Support.History;
using CaseModel = ChildProtection.Coordination.Cases.Case;

namespace ChildProtection.Coordination.Tests.Cases;

/// <summary>The write model folded from the case's events: where the case stands after each one.</summary>
public sealed class CaseFoldTests
{
    private static readonly object[] Lifecycle =
    [
        Reported(), Verified(), RiskAssessed(), Ordered(), NeedsAssessed(), PlanDrafted(), PlanApproved(),
        ExamRequested(), InterviewScheduled(ReportedAt.AddDays(4), InterviewId), OrderEnded(),
        Reviewed(ReviewRecommendation.Close), Closed(), Reopened(),
    ];

    public static TheoryData<int, CaseStage, CaseStatus> StageAfterEach => new()
    {
        { 0, CaseStage.Reported, CaseStatus.Open },
        { 1, CaseStage.Verified, CaseStatus.Open },
        { 2, CaseStage.RiskAssessed, CaseStatus.Open },
        { 3, CaseStage.RiskAssessed, CaseStatus.Open },
        { 4, CaseStage.NeedsAssessed, CaseStatus.Open },
        { 5, CaseStage.PlanDrafted, CaseStatus.Open },
        { 6, CaseStage.PlanApproved, CaseStatus.Open },
        { 7, CaseStage.PlanApproved, CaseStatus.Open },
        { 8, CaseStage.PlanApproved, CaseStatus.Open },
        { 9, CaseStage.PlanApproved, CaseStatus.Open },
        { 10, CaseStage.Reviewed, CaseStatus.Open },
        { 11, CaseStage.Closed, CaseStatus.Closed },
        { 12, CaseStage.Reopened, CaseStatus.Open },
    };

    [Theory, MemberData(nameof(StageAfterEach))]
    public void the_stage_and_status_after_each_event(int last, CaseStage stage, CaseStatus status)
    {
        var current = Given.Case(Lifecycle[..(last + 1)]);

        current.Stage.ShouldBe(stage);
        current.Status.ShouldBe(status);
        current.IsClosed.ShouldBe(status == CaseStatus.Closed);
    }

    [Fact]
    public void a_reported_case_holds_what_the_decisions_need_from_the_report()
    {
        var current = CaseModel.Create(Given.Reported(harm: [HarmForm.SexualAbuse], dateOfBirth: new DateOnly(2015, 3, 1), at: ReportedAt));

        current.Id.ShouldBe(Given.CaseId);
        current.ReceivedAt.ShouldBe(ReportedAt);
        current.ChildDateOfBirth.ShouldBe(new DateOnly(2015, 3, 1));
        current.ChildAgeAtReport.ShouldBeNull();
        current.HarmForms.ShouldBe([HarmForm.SexualAbuse]);
        current.PlanId.ShouldBeNull();
        current.LastReview.ShouldBeNull();
    }

    [Fact]
    public void a_late_verification_does_not_move_an_approved_plan_back()
    {
        Given.Case(PlanInForce(Verified(), RiskAssessed(), NeedsAssessed())).Stage.ShouldBe(CaseStage.PlanApproved);
    }

    [Fact]
    public void after_reopening_the_first_steps_move_the_stage_again()
    {
        Given.Case([.. ClosedCase(), Reopened(), Verified()]).Stage.ShouldBe(CaseStage.Verified);
        Given.Case([.. ClosedCase(), Reopened(), Verified(), RiskAssessed()]).Stage.ShouldBe(CaseStage.RiskAssessed);
    }

    [Fact]
    public void a_new_plan_after_a_review_puts_the_case_back_to_plan_drafted()
    {
        var second = Guid.CreateVersion7();

        var current = Given.Case(PlanInForce(Reviewed(ReviewRecommendation.Replan), PlanDrafted(second)));

        current.Stage.ShouldBe(CaseStage.PlanDrafted);
        current.PlanId.ShouldBe(second);
        current.PlanStatus.ShouldBe(PlanStatus.Drafted);
    }

    [Fact]
    public void the_plan_is_drafted_then_approved()
    {
        Given.Case(Assessed(PlanDrafted())).PlanStatus.ShouldBe(PlanStatus.Drafted);
        Given.Case(PlanInForce()).ShouldSatisfyAllConditions(c => c.PlanStatus.ShouldBe(PlanStatus.Approved), c => c.PlanId.ShouldBe(PlanId));
    }

    [Fact]
    public void the_latest_review_is_kept_and_reopening_forgets_it()
    {
        Given.Case(PlanInForce(Reviewed(ReviewRecommendation.Continue), Reviewed(ReviewRecommendation.Close))).LastReview.ShouldBe(ReviewRecommendation.Close);
        Given.Case([.. ClosedCase(), Reopened()]).LastReview.ShouldBeNull();
    }

    [Fact]
    public void assessments_are_remembered()
    {
        var current = Given.Case(Assessed());

        current.InitialRiskAssessed.ShouldBeTrue();
        current.NeedsAssessed.ShouldBeTrue();
    }

    [Fact]
    public void an_order_is_in_force_until_it_ends_and_an_extension_moves_its_end()
    {
        var newEnd = Given.Now.AddDays(30);

        Given.Case(Reported(), Ordered()).Orders.ShouldHaveSingleItem().ShouldBe(
            new CaseModel.ProtectionOrder(OrderId, true, Ordered().OrderedAt, Ordered().SeparationEndsAt, false));
        Given.Case(Reported(), Ordered(), new SeparationExtended(Given.CaseId, OrderId, Given.Now, newEnd, "unsafe"))
            .Orders.Single().EndsAt.ShouldBe(newEnd);
        Given.Case(Reported(), Ordered(), OrderEnded()).Orders.Single().Ended.ShouldBeTrue();
    }

    [Fact]
    public void an_examination_is_pending_until_it_is_recorded()
    {
        Given.Case(Reported(), ExamRequested()).Exams.ShouldHaveSingleItem().ShouldBe(new CaseModel.Exam(ExamId, ExamKind.Forensic, ExamRequested().RequestedAt, false));
        Given.Case(Reported(), ExamRequested(), ExamCompleted()).Exams.Single().Completed.ShouldBeTrue();
    }

    [Fact]
    public void an_interview_holds_when_it_started_and_how_long_it_lasted_once_held()
    {
        var scheduledFor = Vn(2026, 11, 20, 9);
        var startedAt = Vn(2026, 11, 20, 10);

        Given.Case(Reported(), InterviewScheduled(scheduledFor, InterviewId)).Interviews.ShouldHaveSingleItem()
            .ShouldBe(new CaseModel.Interview(InterviewId, scheduledFor, null, null));
        Given.Case(Reported(), InterviewScheduled(scheduledFor, InterviewId), InterviewConducted(InterviewId, startedAt, 1.5)).Interviews.Single()
            .ShouldBe(new CaseModel.Interview(InterviewId, scheduledFor, startedAt, TimeSpan.FromHours(1.5)));
    }

    [Fact]
    public void events_about_unknown_exams_interviews_or_orders_change_nothing()
    {
        var unknown = Guid.CreateVersion7();

        var current = Given.Case(Reported(), ExamRequested(), ExamCompleted(unknown), InterviewConducted(unknown, Vn(2026, 11, 20, 9)), OrderEnded(unknown));

        current.Exams.Single().Completed.ShouldBeFalse();
        current.Interviews.ShouldBeEmpty();
        current.Orders.ShouldBeEmpty();
    }

    [Fact]
    public void the_return_to_school_is_planned_then_completed()
    {
        Given.Case(Reported(), SchoolPlanned()).ShouldSatisfyAllConditions(
            c => c.SchoolReintegrationPlanned.ShouldBeTrue(), c => c.SchoolReintegrationCompleted.ShouldBeFalse());
        Given.Case(Reported(), SchoolPlanned(), SchoolCompleted()).SchoolReintegrationCompleted.ShouldBeTrue();
    }

    [Fact]
    public void the_childs_age_comes_from_the_date_of_birth()
    {
        var current = Given.Case(Reported(dateOfBirth: new DateOnly(2014, 6, 15)));

        current.ChildAgeOn(new DateOnly(2026, 6, 14)).ShouldBe(11);
        current.ChildAgeOn(new DateOnly(2026, 6, 15)).ShouldBe(12);
    }

    [Fact]
    public void without_a_date_of_birth_the_age_at_the_report_grows_with_the_years_since()
    {
        var current = Given.Case(Reported(ageYears: 12, at: Vn(2025, 11, 20, 9)));

        current.ChildAgeOn(new DateOnly(2026, 11, 19)).ShouldBe(12);
        current.ChildAgeOn(new DateOnly(2026, 11, 20)).ShouldBe(13);
    }

    [Fact]
    public void with_neither_date_of_birth_nor_age_the_age_is_unknown()
    {
        var report = Reported() with { Child = new ChildDetails("Child", Sex.Unknown, "commune-1") };

        CaseModel.Create(report).ChildAgeOn(new DateOnly(2026, 11, 25)).ShouldBeNull();
    }
}
