using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Verification;
using JasperFx.Events;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Cases;

/// <summary>One case from a hotline report to closure through every legal step, each taken by the agency the law names.</summary>
public sealed class CaseJourneyTests(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public async Task a_case_travels_from_a_hotline_report_to_closure_through_every_step()
    {
        var now = DateTimeOffset.UtcNow;
        var report = Scenarios.HotlineReport(harm: [HarmForm.SexualAbuse, HarmForm.Violence], occurredAt: now.AddHours(-30)) with { ReceivedAt = now.AddHours(-3) };
        var caseId = await App.ReportAsync(report);
        var version = 1L;

        async Task<StepAccepted> Step(string role, string agency, string path, object body)
        {
            var response = await App.Client(role, agency).PostJson($"/api/cases/{caseId}/{path}", body,
                ("If-Match", $"\"{version}\""), ("X-Correlation-Id", $"journey-{path.Replace('/', '-')}"));
            await response.ShouldHave(HttpStatusCode.OK);
            var accepted = await response.Read<StepAccepted>();
            accepted.Version.ShouldBe(version + 1);
            version = accepted.Version;
            return accepted;
        }

        await Step("police-officer", "ca-dong-hoi", "crime-report", new RecordCrimeReport("TG-2026-0042", true));
        await Step("commune-officer", "ubnd-dong-hoi", "verification", new VerifyReport(true, "Bruises seen; child confirms"));
        await Step("commune-officer", "ubnd-dong-hoi", "risk-assessment",
            new AssessInitialRisk(RiskLevel.High, RiskLevel.High, RiskLevel.Medium, RiskLevel.High, true));
        var order = await Step("commune-chair", "ubnd-dong-hoi", "emergency-protection",
            new OrderEmergencyProtection("Separate the child from the step-father", true, "Maternal grandmother's home", now.AddDays(10)));
        await Step("commune-chair", "ubnd-dong-hoi", $"emergency-protection/{order.Id}/extend",
            new ExtendSeparation(now.AddDays(20), "Investigation ongoing"));
        var exam = await Step("commune-officer", "ubnd-dong-hoi", "medical-exams", new RequestMedicalExam(ExamKind.Forensic, "Sexual abuse reported"));
        await Step("health-worker", "bvdk-quang-tri", $"medical-exams/{exam.Id}/complete",
            new RecordMedicalExam("Quảng Bình General Hospital", GuardianPresent: true, PrivateRoom: true, "Findings recorded"));
        var interview = await Step("police-officer", "ca-dong-hoi", "interviews",
            new ScheduleInterview(now.AddMinutes(-100), "Friendly room, commune police", "Officer Lan", GuardianNotified: true));
        await Step("police-officer", "ca-dong-hoi", $"interviews/{interview.Id}/conduct",
            new ConductInterview(now.AddMinutes(-90), TimeSpan.FromMinutes(45), GuardianPresent: true, Recorded: true));
        await Step("social-worker", "ctxh-quang-tri", "detailed-assessment", new AssessNeeds(["safety", "counselling", "schooling"], "Needs stable care"));
        var plan = await Step("commune-officer", "ubnd-dong-hoi", "plan", new DraftPlan("Safe, supported, back at school",
        [
            new PlanService(ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "Weekly counselling", DateOnly.FromDateTime(now.AddDays(30).Date)),
            new PlanService(ServiceKind.SchoolReintegration, AgencyKind.Education, "Return to class", DateOnly.FromDateTime(now.AddDays(14).Date)),
        ]));
        await Step("commune-chair", "ubnd-dong-hoi", "plan/approval", new ApprovePlan(plan.Id!.Value, "Approved"));
        await Step("social-worker", "ctxh-quang-tri", "psychosocial-support", new ProvidePsychosocialSupport(ServiceKind.Counselling, "CTXH Quảng Bình", "First session"));
        await Step("commune-officer", "ubnd-dong-hoi", "legal-aid", new ProvideLegalAid("Provincial legal aid centre", "Advised the mother"));
        await Step("education-officer", "th-hai-dinh", "school-reintegration",
            new PlanSchoolReintegration("Trường Tiểu học Hải Đình", DateOnly.FromDateTime(now.AddDays(7).Date), "Same class, teacher briefed"));
        await Step("education-officer", "th-hai-dinh", "school-reintegration/complete", new CompleteSchoolReintegration("Trường Tiểu học Hải Đình"));
        await Step("commune-chair", "ubnd-dong-hoi", $"emergency-protection/{order.Id}/end", new EndEmergencyProtection("Step-father left the home"));
        await Step("commune-officer", "ubnd-dong-hoi", "reviews", new ReviewCase(ReviewRecommendation.Close, "Child safe and stable", Risk: Bodies.LowRisk));
        await Step("commune-chair", "ubnd-dong-hoi", "closure", new CloseCase("Safe and stable"));

        var summary = await App.Client("auditor", "inspectorate").GetAsync($"/api/cases/{caseId}");
        var body = await summary.ShouldHave(HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("Closed");
        body.GetProperty("stage").GetString().ShouldBe("Closed");
        body.GetProperty("version").GetInt64().ShouldBe(version);
        body.GetProperty("openWork").GetArrayLength().ShouldBe(0);
        summary.Headers.ETag!.Tag.ShouldBe($"\"{version}\"");

        await Step("commune-chair", "ubnd-dong-hoi", "reopening", new ReopenCase("New report about the same child"));

        // The one history: every step, in order, each saying who recorded it and for which request.
        await using var session = App.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(caseId);
        events.Select(e => e.EventType).ShouldBe(
        [
            typeof(CaseReported), typeof(CrimeReportRecorded), typeof(ReportVerified), typeof(InitialRiskAssessed),
            typeof(EmergencyProtectionOrdered), typeof(SeparationExtended), typeof(MedicalExamRequested), typeof(MedicalExamCompleted),
            typeof(InterviewScheduled), typeof(InterviewConducted), typeof(DetailedAssessmentCompleted), typeof(SupportPlanDrafted),
            typeof(SupportPlanApproved), typeof(PsychosocialSupportProvided), typeof(LegalAidProvided), typeof(SchoolReintegrationPlanned),
            typeof(SchoolReintegrationCompleted), typeof(EmergencyProtectionEnded), typeof(CaseReviewed), typeof(CaseClosed), typeof(CaseReopened),
        ]);
        var approval = events.Single(e => e.Data is SupportPlanApproved);
        approval.Headers!["role"].ToString().ShouldBe("commune-chair");
        approval.Headers["agency"].ToString().ShouldBe("ubnd-dong-hoi");
        approval.Headers["user-id"].ToString().ShouldBe("user-commune-chair");
        approval.CorrelationId.ShouldBe("journey-plan-approval");
        events.ShouldAllBe(e => e.Headers != null && e.Headers.ContainsKey("agency") && e.CorrelationId != null);

        // The reporter did not consent: their name and phone were never stored.
        var reported = (CaseReported)events[0].Data;
        reported.Reporter.Name.ShouldBeNull();
        reported.Reporter.Phone.ShouldBeNull();
    }
}
