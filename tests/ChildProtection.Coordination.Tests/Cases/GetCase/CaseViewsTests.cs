using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Access;
namespace ChildProtection.Coordination.Tests.Cases.GetCase;

/// <summary>Need-to-know: what each role gets of one fully worked case (a pure function of role, relation and summary).</summary>
public sealed class CaseViewsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(7));

    private static CaseSummary Worked()
    {
        var summary = new CaseSummary
        {
            Id = Guid.NewGuid(), Version = 12, Status = CaseStatus.Open, Stage = CaseStage.PlanApproved, Channel = ReportChannel.Hotline111,
            ReceivedAt = At, LastStepAt = At.AddDays(3), IncidentCommune = "dong-hoi-ward", ReportingAgency = "hotline-111",
            Child = new ChildDetails("Nguyễn Thị Mai", Sex.Female, "dong-hoi-ward", new DateOnly(2017, 3, 1), null, "Trường Tiểu học Hải Đình"),
            HarmForms = [HarmForm.SexualAbuse], ImmediateDanger = true, Verified = true,
            Risk = new RiskSummary(RiskLevel.High, RiskLevel.High, RiskLevel.Low, RiskLevel.High, true, At.AddHours(2)),
            CrimeReport = new CrimeReportSummary("CA-DH-7", At.AddHours(3), true),
        };
        summary.MedicalExams.Add(new ExamSummary(Guid.NewGuid(), ExamKind.Forensic, At.AddHours(4), "Injuries", At.AddHours(6), "Bệnh viện", "Injuries consistent with abuse"));
        summary.Interviews.Add(new InterviewSummary(Guid.NewGuid(), At.AddDays(1), "Friendly room", At.AddDays(1), TimeSpan.FromHours(1), "The child described the step-father"));
        summary.OpenWork.Add(new OpenWork("school-reintegration", null, "Return to school", At.AddDays(2)));
        summary.OpenWork.Add(new OpenWork("medical-exam", Guid.NewGuid(), "Medical examination", At.AddDays(2)));
        summary.OpenWork.Add(new OpenWork("interview", Guid.NewGuid(), "Child-friendly interview session", At.AddDays(2)));
        summary.Handoffs.Add(new HandoffSummary(Guid.NewGuid(), HandoffTask.SchoolReintegration, "ubnd-dong-hoi", "th-hai-dinh", HandoffState.Requested, At, At.AddDays(5)));
        summary.Handoffs.Add(new HandoffSummary(Guid.NewGuid(), HandoffTask.MedicalExamination, "ubnd-dong-hoi", "tyt-dong-hoi", HandoffState.Accepted, At, At.AddDays(1)));
        summary.Handoffs.Add(new HandoffSummary(Guid.NewGuid(), HandoffTask.ProvideService, "ubnd-dong-hoi", "hlhpn-quang-tri", HandoffState.Requested, At, At.AddDays(5)));
        return summary;
    }

    private static JsonObject View(string role, CaseRelation relation, string agency, bool consent = false) =>
        CaseViews.For(role, relation, agency, Worked(), consent).Body;

    private static string[] Kinds(JsonObject view, string field) =>
        view[field]!.AsArray().Select(i => i![field == "openWork" ? "kind" : "toAgency"]!.GetValue<string>()).ToArray();

    [Fact]
    public void education_sees_the_childs_name_school_and_its_own_task_but_no_harm_medical_findings_or_interviews()
    {
        var view = View(Roles.EducationOfficer, CaseRelation.Handed, "th-hai-dinh");

        view["child"]!.AsObject().Select(p => p.Key).ShouldBe(["name", "school"], ignoreOrder: true);
        view["child"]!["name"]!.GetValue<string>().ShouldBe("Nguyễn Thị Mai");
        Kinds(view, "openWork").ShouldBe(["school-reintegration"]);
        Kinds(view, "handoffs").ShouldBe(["th-hai-dinh"]);
        foreach (var never in new[] { "harmForms", "medicalExams", "interviews", "risk", "crimeReport", "plan", "immediateDanger" })
            view.ContainsKey(never).ShouldBeFalse(never);
        view.ToJsonString().ShouldNotContain("consistent with abuse");
        view.ToJsonString().ShouldNotContain("step-father");
    }

    [Fact]
    public void health_sees_the_identity_and_its_examination_work()
    {
        var view = View(Roles.HealthWorker, CaseRelation.Handed, "tyt-dong-hoi");

        view["child"]!["dateOfBirth"]!.GetValue<string>().ShouldBe("2017-03-01");
        view["medicalExams"]![0]!["findings"]!.GetValue<string>().ShouldBe("Injuries consistent with abuse");
        Kinds(view, "openWork").ShouldBe(["medical-exam"]);
        Kinds(view, "handoffs").ShouldBe(["tyt-dong-hoi"]);
        view.ContainsKey("interviews").ShouldBeFalse();
        view.ContainsKey("crimeReport").ShouldBeFalse();
    }

    [Fact]
    public void police_see_the_crime_report_and_the_interviews_but_not_the_medical_findings()
    {
        var view = View(Roles.PoliceOfficer, CaseRelation.Jurisdiction, "ca-dong-hoi");

        view["crimeReport"]!["receiptNumber"]!.GetValue<string>().ShouldBe("CA-DH-7");
        view["interviews"]![0]!["notes"]!.GetValue<string>().ShouldContain("step-father");
        view["harmForms"]!.AsArray().Select(h => h!.GetValue<string>()).ShouldBe(["SexualAbuse"]);
        Kinds(view, "openWork").ShouldBe(["interview"]);
        view.ContainsKey("medicalExams").ShouldBeFalse();
        view.ContainsKey("plan").ShouldBeFalse();
    }

    [Fact]
    public void the_hotline_sees_what_it_reported_and_the_status()
    {
        var view = View(Roles.HotlineOperator, CaseRelation.Reporting, "hotline-111");

        view["status"]!.GetValue<string>().ShouldBe("Open");
        view["stage"]!.GetValue<string>().ShouldBe("PlanApproved");
        view["child"]!["name"]!.GetValue<string>().ShouldBe("Nguyễn Thị Mai");
        view["harmForms"].ShouldNotBeNull();
        foreach (var never in new[] { "risk", "medicalExams", "interviews", "crimeReport", "plan", "openWork", "clocks" })
            view.ContainsKey(never).ShouldBeFalse(never);
        view["handoffs"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public void the_commune_with_jurisdiction_and_the_auditor_see_everything()
    {
        var everything = CaseViews.Fields.Select(f => f.Path.Split('.')[0]).Distinct().ToArray();
        foreach (var (role, relation) in new[] { (Roles.CommuneOfficer, CaseRelation.Jurisdiction), (Roles.CommuneChair, CaseRelation.Jurisdiction), (Roles.Auditor, CaseRelation.Any) })
        {
            var view = CaseViews.For(role, relation, "ubnd-dong-hoi", Worked());
            view.Body.Select(p => p.Key).ShouldBe(everything, ignoreOrder: true);
            view.Body["handoffs"]!.AsArray().Count.ShouldBe(3);
            view.Body["openWork"]!.AsArray().Count.ShouldBe(3);
        }
    }

    [Fact]
    public void a_commune_that_only_reported_the_case_gets_the_reporters_view()
    {
        CaseViews.KindFor(Roles.CommuneOfficer, CaseRelation.Reporting).ShouldBe(CaseViewKind.Reporter);
        View(Roles.CommuneOfficer, CaseRelation.Reporting, "ubnd-dong-son").ContainsKey("risk").ShouldBeFalse();
    }

    [Fact]
    public void a_mass_organisation_gets_its_own_task_and_the_childs_name_only_with_consent()
    {
        Disclosure.NeedsConsent(Roles.MassOrganisation).ShouldBeTrue();
        Disclosure.NeedsConsent(Roles.PoliceOfficer).ShouldBeFalse();

        var withoutConsent = View(Roles.MassOrganisation, CaseRelation.Handed, "hlhpn-quang-tri");
        withoutConsent.ContainsKey("child").ShouldBeFalse();
        withoutConsent.ToJsonString().ShouldNotContain("Nguyễn Thị Mai");
        Kinds(withoutConsent, "handoffs").ShouldBe(["hlhpn-quang-tri"]);

        var withConsent = View(Roles.MassOrganisation, CaseRelation.Handed, "hlhpn-quang-tri", consent: true);
        withConsent["child"]!.AsObject().Select(p => p.Key).ShouldBe(["name"]);
        withConsent.ContainsKey("harmForms").ShouldBeFalse();
    }

    [Fact]
    public void social_workers_see_the_plan_and_risk_but_neither_medical_findings_nor_interview_content()
    {
        var view = View(Roles.SocialWorker, CaseRelation.Handed, "ctxh-quang-tri");
        view.ContainsKey("risk").ShouldBeTrue();
        view.ContainsKey("openWork").ShouldBeTrue();
        view.ContainsKey("medicalExams").ShouldBeFalse();
        view.ContainsKey("interviews").ShouldBeFalse();
    }

    [Fact]
    public void the_fields_released_are_listed_for_the_access_log()
    {
        var view = CaseViews.For(Roles.EducationOfficer, CaseRelation.Handed, "th-hai-dinh", Worked());
        view.Released.ShouldContain("child.name");
        view.Released.ShouldContain("child.school");
        view.Released.ShouldNotContain("child.dateOfBirth");
        view.ReleasesDetails.ShouldBeTrue();
    }
}
