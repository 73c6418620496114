using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases;

/// <summary>A step that follows another cannot be dated before it.</summary>
public sealed class StepOrderDecisionTests
{
    [Fact]
    public void a_plan_cannot_be_approved_before_it_was_drafted()
    {
        var current = Given.Case(Assessed(PlanDrafted()));
        ApprovePlanEndpoint.Decide(current, new ApprovePlan(PlanId, OccurredAt: PlanDrafted().DraftedAt.AddMinutes(-1)), Chair())
            .ShouldReject(400, "occurredAt");
        ApprovePlanEndpoint.Decide(current, new ApprovePlan(PlanId, OccurredAt: PlanDrafted().DraftedAt), Chair())
            .ShouldAcceptOne<SupportPlanApproved>();
    }

    [Fact]
    public void an_examination_cannot_be_done_before_it_was_requested()
    {
        var current = Given.Case(Reported(), ExamRequested());
        var early = new RecordMedicalExam("hospital", true, true, "findings", ExamRequested().RequestedAt.AddMinutes(-1));
        RecordMedicalExamEndpoint.Decide(current, ExamId, early, Health()).ShouldReject(400, "occurredAt");
        RecordMedicalExamEndpoint.Decide(current, ExamId, early with { OccurredAt = ExamRequested().RequestedAt }, Health())
            .ShouldAcceptOne<MedicalExamCompleted>();
    }

    [Fact]
    public void a_separation_cannot_be_extended_before_it_was_ordered()
    {
        var current = Given.Case(Reported(), Ordered());
        var extension = new ExtendSeparation(Ordered().SeparationEndsAt!.Value.AddDays(5), "investigation", Ordered().OrderedAt.AddMinutes(-1));
        ExtendSeparationEndpoint.Decide(current, OrderId, extension, Chair()).ShouldReject(400, "occurredAt");
        ExtendSeparationEndpoint.Decide(current, OrderId, extension with { OccurredAt = null }, Chair()).ShouldAcceptOne<SeparationExtended>();
    }

    [Fact]
    public void a_case_cannot_be_reopened_before_it_was_closed()
    {
        var current = Given.Case(ClosedCase());
        ReopenCaseEndpoint.Decide(current, new ReopenCase("again", Closed().ClosedAt.AddMinutes(-1)), Chair()).ShouldReject(400, "occurredAt");
        ReopenCaseEndpoint.Decide(current, new ReopenCase("again", Closed().ClosedAt.AddMinutes(1)), Chair()).ShouldAcceptOne<CaseReopened>();
    }

    [Fact]
    public void an_interview_cannot_be_scheduled_for_before_the_report()
    {
        var current = Given.Case(Reported());
        ScheduleInterviewEndpoint.Decide(current, new ScheduleInterview(ReportedAt.AddMinutes(-1), "room", "Lt. Hoa", true), Police())
            .ShouldReject(400, "scheduledFor");
    }

    [Fact]
    public void planned_times_years_away_are_invalid_not_an_overflow()
    {
        var current = Given.Case(Reported());
        ScheduleInterviewEndpoint.Decide(current, new ScheduleInterview(DateTimeOffset.MaxValue, "room", "Lt. Hoa", true), Police())
            .ShouldReject(400, "scheduledFor");
        OrderEmergencyProtectionEndpoint.Decide(current, new OrderEmergencyProtection("separate", true, "shelter", DateTimeOffset.MaxValue), Chair())
            .ShouldReject(400, "separationEndsAt");
    }
}
