using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>
/// Past events for pure decision tests, on one timeline: the report came in twenty days before
/// <see cref="Given.Now"/> (25 November 2026, 10:00 Vietnam time), each later step a day after the one before.
/// </summary>
internal static class History
{
    public static readonly DateTimeOffset ReportedAt = Given.Now.AddDays(-20);
    public static readonly Guid PlanId = Guid.CreateVersion7();
    public static readonly Guid OrderId = Guid.CreateVersion7();
    public static readonly Guid ExamId = Guid.CreateVersion7();
    public static readonly Guid InterviewId = Guid.CreateVersion7();

    /// <summary>A moment in Vietnam time (UTC+7).</summary>
    public static DateTimeOffset Vn(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, VietnamTime.Offset);

    public static StepContext Chair(DateTimeOffset? now = null, CaseRulesOptions? rules = null) => Given.Context(Roles.CommuneChair, now, rules);
    public static StepContext Officer(DateTimeOffset? now = null, CaseRulesOptions? rules = null) => Given.Context(Roles.CommuneOfficer, now, rules);
    public static StepContext Police(DateTimeOffset? now = null, CaseRulesOptions? rules = null) => Given.Context(Roles.PoliceOfficer, now, rules);
    public static StepContext Health(DateTimeOffset? now = null, CaseRulesOptions? rules = null) => Given.Context(Roles.HealthWorker, now, rules);

    public static CaseReported Reported(int ageYears = 9, DateOnly? dateOfBirth = null, DateTimeOffset? at = null) =>
        Given.Reported(ageYears, dateOfBirth, at: at ?? ReportedAt);

    public static ReportVerified Verified() => new(Given.CaseId, ReportedAt.AddHours(2), true, "bruises seen");

    public static InitialRiskAssessed RiskAssessed() =>
        new(Given.CaseId, ReportedAt.AddHours(6), RiskLevel.High, RiskLevel.High, RiskLevel.Medium, RiskLevel.High, true, null);

    public static DetailedAssessmentCompleted NeedsAssessed() => new(Given.CaseId, ReportedAt.AddDays(1), ["safety", "school"], "needs");

    public static SupportPlanDrafted PlanDrafted(Guid? planId = null) => new(Given.CaseId, planId ?? PlanId, ReportedAt.AddDays(2), "goals",
        [new PlannedService(Guid.CreateVersion7(), ServiceKind.MedicalCare, AgencyKind.HealthFacility, "check-up", VietnamTime.DateOf(ReportedAt).AddDays(5))]);

    public static SupportPlanApproved PlanApproved(Guid? planId = null) => new(Given.CaseId, planId ?? PlanId, ReportedAt.AddDays(3), null);

    public static CaseReviewed Reviewed(ReviewRecommendation recommendation) => new(Given.CaseId, ReportedAt.AddDays(10), recommendation, "review");

    public static CaseClosed Closed() => new(Given.CaseId, ReportedAt.AddDays(11), "safe and stable");

    public static CaseReopened Reopened() => new(Given.CaseId, ReportedAt.AddDays(12), "at risk again");

    public static EmergencyProtectionOrdered Ordered(Guid? orderId = null, bool separation = true, DateTimeOffset? at = null, int days = 10)
    {
        var orderedAt = at ?? ReportedAt.AddHours(8);
        return new(Given.CaseId, orderId ?? OrderId, orderedAt, "removed from home", separation,
            separation ? "shelter" : null, separation ? orderedAt.AddDays(days) : null);
    }

    public static EmergencyProtectionEnded OrderEnded(Guid? orderId = null) => new(Given.CaseId, orderId ?? OrderId, ReportedAt.AddDays(9), "home is safe");

    public static MedicalExamRequested ExamRequested(Guid? examId = null) => new(Given.CaseId, examId ?? ExamId, ReportedAt.AddHours(3), ExamKind.Forensic, "injuries");

    public static MedicalExamCompleted ExamCompleted(Guid? examId = null) =>
        new(Given.CaseId, examId ?? ExamId, ReportedAt.AddHours(5), "provincial hospital", true, true, "findings");

    public static InterviewScheduled InterviewScheduled(DateTimeOffset scheduledFor, Guid? interviewId = null) =>
        new(Given.CaseId, interviewId ?? Guid.CreateVersion7(), scheduledFor, "friendly room", "Lt. Hoa", true);

    public static InterviewConducted InterviewConducted(Guid interviewId, DateTimeOffset startedAt, double hours = 1) =>
        new(Given.CaseId, interviewId, startedAt, TimeSpan.FromHours(hours), true, true, null);

    public static SchoolReintegrationPlanned SchoolPlanned() =>
        new(Given.CaseId, ReportedAt.AddDays(4), "Hải Đình primary", VietnamTime.DateOf(ReportedAt).AddDays(14), "new class");

    public static SchoolReintegrationCompleted SchoolCompleted() => new(Given.CaseId, ReportedAt.AddDays(8), "Hải Đình primary", null);

    /// <summary>Reported, verified, risk and needs assessed: ready for a plan.</summary>
    public static object[] Assessed(params object[] more) => [Reported(), Verified(), RiskAssessed(), NeedsAssessed(), .. more];

    /// <summary>... with the plan drafted and approved.</summary>
    public static object[] PlanInForce(params object[] more) => Assessed([PlanDrafted(), PlanApproved(), .. more]);

    /// <summary>Every step has happened: the case is closed.</summary>
    public static object[] ClosedCase() => PlanInForce(
        ExamRequested(), InterviewScheduled(ReportedAt.AddDays(4), InterviewId), Ordered(), SchoolPlanned(),
        OrderEnded(), Reviewed(ReviewRecommendation.Close), Closed());

    public static TEvent ShouldAcceptOne<TEvent>(this Decision decision)
    {
        var events = decision.ShouldAccept();
        events.Count.ShouldBe(1);
        return events[0].ShouldBeOfType<TEvent>();
    }
}
