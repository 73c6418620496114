using System.Net;
using System.Text;
using System.Text.Json;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.FollowUp;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.SpecialCircumstances;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Transfer;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using Marten;
using Marten.Events;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Privacy;

/// <summary>
/// Every free-text member of every case step, and the health data, carry a distinctive name and phone number through a
/// whole case (the pathway running, so its hand-offs quote what agencies wrote); no table of the database, in any schema,
/// then holds either in clear, while the reads whose view includes them open them, and an erasure makes them unreadable.
/// </summary>
public sealed class SealedFreeTextTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private const string Name = "Quyzeth Vandorfa", Phone = "0916482735";
    private static string T(string what) => $"{what}: {Name} {Phone}";

    private readonly CaseApi _api = new(app);
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task no_table_holds_the_free_text_or_health_data_in_clear_and_the_reads_open_it_for_the_views_that_include_it()
    {
        var caseId = await WalkEveryStep();
        var closedWithoutPlan = await ClosedWithoutPlan();
        // Work still open (a closure cancels the case's open work, which then leaves the inbox).
        var referred = await _api.Report(Report());
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{referred}/handoffs",
            new RequestHandoff("ca-dong-hoi", HandoffTask.CrimeReport, T("police referral"), DateTimeOffset.UtcNow.AddDays(3)));
        var transferred = await _api.Report(Report());
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{transferred}/transfer", new TransferCase("le-chan-ward", T("transfer reason")));
        // What the pathway and the inbox do with it, asynchronously.
        await App.Eventually<HandoffRequested>(caseId, h => h.Description.Contains("declined"), "the pathway's send-on after the decline");
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        (await RowsHolding("enc:v1:")).ShouldNotBeEmpty("the search itself finds what is stored");
        (await RowsHolding(Name)).ShouldBeEmpty();
        (await RowsHolding(Phone)).ShouldBeEmpty();
        (await RowsHolding("LivingWithHiv")).ShouldBeEmpty("a health group is health data");

        // The full view opens everything, in the case, its history and its export; nothing stays sealed.
        var full = await Text(Roles.Auditor, $"/api/cases/{caseId}");
        full.ShouldNotContain("enc:v1:");
        foreach (var what in new[] { "exam findings", "interview notes", "meeting child views", "progress summary", "plan service", "return reasons", "special basis" })
            full.ShouldContain(T(what));
        full.ShouldContain("\"group\":\"LivingWithHiv\"");
        (await Text(Roles.Auditor, $"/api/cases/{caseId}/history?pageSize=100")).ShouldNotContain("enc:v1:");
        var history = await Text(Roles.Auditor, $"/api/cases/{caseId}/export");
        history.ShouldNotContain("enc:v1:");
        foreach (var what in new[] { "incident", "verification findings", "risk notes", "measures", "placement", "exam reason", "exam findings", "facility",
                     "interview location", "interview notes", "represented by", "needs summary", "goals", "plan service", "decline reason", "pause reason", "police clock referral",
                     "cancel reason", "review summary", "closing reason", "reopening reason", "school arrangements", "special end reason" })
            history.ShouldContain(T(what));
        history.ShouldContain("declined: " + T("decline reason"), Shouldly.Case.Sensitive, "the pathway's own description quotes the sealed reason, opened");
        (await Text(Roles.Auditor, $"/api/cases/{caseId}/export?format=html")).ShouldContain(T("exam findings"));
        (await Text(Roles.Auditor, $"/api/cases/{closedWithoutPlan}")).ShouldContain(T("without-plan reason"));
        // Transferred to Hải Phòng: out of the Quảng Trị auditor's reach (AuditorScopeTests), so a national one reads it.
        (await Text(Roles.Auditor, $"/api/cases/{transferred}", AppFixture.NationalInspectorate)).ShouldContain(T("transfer reason"));
        var inbox = await PoliceInbox();
        inbox.ShouldNotContain("enc:v1:");
        inbox.ShouldContain(T("police referral"));

        // A view without the examinations never shows their findings (opened or not); one with them does.
        var police = await Text(Roles.PoliceOfficer, $"/api/cases/{caseId}");
        police.ShouldContain(T("interview notes"));
        police.ShouldNotContain("exam findings");
        var health = await Text(Roles.HealthWorker, $"/api/cases/{caseId}");
        health.ShouldContain(T("exam findings"));
        health.ShouldNotContain("interview notes");

        await _api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());

        var erased = await Text(Roles.Auditor, $"/api/cases/{caseId}/export");
        erased.ShouldNotContain(Name);
        erased.ShouldContain("[erased]");
        (await Text(Roles.Auditor, $"/api/cases/{caseId}")).ShouldNotContain(Name);
        await _api.Step(Roles.Admin, $"/api/cases/{referred}/erasure", Bodies.Erase());
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        (await PoliceInbox()).ShouldNotContain(T("police referral"));
        (await RowsHolding(Name)).ShouldBeEmpty();
    }

    private static Coordination.Cases.Reporting.ReportCase Report()
    {
        var report = Bodies.Report(childName: Name);
        return report with
        {
            Reporter = new Reporter("neighbour", ConsentsToIdentity: true, Name: Name, Phone: Phone),
            Incident = report.Incident with { Description = T("incident") },
            Carers = [new Carer(Name, CarerRelation.Mother, Phone, T("carer address"))],
        };
    }

    private async Task<Guid> WalkEveryStep()
    {
        var now = DateTimeOffset.UtcNow;
        var c = await _api.Report(Report());
        var at = $"/api/cases/{c}";
        await _api.Step(Roles.CommuneOfficer, $"{at}/verification", new VerifyReport(true, T("verification findings")));
        await _api.Step(Roles.CommuneOfficer, $"{at}/risk-assessment",
            new AssessInitialRisk(RiskLevel.High, RiskLevel.High, RiskLevel.Medium, RiskLevel.High, true, T("risk notes")));
        var order = (await _api.Step(Roles.CommuneChair, $"{at}/emergency-protection",
            new OrderEmergencyProtection(T("measures"), true, T("placement"), now.AddDays(10)))).Id;
        await _api.Step(Roles.CommuneChair, $"{at}/emergency-protection/{order}/extend", new ExtendSeparation(now.AddDays(20), T("extension reason")));
        var exam = (await _api.Step(Roles.HealthWorker, $"{at}/medical-exams", new RequestMedicalExam(ExamKind.Forensic, T("exam reason")))).Id;
        await _api.Step(Roles.HealthWorker, $"{at}/medical-exams/{exam}/complete", new RecordMedicalExam(T("facility"), true, true, T("exam findings")));
        var interview = (await _api.Step(Roles.PoliceOfficer, $"{at}/interviews",
            new ScheduleInterview(now.AddMinutes(-100), T("interview location"), "Officer Lan", true))).Id;
        await _api.Step(Roles.PoliceOfficer, $"{at}/interviews/{interview}/conduct", new ConductInterview(now.AddMinutes(-90), TimeSpan.FromMinutes(45),
            GuardianPresent: false, Recorded: true, T("interview notes"), Representative: new ChildRepresentative(T("represented by"), T("representation reason"))));
        await _api.Step(Roles.CommuneOfficer, $"{at}/detailed-assessment", new AssessNeeds([T("need")], T("needs summary")));
        await _api.Step(Roles.CommuneOfficer, $"{at}/plan/meetings", new RecordPlanningMeeting(now.AddHours(-1),
            [new MeetingParticipant(Roles.CommuneOfficer, "ubnd-dong-hoi"), new MeetingParticipant("mother")], T("meeting child views"), T("meeting family views"),
            Notes: T("meeting notes")));
        var returned = (await _api.Step(Roles.CommuneOfficer, $"{at}/plan", Plan())).Id!.Value;
        await _api.Step(Roles.CommuneChair, $"{at}/plan/return", new ReturnPlan(returned, T("return reasons")));
        var plan = (await _api.Step(Roles.CommuneOfficer, $"{at}/plan", Plan())).Id!.Value;
        await _api.Step(Roles.CommuneChair, $"{at}/plan/approval", new ApprovePlan(plan, T("approval decision")));
        await _api.Step(Roles.SocialWorker, $"{at}/psychosocial-support", new ProvidePsychosocialSupport(ServiceKind.Counselling, "CTXH Quảng Trị", T("support summary")));
        await _api.Step(Roles.CommuneOfficer, $"{at}/legal-aid", new ProvideLegalAid("Provincial legal aid centre", T("legal aid summary")));
        var service = (await _api.Events(c)).Select(e => e.Data).OfType<SupportPlanDrafted>().Last().Services[0].ServiceId;
        await _api.Step(Roles.CommuneOfficer, $"{at}/services/{service}/progress", new RecordServiceProgress(ProgressKind.Visit, T("progress summary")));
        await _api.Step(Roles.EducationOfficer, $"{at}/school-reintegration", new PlanSchoolReintegration(T("school"), Bodies.Today.AddDays(7), T("school arrangements")));
        await _api.Step(Roles.EducationOfficer, $"{at}/school-reintegration/complete", new CompleteSchoolReintegration(T("school"), T("school notes")));
        await _api.Step(Roles.CommuneOfficer, $"{at}/special-circumstances",
            new EstablishSpecialCircumstance(SpecialCircumstanceGroup.LivingWithHiv, Bodies.Today.AddYears(-1), T("special basis")));
        await _api.Step(Roles.SocialWorker, $"{at}/special-circumstances/end",
            new EndSpecialCircumstance(SpecialCircumstanceGroup.LivingWithHiv, Bodies.Today, T("special end reason")));

        var declined = (await _api.Step(Roles.CommuneOfficer, $"{at}/handoffs",
            new RequestHandoff("ctxh-quang-tri", HandoffTask.ProvideService, T("social work referral"), now.AddDays(3)))).Id;
        await _api.Step(Roles.SocialWorker, $"{at}/handoffs/{declined}/decline", new DeclineHandoff(T("decline reason")));
        var paused = (await _api.Step(Roles.CommuneOfficer, $"{at}/handoffs",
            new RequestHandoff("ca-dong-hoi", HandoffTask.CrimeReport, T("police clock referral"), now.AddDays(3)))).Id;
        await _api.Step(Roles.CommuneChair, $"{at}/handoffs/{paused}/clock", new ManageClock(ClockAction.Pause, T("pause reason")));
        await _api.Step(Roles.CommuneChair, $"{at}/handoffs/{paused}/clock", new ManageClock(ClockAction.Stop, T("stop reason")));
        var cancelled = (await _api.Step(Roles.CommuneOfficer, $"{at}/handoffs",
            new RequestHandoff("tyt-dong-hoi", HandoffTask.MedicalExamination, T("health referral"), now.AddDays(3)))).Id;
        await _api.Step(Roles.CommuneOfficer, $"{at}/handoffs/{cancelled}/cancel", new CancelHandoff(T("cancel reason")));

        await _api.Step(Roles.CommuneChair, $"{at}/emergency-protection/{order}/end", new EndEmergencyProtection(T("end of protection")));
        await _api.Step(Roles.CommuneOfficer, $"{at}/reviews", new ReviewCase(ReviewRecommendation.Close, T("review summary"), Risk: Bodies.LowRisk));
        await _api.Step(Roles.CommuneChair, $"{at}/closure", new CloseCase(T("closing reason")));
        await _api.Step(Roles.CommuneChair, $"{at}/reopening", new ReopenCase(T("reopening reason")));
        return c;
    }

    private static DraftPlan Plan() =>
        new(T("goals"), [new PlanService(ServiceKind.Counselling, AgencyKind.SocialWorkCentre, T("plan service"), Bodies.Today.AddDays(14))]);

    private async Task<Guid> ClosedWithoutPlan()
    {
        var c = await _api.Report(Report());
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{c}/verification", new VerifyReport(false, T("unfounded findings")));
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{c}/closure/without-plan", new CloseWithoutPlan(ClosureReasonCodes.Unfounded, T("without-plan reason")));
        return c;
    }

    /// <summary>Every page of the commune police's inbox (other tests of the collection hand it work too).</summary>
    private async Task<string> PoliceInbox()
    {
        var all = new StringBuilder();
        for (var page = 1; ; page++)
        {
            var text = await Text(Roles.PoliceOfficer, $"/api/inbox?pageSize=100&page={page}");
            if (!text.Contains("\"handoffId\"")) return all.ToString();
            all.Append(text);
        }
    }

    private async Task<string> Text(string role, string url, string? agency = null)
    {
        var response = agency is null ? await _api.Get(role, url) : await App.Client(role, agency).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        // Written again without escapes, so that an escaped character in the JSON cannot hide a match.
        var text = await response.Content.ReadAsStringAsync();
        return response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(text), Unescaped)
            : text;
    }

    /// <summary>
    /// Every table of every schema of the database (events, documents, Wolverine's envelopes and dead letters, logs), each row
    /// as text; a binary column (a message body) is also searched in the hex form PostgreSQL prints it in.
    /// </summary>
    private static async Task<List<string>> RowsHolding(string needle)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        tables.Count.ShouldBeGreaterThan(10);

        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(needle));
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} t where t::text like @p or t::text like @h", connection);
            count.Parameters.AddWithValue("p", $"%{needle}%");
            count.Parameters.AddWithValue("h", $"%{hex}%");
            if ((long)(await count.ExecuteScalarAsync())! > 0) found.Add(table);
        }
        return found;
    }
}
