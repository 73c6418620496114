using System.Net;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.FollowUp;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;

namespace ChildProtection.Coordination.Tests.Cases;

/// <summary>
/// The five commonest real cases (issue 14), each from the report to its closure through the real host with the pathway,
/// the inboxes and the clocks running: who is handed what, which clocks start and stop, and how each case closes.
/// 1. an unfounded 111 report; 2. a school's report of neglect, low risk, monitored and closed; 3. violence with an injury
/// (police, health, separation, a plan returned once, services, review, closure); 4. sexual abuse (forensic examination,
/// child-friendly interview, emergency protection, back to school); 5. a child who moves province mid-case.
/// </summary>
public sealed class CommonCasesTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private const string Officer = "commune-officer", Chair = "commune-chair", Ward = "ubnd-dong-hoi", WardPolice = "ca-dong-hoi";

    /// <summary>Reports are taken six hours ago, so sessions and examinations held since lie after the report.</summary>
    private static readonly TimeSpan Ago = TimeSpan.FromHours(6);

    private static ReportCase Report(HarmForm harm, ReportChannel channel = ReportChannel.Hotline111, bool injured = false, bool danger = false)
    {
        var received = DateTimeOffset.UtcNow - Ago;
        var report = HandoffApi.Report([harm]);
        return report with
        {
            Channel = channel,
            ReceivedAt = received,
            Incident = report.Incident with { OccurredAt = received.AddHours(-2), Injured = injured, ImmediateDanger = danger },
        };
    }

    private async Task<(Guid CaseId, CaseReported Reported)> Reported(string role, string agency, ReportCase report)
    {
        var response = await App.Client(role, agency).PostJson("/api/cases", report);
        await response.ShouldHave(HttpStatusCode.Created);
        var caseId = (await response.Read<StepAccepted>()).CaseId;
        return (caseId, (CaseReported)(await App.History(caseId))[0].Data);
    }

    private async Task<CaseSummary> Summary(Guid caseId, string agency = Ward) =>
        await (await App.Client(Officer, agency).GetAsync($"/api/cases/{caseId}")).Read<CaseSummary>();

    private async Task<IReadOnlyList<HandoffRequested>> Requested(Guid caseId) =>
        (await App.History(caseId)).Select(e => e.Data).OfType<HandoffRequested>().ToList();

    private static CaseClock Clock(CaseSummary summary, string name) => summary.Clocks.Single(c => c.Name == name);

    private Task Completed(Guid caseId, HandoffRequested handoff, string by) =>
        App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == handoff.HandoffId, $"{handoff.Task} completed by {by}");

    /// <summary>Closed as it should be: in nobody's inbox, every hand-off completed or cancelled, every legal clock met or stopped.</summary>
    private async Task<CaseSummary> ClosedCleanly(Guid caseId, string agency = Ward)
    {
        await App.Settled(caseId);
        (await App.InboxItems(caseId)).ShouldBeEmpty("a closed case is in nobody's inbox");
        var history = (await App.History(caseId)).Select(e => e.Data).ToList();
        var ended = history.OfType<HandoffCompleted>().Select(c => c.HandoffId).Concat(history.OfType<HandoffCancelled>().Select(c => c.HandoffId)).ToHashSet();
        history.OfType<HandoffRequested>().Where(h => !ended.Contains(h.HandoffId)).Select(h => h.Task).ShouldBeEmpty("every hand-off ended");
        history.ShouldNotContain(e => e is ClockBreached);
        var summary = await Summary(caseId, agency);
        summary.Status.ShouldBe(CaseStatus.Closed);
        summary.Clocks.ShouldNotBeEmpty();
        summary.Clocks.ShouldAllBe(c => c.MetAt != null || c.StoppedAt != null);
        return summary;
    }

    [Fact]
    public async Task an_unfounded_111_report_is_handed_to_the_commune_on_the_12_hour_clock_and_closed_at_verification()
    {
        var (caseId, reported) = await Reported("hotline-operator", "hotline-111", Report(HarmForm.Neglect));

        var verify = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, Ward);
        verify.DueAt.ShouldBe(reported.ReceivedAt.AddHours(12));
        (await App.InInbox(Ward, i => i.HandoffId == verify.HandoffId, "the report in the ward's inbox")).DueAt.ShouldBe(verify.DueAt);
        var open = Clock(await Summary(caseId), "initial-assessment");
        (open.DueAt, open.MetAt, open.StoppedAt).ShouldBe((verify.DueAt, null, null));
        (await Requested(caseId)).Select(h => h.Task).ShouldBe([HandoffTask.VerifyAndAssess], "no crime signs: no police, no health");

        await App.Post(Officer, Ward, $"/api/cases/{caseId}/verification", new VerifyReport(false, "The child is well; the noise was a television."));
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/closure/without-plan", new CloseWithoutPlan("unfounded", "Verified at the home: nothing happened."));

        await App.Eventually<HandoffCancelled>(caseId, c => c.HandoffId == verify.HandoffId, "the commune's work withdrawn");
        var summary = await ClosedCleanly(caseId);
        Clock(summary, "initial-assessment").StoppedAt.ShouldNotBeNull();
        summary.Closure!.ReasonCode.ShouldBe("unfounded");
    }

    [Fact]
    public async Task a_schools_report_of_neglect_rated_low_risk_is_kept_in_view_by_the_commune_and_closed_without_a_plan()
    {
        var (caseId, reported) = await Reported("education-officer", "th-hai-dinh", Report(HarmForm.Neglect, ReportChannel.School) with { CaseType = CaseType.AtRisk });

        var verify = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, Ward);
        (verify.FromAgency, verify.DueAt).ShouldBe(("th-hai-dinh", reported.ReceivedAt.AddHours(12)));
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/verification", new VerifyReport(true, "Often hungry at school; the parents work away all week."));
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/risk-assessment", new AssessInitialRisk(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, false));
        await Completed(caseId, verify, "the assessment");

        // Low risk: no plan, no plan clock, and no breach; the commune keeps the case in view until it decides.
        var followUp = await App.InInbox(Ward, i => i.CaseId == caseId && i.Task == HandoffTask.FollowUp, "the case kept in the ward's view");
        followUp.Overdue.ShouldBeFalse();
        var summary = await Summary(caseId);
        summary.Clocks.Select(c => c.Name).ShouldBe(["initial-assessment"]);
        Clock(summary, "initial-assessment").MetAt.ShouldNotBeNull();
        (await Requested(caseId)).ShouldNotContain(h => h.Task == HandoffTask.DraftPlan || h.ToKind == AgencyKind.CommunePolice);

        await App.Post(Chair, Ward, $"/api/cases/{caseId}/closure/without-plan", new CloseWithoutPlan("no-protection-need",
            "The grandmother now cares for the child on weekdays; the school reports meals eaten."));
        var closed = await ClosedCleanly(caseId);
        closed.Closure!.ReasonCode.ShouldBe("no-protection-need");
    }

    [Fact]
    public async Task violence_with_an_injury_reaches_police_and_health_and_runs_through_separation_a_returned_plan_services_and_review_to_closure()
    {
        var (caseId, reported) = await Reported("hotline-operator", "hotline-111", Report(HarmForm.Violence, injured: true, danger: true));

        // The report: the commune (12 h), the police's crime report and interview (24 h), health's examination (24 h).
        var verify = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, Ward);
        var crime = await App.Handoff(caseId, HandoffTask.CrimeReport, WardPolice);
        var interview = await App.Handoff(caseId, HandoffTask.ChildFriendlyInterview, WardPolice);
        var exam = await App.Handoff(caseId, HandoffTask.MedicalExamination);
        crime.DueAt.ShouldBe(reported.ReceivedAt.AddHours(24));
        exam.ToKind.ShouldBe(AgencyKind.HealthFacility);
        (await Summary(caseId)).Clocks.Select(c => c.Name).ShouldBe(["initial-assessment", "crime-report"], ignoreOrder: true);

        // The police record the crime report and pass it on; the investigation agency decides.
        await App.Post("police-officer", WardPolice, $"/api/cases/{caseId}/crime-report", new RecordCrimeReport("CA-DH-2026-0301", true));
        await Completed(caseId, crime, "the crime report");
        var referral = await App.Handoff(caseId, HandoffTask.CriminalProceedings, "ca-quang-tri");
        Clock(await Summary(caseId), "crime-report").MetAt.ShouldNotBeNull();
        await App.Post("police-officer", "ca-quang-tri", $"/api/cases/{caseId}/crime-report/decision",
            new DecideCriminalProceedings(ProceedingsDecision.Instituted, "QĐ-KT-2026-31"));
        await Completed(caseId, referral, "the decision");

        // Health examines the child; the police hold one child-friendly session with the guardian.
        var examId = (await App.Post("health-worker", exam.ToAgency, $"/api/cases/{caseId}/medical-exams", new RequestMedicalExam(ExamKind.Medical, "bruises"))).Id!.Value;
        await App.Post("health-worker", exam.ToAgency, $"/api/cases/{caseId}/medical-exams/{examId}/complete",
            new RecordMedicalExam("Trạm Y tế phường Đồng Hới", GuardianPresent: true, PrivateRoom: true, "Bruises on the back, a cut on the arm"));
        await Completed(caseId, exam, "the examination");
        var session = (await App.Post("police-officer", WardPolice, $"/api/cases/{caseId}/interviews",
            new ScheduleInterview(DateTimeOffset.UtcNow.AddHours(-2), "Friendly room of the ward police", "Lt. Lan", true))).Id!.Value;
        await App.Post("police-officer", WardPolice, $"/api/cases/{caseId}/interviews/{session}/conduct",
            new ConductInterview(DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(50), GuardianPresent: true, Recorded: true));
        await Completed(caseId, interview, "the interview");

        // The commune verifies and assesses (High, emergency measures): the Chair separates the child within 12 hours.
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/verification", Bodies.Verify());
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk(emergency: true));
        await Completed(caseId, verify, "the assessment");
        var decision = await App.Handoff(caseId, HandoffTask.EmergencyDecision, Ward);
        decision.DueAt.ShouldBe(reported.ReceivedAt.AddHours(12));
        var order = (await App.Post(Chair, Ward, $"/api/cases/{caseId}/emergency-protection", Bodies.Order(separation: true))).Id!.Value;
        await Completed(caseId, decision, "the order");

        // The plan, returned once and resubmitted, on the 7-working-day approval clock from the report.
        var draft = await App.Handoff(caseId, HandoffTask.DraftPlan, Ward);
        Clock(await Summary(caseId), "plan-drafted").DueAt.ShouldBe(draft.DueAt);
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/detailed-assessment", Bodies.Needs());
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/plan/meetings", new RecordPlanningMeeting(DateTimeOffset.UtcNow.AddHours(-1),
            [new MeetingParticipant("commune-officer", Ward), new MeetingParticipant("health-worker", exam.ToAgency), new MeetingParticipant("parent")],
            "Wants to stay with the grandmother", "The mother agrees"));
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20));
        PlanService[] services = [new(ServiceKind.MedicalCare, AgencyKind.HealthFacility, "Treat the cut", due),
            new(ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "Weekly counselling", due)];
        var first = (await App.Post(Officer, Ward, $"/api/cases/{caseId}/plan", new DraftPlan("Safe with the grandmother", services))).Id!.Value;
        var approval = await App.Handoff(caseId, HandoffTask.ApprovePlan, Ward);
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/plan/return", new ReturnPlan(first, "Name the counsellor and the school contact"));
        await App.Eventually<HandoffCancelled>(caseId, c => c.HandoffId == approval.HandoffId, "the approval withdrawn by the return");
        var revision = await App.Eventually<HandoffRequested>(caseId, h => h.RuleId == "plan-revision", "the revision handed to the planner");
        revision.DueAt.ShouldBe(approval.DueAt);
        var second = (await App.Post(Officer, Ward, $"/api/cases/{caseId}/plan", new DraftPlan("Safe with the grandmother; counselling with Ms Hoa", services))).Id!.Value;
        var resubmitted = await App.Eventually<HandoffRequested>(caseId, h => h.Task == HandoffTask.ApprovePlan && h.HandoffId != approval.HandoffId, "the resubmission");
        resubmitted.DueAt.ShouldBe(approval.DueAt, "the approval clock still counts from the report");
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/plan/approval", new ApprovePlan(second));
        Clock(await Summary(caseId), "plan-approved").MetAt.ShouldNotBeNull();

        // The services, each handed to its agency and done by its outcome; the review comes round on its schedule.
        var care = await App.Eventually<HandoffRequested>(caseId, h => h.Task == HandoffTask.ProvideService && h.ToKind == AgencyKind.HealthFacility, "the care handed out");
        var counselling = await App.Eventually<HandoffRequested>(caseId, h => h.Task == HandoffTask.ProvideService && h.ToKind == AgencyKind.SocialWorkCentre, "the counselling handed out");
        await App.Post("health-worker", care.ToAgency, $"/api/cases/{caseId}/services/{care.ServiceId}/progress", new RecordServiceProgress(ProgressKind.Outcome, "Healed"));
        await App.Post("social-worker", counselling.ToAgency, $"/api/cases/{caseId}/services/{counselling.ServiceId}/progress",
            new RecordServiceProgress(ProgressKind.Session, "First session"));
        await App.Post("social-worker", counselling.ToAgency, $"/api/cases/{caseId}/services/{counselling.ServiceId}/progress",
            new RecordServiceProgress(ProgressKind.Outcome, "Sleeping well again"));
        await Completed(caseId, care, "its outcome");
        await Completed(caseId, counselling, "its outcome");
        var review = await App.Handoff(caseId, HandoffTask.ReviewCase, Ward);
        review.DueAt.ShouldBe((await App.Eventually<SupportPlanApproved>(caseId, _ => true, "the approval")).ApprovedAt.AddMonths(3));

        // The separation ends, the review finds the child safe, the Chair closes.
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/emergency-protection/{order}/end", Bodies.EndOrder());
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/reviews", Bodies.Review(ReviewRecommendation.Close));
        await Completed(caseId, review, "the review");
        var close = await App.Handoff(caseId, HandoffTask.CloseCase, Ward);
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/closure", Bodies.Close());
        await Completed(caseId, close, "the closure");
        await ClosedCleanly(caseId);
    }

    [Fact]
    public async Task sexual_abuse_goes_to_the_forensic_centre_and_the_police_for_a_child_friendly_interview_and_the_child_returns_to_school()
    {
        var (caseId, reported) = await Reported("hotline-operator", "hotline-111", Report(HarmForm.SexualAbuse) with { CaseType = CaseType.Abused });

        var verify = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, Ward);
        var forensic = await App.Handoff(caseId, HandoffTask.ForensicExamination, "phapy-quang-tri");
        var exam = await App.Handoff(caseId, HandoffTask.MedicalExamination);
        var crime = await App.Handoff(caseId, HandoffTask.CrimeReport, WardPolice);
        var interview = await App.Handoff(caseId, HandoffTask.ChildFriendlyInterview, WardPolice);
        forensic.DueAt.ShouldBe(reported.ReceivedAt.AddHours(24));

        // The forensic centre examines the child once, inside the evidence window: both examinations are done.
        var examId = (await App.Post("health-worker", "phapy-quang-tri", $"/api/cases/{caseId}/medical-exams", new RequestMedicalExam(ExamKind.Forensic, "evidence"))).Id!.Value;
        await App.Post("health-worker", "phapy-quang-tri", $"/api/cases/{caseId}/medical-exams/{examId}/complete",
            new RecordMedicalExam("Trung tâm Pháp y tỉnh Quảng Trị", GuardianPresent: true, PrivateRoom: true, "Findings sealed"));
        await Completed(caseId, forensic, "the forensic examination");
        await Completed(caseId, exam, "the forensic examination");
        (await Requested(caseId)).Count(h => h.Task == HandoffTask.ForensicExamination).ShouldBe(1);

        // The police: the crime report, and one child-friendly session without the guardian, who is the suspect's partner.
        await App.Post("police-officer", WardPolice, $"/api/cases/{caseId}/crime-report", new RecordCrimeReport("CA-DH-2026-0302", false));
        await Completed(caseId, crime, "the crime report");
        var session = (await App.Post("police-officer", WardPolice, $"/api/cases/{caseId}/interviews",
            new ScheduleInterview(DateTimeOffset.UtcNow.AddHours(-2), "At the grandmother's home", "Capt. Hạnh", true))).Id!.Value;
        var alone = new ConductInterview(DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(45), GuardianPresent: false, Recorded: true);
        await (await App.Client("police-officer", WardPolice).PostJson($"/api/cases/{caseId}/interviews/{session}/conduct", alone)).ShouldBeInvalid("representative");
        await App.Post("police-officer", WardPolice, $"/api/cases/{caseId}/interviews/{session}/conduct",
            alone with { Representative = new ChildRepresentative("Ms Thu, Women's Union", "The mother lives with the suspect") });
        await Completed(caseId, interview, "the interview");

        // Emergency protection without separation, a plan with counselling and school reintegration at the child's own school.
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/verification", Bodies.Verify());
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk(emergency: true));
        await Completed(caseId, verify, "the assessment");
        var decision = await App.Handoff(caseId, HandoffTask.EmergencyDecision, Ward);
        var order = (await App.Post(Chair, Ward, $"/api/cases/{caseId}/emergency-protection", Bodies.Order(separation: false))).Id!.Value;
        await Completed(caseId, decision, "the order");
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/detailed-assessment", Bodies.Needs());
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20));
        var plan = (await App.Post(Officer, Ward, $"/api/cases/{caseId}/plan", new DraftPlan("Safe, supported, back at school",
            [new(ServiceKind.PsychosocialSupport, AgencyKind.SocialWorkCentre, "Trauma counselling", due),
             new(ServiceKind.SchoolReintegration, AgencyKind.Education, "Back to class, identity protected", due)]))).Id!.Value;
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/plan/approval", new ApprovePlan(plan));

        var school = await App.Handoff(caseId, HandoffTask.SchoolReintegration, "th-hai-dinh");
        var support = await App.Eventually<HandoffRequested>(caseId, h => h.Task == HandoffTask.ProvideService && h.ToKind == AgencyKind.SocialWorkCentre, "the support handed out");
        await App.Post("education-officer", "th-hai-dinh", $"/api/cases/{caseId}/school-reintegration", Bodies.SchoolPlan());
        await App.Post("education-officer", "th-hai-dinh", $"/api/cases/{caseId}/school-reintegration/complete", Bodies.SchoolComplete());
        await Completed(caseId, school, "the return to school");
        await App.Post("social-worker", support.ToAgency, $"/api/cases/{caseId}/psychosocial-support",
            new ProvidePsychosocialSupport(ServiceKind.PsychosocialSupport, "Trung tâm CTXH", "Ten sessions"));
        await Completed(caseId, support, "the support given");

        await App.Post(Chair, Ward, $"/api/cases/{caseId}/emergency-protection/{order}/end", Bodies.EndOrder());
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/reviews", Bodies.Review(ReviewRecommendation.Close));
        await App.Post(Chair, Ward, $"/api/cases/{caseId}/closure", Bodies.Close());
        await ClosedCleanly(caseId);
    }

    [Fact]
    public async Task a_child_who_moves_province_mid_case_takes_the_case_its_work_and_its_clocks_to_the_new_commune_which_closes_it()
    {
        const string NewWard = "ubnd-le-chan";
        var (caseId, reported) = await Reported("hotline-operator", "hotline-111", Report(HarmForm.Violence, injured: true));
        var verify = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, Ward);
        var exam = await App.Handoff(caseId, HandoffTask.MedicalExamination);
        var crime = await App.Handoff(caseId, HandoffTask.CrimeReport, WardPolice);
        var interview = await App.Handoff(caseId, HandoffTask.ChildFriendlyInterview, WardPolice);
        await App.Post(Officer, Ward, $"/api/cases/{caseId}/verification", Bodies.Verify());
        var clocksBefore = (await Summary(caseId)).Clocks;

        await App.Post(Officer, Ward, $"/api/cases/{caseId}/transfer", Bodies.Transfer("le-chan-ward"));

        // Open work follows the child to Hải Phòng, police's included, its clock unchanged.
        foreach (var (handoff, to) in new[] { (verify, NewWard), (exam, "tyt-le-chan"), (crime, "ca-le-chan"), (interview, "ca-le-chan") })
            (await App.Eventually<HandoffRerouted>(caseId, r => r.HandoffId == handoff.HandoffId, $"{handoff.Task} re-routed")).ToAgency.ShouldBe(to);
        (await App.InInbox(NewWard, i => i.HandoffId == verify.HandoffId, "the commune's work in the new ward's inbox")).DueAt.ShouldBe(verify.DueAt);
        await App.Settled(caseId);
        (await App.InboxItems(caseId)).ShouldNotContain(i => i.ToAgency == Ward || i.ToAgency == WardPolice);
        (await Summary(caseId, NewWard)).Clocks.ShouldBe(clocksBefore);

        // The new ward's agencies carry it on.
        await App.Post("police-officer", "ca-le-chan", $"/api/cases/{caseId}/crime-report", new RecordCrimeReport("CA-LC-2026-0088", false));
        await Completed(caseId, crime, "the crime report");
        var session = (await App.Post("police-officer", "ca-le-chan", $"/api/cases/{caseId}/interviews",
            new ScheduleInterview(DateTimeOffset.UtcNow.AddHours(-2), "Friendly room, Lê Chân ward police", "Lt. Minh", true))).Id!.Value;
        await App.Post("police-officer", "ca-le-chan", $"/api/cases/{caseId}/interviews/{session}/conduct",
            new ConductInterview(DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(40), GuardianPresent: true, Recorded: true));
        await Completed(caseId, interview, "the interview");
        var examId = (await App.Post("health-worker", "tyt-le-chan", $"/api/cases/{caseId}/medical-exams", new RequestMedicalExam(ExamKind.Medical, "bruises"))).Id!.Value;
        await App.Post("health-worker", "tyt-le-chan", $"/api/cases/{caseId}/medical-exams/{examId}/complete",
            new RecordMedicalExam("Trạm Y tế phường Lê Chân", GuardianPresent: true, PrivateRoom: true, "Healing bruises"));
        await Completed(caseId, exam, "the examination");

        await App.Post(Officer, NewWard, $"/api/cases/{caseId}/risk-assessment", new AssessInitialRisk(RiskLevel.Medium, RiskLevel.Low, RiskLevel.Low, RiskLevel.Medium, false));
        await Completed(caseId, verify, "the assessment in the new ward");
        (await App.Handoff(caseId, HandoffTask.DraftPlan)).ToAgency.ShouldBe(NewWard);
        await App.Post(Officer, NewWard, $"/api/cases/{caseId}/detailed-assessment", Bodies.Needs());
        var plan = (await App.Post(Officer, NewWard, $"/api/cases/{caseId}/plan", new DraftPlan("Settle in Hải Phòng",
            [new(ServiceKind.Counselling, AgencyKind.SocialWorkCentre, "Counselling", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)))]))).Id!.Value;
        await App.Post(Chair, NewWard, $"/api/cases/{caseId}/plan/approval", new ApprovePlan(plan));
        var counselling = await App.Handoff(caseId, HandoffTask.ProvideService, "ctxh-hai-phong");
        await App.Post("social-worker", "ctxh-hai-phong", $"/api/cases/{caseId}/services/{counselling.ServiceId}/progress", new RecordServiceProgress(ProgressKind.Outcome, "Settled"));
        (await App.Handoff(caseId, HandoffTask.ReviewCase)).ToAgency.ShouldBe(NewWard);
        await App.Post(Officer, NewWard, $"/api/cases/{caseId}/reviews", Bodies.Review(ReviewRecommendation.Close));
        (await App.Handoff(caseId, HandoffTask.CloseCase)).ToAgency.ShouldBe(NewWard);
        await App.Post(Chair, NewWard, $"/api/cases/{caseId}/closure", Bodies.Close());

        await ClosedCleanly(caseId, NewWard);
        var transferredAt = (await App.Eventually<CaseTransferred>(caseId, _ => true, "the transfer")).TransferredAt;
        (await Requested(caseId)).Where(h => h.RequestedAt > transferredAt)
            .ShouldAllBe(h => h.ToAgency == NewWard || h.ToAgency.EndsWith("-le-chan") || h.ToAgency.EndsWith("-hai-phong"));
    }
}
