using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.MedicalExam;

/// <summary>Medical and forensic examinations: a guardian is present for a child under 13.</summary>
public sealed class MedicalExamDecisionTests
{
    private static RecordMedicalExam Exam(bool guardianPresent = true, DateTimeOffset? at = null, string facility = "provincial hospital", string findings = "bruising") =>
        new(facility, guardianPresent, true, findings, at);

    private static Decision Record(CaseReported report, RecordMedicalExam command, CaseRulesOptions? rules = null) =>
        RecordMedicalExamEndpoint.Decide(Given.Case(report, ExamRequested()), ExamId, command, Health(rules: rules));

    [Theory]
    [InlineData(ExamKind.Medical)]
    [InlineData(ExamKind.Forensic)]
    public void an_examination_is_requested_of_health(ExamKind kind)
    {
        var decision = RequestMedicalExamEndpoint.Decide(Given.Case(Reported()), new RequestMedicalExam(kind, "injuries"), Officer());

        var requested = decision.ShouldAcceptOne<MedicalExamRequested>();
        ((Decision.Accepted)decision).ResourceId.ShouldBe(requested.ExamId);
        requested.ShouldBe(new MedicalExamRequested(Given.CaseId, requested.ExamId, Given.Now, kind, "injuries"));
    }

    [Fact]
    public void requesting_an_examination_without_a_reason_is_invalid()
    {
        RequestMedicalExamEndpoint.Decide(Given.Case(Reported()), new RequestMedicalExam(ExamKind.Medical, ""), Officer()).ShouldReject(400, "reason");
    }

    [Fact]
    public void the_examination_carried_out_is_recorded()
    {
        Record(Reported(), Exam()).ShouldAcceptOne<MedicalExamCompleted>()
            .ShouldBe(new MedicalExamCompleted(Given.CaseId, ExamId, Given.Now, "provincial hospital", true, true, "bruising"));
    }

    [Fact]
    public void recording_an_examination_never_requested_is_not_found()
    {
        RecordMedicalExamEndpoint.Decide(Given.Case(Reported(), ExamRequested()), Guid.CreateVersion7(), Exam(), Health()).ShouldReject(404);
    }

    [Fact]
    public void recording_an_examination_twice_is_a_conflict()
    {
        RecordMedicalExamEndpoint.Decide(Given.Case(Reported(), ExamRequested(), ExamCompleted()), ExamId, Exam(), Health()).ShouldReject(409, ProblemKinds.AlreadyRecorded);
    }

    [Fact]
    public void an_examination_without_a_facility_is_invalid()
    {
        Record(Reported(), Exam(facility: " ")).ShouldReject(400, "facility");
    }

    [Fact]
    public void an_examination_without_findings_is_invalid()
    {
        Record(Reported(), Exam(findings: "")).ShouldReject(400, "findings");
    }

    [Fact]
    public void a_12_year_old_examined_without_a_guardian_is_a_conflict()
    {
        Record(Reported(ageYears: 12), Exam(guardianPresent: false)).ShouldReject(409, ProblemKinds.GuardianRequired);
    }

    [Fact]
    public void a_12_year_old_examined_with_a_guardian_is_accepted()
    {
        Record(Reported(ageYears: 12), Exam(guardianPresent: true)).ShouldAccept();
    }

    [Fact]
    public void a_13_year_old_examined_without_a_guardian_is_accepted()
    {
        Record(Reported(ageYears: 13), Exam(guardianPresent: false)).ShouldAcceptOne<MedicalExamCompleted>().GuardianPresent.ShouldBeFalse();
    }

    [Fact]
    public void a_child_examined_the_day_before_the_13th_birthday_needs_a_guardian()
    {
        var report = Reported(dateOfBirth: new DateOnly(2013, 11, 25));

        Record(report, Exam(guardianPresent: false, at: Given.Now.AddDays(-1))).ShouldReject(409, ProblemKinds.GuardianRequired);
    }

    [Fact]
    public void a_sealed_date_of_birth_reaches_the_decision_through_its_context_only()
    {
        // As stored: the date of birth sealed, no age in clear. The step pipeline opens it into the context.
        var stored = Reported(dateOfBirth: null) with { Child = Reported().Child with { AgeYears = null, DateOfBirth = null }, SealedChildDateOfBirth = "enc:v1:sealed" };
        var current = Given.Case(stored, ExamRequested());
        var opened = Health() with { ChildDateOfBirth = new DateOnly(2013, 11, 26) };

        RecordMedicalExamEndpoint.Decide(current, ExamId, Exam(guardianPresent: false), opened).ShouldReject(409, ProblemKinds.GuardianRequired);
        RecordMedicalExamEndpoint.Decide(current, ExamId, Exam(guardianPresent: false), Health()).ShouldAccept();
        current.ChildDateOfBirth.ShouldBeNull();
    }

    [Fact]
    public void a_child_examined_on_the_13th_birthday_may_be_seen_without_a_guardian()
    {
        var report = Reported(dateOfBirth: new DateOnly(2013, 11, 25));

        Record(report, Exam(guardianPresent: false, at: Given.Now)).ShouldAccept();
    }

    [Fact]
    public void the_birthday_counts_from_the_vietnam_date_of_the_examination()
    {
        var report = Reported(dateOfBirth: new DateOnly(2013, 11, 25));
        var justAfterVietnamMidnight = new DateTimeOffset(2026, 11, 24, 17, 30, 0, TimeSpan.Zero); // 25 November 00:30 in Vietnam
        var justBeforeVietnamMidnight = new DateTimeOffset(2026, 11, 24, 16, 30, 0, TimeSpan.Zero); // 24 November 23:30 in Vietnam

        Record(report, Exam(guardianPresent: false, at: justAfterVietnamMidnight)).ShouldAccept();
        Record(report, Exam(guardianPresent: false, at: justBeforeVietnamMidnight)).ShouldReject(409, ProblemKinds.GuardianRequired);
    }

    [Fact]
    public void a_child_reported_as_12_a_year_before_the_examination_is_now_13()
    {
        var report = Reported(ageYears: 12, at: Vn(2025, 11, 20, 9));

        Record(report, Exam(guardianPresent: false)).ShouldAccept();
    }

    [Fact]
    public void a_child_reported_as_12_less_than_a_year_before_the_examination_is_still_12()
    {
        var report = Reported(ageYears: 12, at: Vn(2026, 1, 10, 9));

        Record(report, Exam(guardianPresent: false)).ShouldReject(409, ProblemKinds.GuardianRequired);
    }

    [Fact]
    public void the_guardian_age_is_configurable()
    {
        Record(Reported(ageYears: 14), Exam(guardianPresent: false), new CaseRulesOptions { GuardianRequiredUnderAge = 15 }).ShouldReject(409, ProblemKinds.GuardianRequired);
        Record(Reported(ageYears: 11), Exam(guardianPresent: false), new CaseRulesOptions { GuardianRequiredUnderAge = 11 }).ShouldAccept();
    }
}
