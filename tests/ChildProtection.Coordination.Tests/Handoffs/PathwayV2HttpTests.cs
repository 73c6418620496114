using System.Net;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Tests.Support;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>Pathway version 2 on a real host, database and the demo directory: intake, the police, the plan clock, where work goes.</summary>
public sealed class PathwayV2HttpTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private const string Commune = HandoffApi.Commune;

    private static ReportCase Report(ReportChannel channel, HarmForm[]? harm = null, bool injured = false, bool danger = false, string? school = "Trường Tiểu học Hải Đình") =>
        HandoffApi.Report(harm) with
        {
            Channel = channel,
            Child = HandoffApi.Report(harm).Child with { School = school },
            Incident = HandoffApi.Report(harm).Incident with { Injured = injured, ImmediateDanger = danger },
        };

    private async Task<Guid> ReportAs(string role, string agency, ReportCase report)
    {
        var response = await App.Client(role, agency).PostJson("/api/cases", report);
        await response.ShouldHave(HttpStatusCode.Created);
        return (await response.Read<StepAccepted>()).CaseId;
    }

    private async Task<CaseSummary> Summary(Guid caseId) =>
        await (await App.Client("commune-officer", "ubnd-dong-hoi").GetAsync($"/api/cases/{caseId}")).Read<CaseSummary>();

    /// <summary>The pathway has decided the assessment once the verification work it fulfils is completed: events are decided in order.</summary>
    private async Task AssessedAndDecided(Guid caseId, AssessInitialRisk risk)
    {
        var verify = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, "ubnd-dong-hoi");
        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/risk-assessment", risk);
        await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == verify.HandoffId, "the verification completed by the assessment");
    }

    [Fact]
    public async Task a_report_the_commune_of_the_incident_took_itself_starts_the_12_hour_clock_in_its_own_inbox()
    {
        var caseId = await ReportAs("commune-officer", "ubnd-dong-hoi", Report(ReportChannel.Commune));

        var entry = await App.InInbox("ubnd-dong-hoi", e => e.CaseId == caseId, "the report in the commune's own inbox");
        (entry.Task, entry.FromAgency).ShouldBe((HandoffTask.VerifyAndAssess, "ubnd-dong-hoi"));
        var requested = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, "ubnd-dong-hoi");
        var reported = (CaseReported)(await App.History(caseId))[0].Data;
        requested.DueAt.ShouldBe(reported.ReceivedAt.AddHours(12));
        (requested.RuleId, requested.PathwayVersion, reported.PathwayVersion).ShouldBe(("report-to-commune", 2, 2));
    }

    [Theory]
    [InlineData("education-officer", "th-hai-dinh", ReportChannel.School)]
    [InlineData("social-worker", "ctxh-quang-tri", ReportChannel.SocialWorkCentre)]
    [InlineData("social-worker", "ctxh-quang-tri", ReportChannel.ProvincialSocialWorkLine)]
    [InlineData("social-worker", "ctxh-quang-tri", ReportChannel.ProvincialCounsellingLine)]
    public async Task a_report_taken_by_a_school_a_social_work_centre_or_a_provincial_line_is_handed_to_the_commune_like_111(string role, string agency, ReportChannel channel)
    {
        var caseId = await ReportAs(role, agency, Report(channel, [HarmForm.Neglect]));

        var requested = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, "ubnd-dong-hoi");
        requested.FromAgency.ShouldBe(agency);
        // The reporting agency reads the case it opened.
        await (await App.Client(role, agency).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task violence_with_an_injury_reaches_the_police_and_health()
    {
        var caseId = await ReportAs("hotline-operator", "hotline-111", Report(ReportChannel.Hotline111, [HarmForm.Violence], injured: true));

        var crime = await App.Handoff(caseId, HandoffTask.CrimeReport, "ca-dong-hoi");
        crime.DueAt.ShouldBe(crime.RequestedAt.AddHours(24), TimeSpan.FromMinutes(1));
        await App.Handoff(caseId, HandoffTask.MedicalExamination, "tyt-dong-hoi");
        (await Summary(caseId)).Clocks.ShouldContain(c => c.Name == "crime-report");
    }

    [Fact]
    public async Task a_verification_marked_as_a_suspected_crime_calls_the_police_in_and_their_referral_reaches_the_investigation_agency()
    {
        var caseId = await ReportAs("hotline-operator", "hotline-111", Report(ReportChannel.Hotline111, [HarmForm.Neglect]));
        await App.Handoff(caseId, HandoffTask.VerifyAndAssess, "ubnd-dong-hoi");
        (await Summary(caseId)).Clocks.ShouldNotContain(c => c.Name == "crime-report");

        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/verification", new VerifyReport(true, "Burns on both arms", SuspectedCrime: true));

        var crime = await App.Handoff(caseId, HandoffTask.CrimeReport, "ca-dong-hoi");
        crime.RuleId.ShouldBe("suspected-crime-to-police-report");
        (await Summary(caseId)).Clocks.ShouldContain(c => c.Name == "crime-report");

        // The commune police pass the report on: the decision is handed to the provincial investigation agency.
        await App.Post("police-officer", "ca-dong-hoi", $"/api/cases/{caseId}/crime-report", new RecordCrimeReport("CA-DH-2026-0200", true));
        var referral = await App.Handoff(caseId, HandoffTask.CriminalProceedings, "ca-quang-tri");
        (referral.FromAgency, referral.ToKind).ShouldBe(("ca-dong-hoi", AgencyKind.ProvincialPolice));
        await App.InInbox("ca-quang-tri", e => e.CaseId == caseId && e.Task == HandoffTask.CriminalProceedings, "the referral in the investigation agency's inbox", "police-officer");

        await App.Post("police-officer", "ca-quang-tri", $"/api/cases/{caseId}/crime-report/decision",
            new DecideCriminalProceedings(ProceedingsDecision.Instituted, "QĐ-KT-2026-15"));
        await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == referral.HandoffId, "the referral completed by the decision");
    }

    [Fact]
    public async Task a_low_risk_assessment_starts_no_plan_clock_and_hands_out_no_plan()
    {
        var caseId = await ReportAs("hotline-operator", "hotline-111", Report(ReportChannel.Hotline111, [HarmForm.Neglect]));
        await AssessedAndDecided(caseId, new AssessInitialRisk(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false));

        (await App.History(caseId)).Select(e => e.Data).OfType<HandoffRequested>().ShouldNotContain(h => h.Task == HandoffTask.DraftPlan);
        var summary = await Summary(caseId);
        summary.Clocks.Select(c => c.Name).ShouldBe(["initial-assessment"]);
        summary.Handoffs.ShouldNotContain(h => h.Task == HandoffTask.DraftPlan);
    }

    [Fact]
    public async Task a_medium_risk_assessment_starts_the_plan_clock_in_the_summary_and_the_inbox_alike()
    {
        var caseId = await ReportAs("hotline-operator", "hotline-111", Report(ReportChannel.Hotline111, [HarmForm.Neglect]));
        await AssessedAndDecided(caseId, new AssessInitialRisk(RiskLevel.Medium, RiskLevel.Low, RiskLevel.Low, RiskLevel.Medium, false));

        var draft = await App.Handoff(caseId, HandoffTask.DraftPlan, "ubnd-dong-hoi");
        var clock = (await Summary(caseId)).Clocks.Single(c => c.Name == "plan-drafted");
        clock.DueAt.ShouldBe(draft.DueAt);
    }

    [Fact]
    public async Task a_forensic_examination_goes_to_the_provinces_forensic_centre()
    {
        var caseId = await ReportAs("hotline-operator", "hotline-111", Report(ReportChannel.Hotline111, [HarmForm.SexualAbuse]));

        var forensic = await App.Handoff(caseId, HandoffTask.ForensicExamination, "phapy-quang-tri");
        forensic.ToKind.ShouldBe(AgencyKind.ForensicMedicineCentre);
        // The centre requests the examination on the case; it is not handed to it a second time, and its record completes the work.
        var exam = await App.Post("health-worker", "phapy-quang-tri", $"/api/cases/{caseId}/medical-exams", new RequestMedicalExam(ExamKind.Forensic, "evidence"));
        await App.Post("health-worker", "phapy-quang-tri", $"/api/cases/{caseId}/medical-exams/{exam.Id}/complete",
            new RecordMedicalExam("Trung tâm Pháp y tỉnh Quảng Trị", GuardianPresent: true, PrivateRoom: true, "Findings recorded"));
        await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == forensic.HandoffId, "the forensic examination completed");
        (await App.History(caseId)).Select(e => e.Data).OfType<HandoffRequested>().Count(h => h.Task == HandoffTask.ForensicExamination).ShouldBe(1);
    }

    [Theory]
    [InlineData("Trường Tiểu học Hải Đình", "th-hai-dinh")]
    [InlineData("  trường tiểu học  hải đình ", "th-hai-dinh")]
    [InlineData("Trường Trung học cơ sở Đồng Hới", "thcs-dong-hoi")]
    [InlineData("A school the directory does not hold", "sgddt-quang-tri")]
    [InlineData(null, "sgddt-quang-tri")]
    public async Task school_reintegration_goes_to_the_childs_own_school_else_to_the_education_office(string? school, string expected)
    {
        var caseId = await ReportAs("hotline-operator", "hotline-111", Report(ReportChannel.Hotline111, [HarmForm.Neglect], school: school));
        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/risk-assessment",
            new AssessInitialRisk(RiskLevel.Medium, RiskLevel.Medium, RiskLevel.Low, RiskLevel.Medium, false));
        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/detailed-assessment", new AssessNeeds(["school"], "needs"));
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20));
        var plan = await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/plan",
            new DraftPlan("back at school", [new PlanService(ServiceKind.SchoolReintegration, AgencyKind.Education, "back to class", due)]));
        await App.Post("commune-chair", "ubnd-dong-hoi", $"/api/cases/{caseId}/plan/approval", new ApprovePlan(plan.Id!.Value));

        (await App.Handoff(caseId, HandoffTask.SchoolReintegration)).ToAgency.ShouldBe(expected);
    }
}
