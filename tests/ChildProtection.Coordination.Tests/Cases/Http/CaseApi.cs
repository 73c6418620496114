using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
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
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Privacy;
using JasperFx.Events;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Cases.Http;

/// <summary>
/// The agency each role acts for in these tests, from the demo directory: for a case in Đồng Hới ward (the default
/// report) each has jurisdiction — the ward's own agencies, or Quảng Trị's province-level ones — and the hotline reported it.
/// </summary>
public static class Agencies
{
    public static string Of(string role) => role switch
    {
        Roles.HotlineOperator => "hotline-111",
        Roles.CommuneOfficer or Roles.CommuneChair => "ubnd-dong-hoi",
        Roles.PoliceOfficer => "ca-dong-hoi",
        Roles.HealthWorker => "tyt-dong-hoi",
        Roles.SocialWorker => "ctxh-quang-tri",
        Roles.EducationOfficer => "th-hai-dinh",
        Roles.MassOrganisation => "hlhpn-quang-tri",
        _ => "syt-quang-tri",
    };
}

/// <summary>Valid request bodies for every step, dated relative to now.</summary>
public static class Bodies
{
    public static DateOnly Today => VietnamTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>A hotline report received a day ago, so later steps may be dated in the past hours.</summary>
    public static ReportCase Report(string commune = "dong-hoi-ward", string? childCommune = null, int ageYears = 9,
        HarmForm[]? harm = null, DateTimeOffset? receivedAt = null, string childName = "Nguyễn Thị Mai")
    {
        var received = receivedAt ?? DateTimeOffset.UtcNow.AddDays(-1);
        return new ReportCase(
            ReportChannel.Hotline111,
            new ChildDetails(childName, Sex.Female, childCommune ?? commune, AgeYears: ageYears, School: "Trường Tiểu học Hải Đình"),
            new IncidentDetails(commune, received.AddHours(-3), harm ?? [HarmForm.Violence],
                "Neighbours heard the child being beaten", PerpetratorRelation.StepParent, ImmediateDanger: true),
            new Reporter("neighbour"),
            received);
    }

    public static RecordCrimeReport CrimeReport() => new("CA-DH-2026-0113", true);
    public static VerifyReport Verify() => new(true, "The school and two neighbours confirmed repeated beatings.");
    public static AssessInitialRisk Risk(bool emergency = false) =>
        new(RiskLevel.High, RiskLevel.High, RiskLevel.Medium, RiskLevel.High, emergency, "The step-father lives in the home.");
    public static OrderEmergencyProtection Order(bool separation = true) => separation
        ? new("Placed with the grandmother", true, "Grandmother's home, same commune", DateTimeOffset.UtcNow.AddDays(10))
        : new("Daily visits by the commune officer", false);
    public static ExtendSeparation Extend() => new(DateTimeOffset.UtcNow.AddDays(20), "The investigation is still open.");
    public static EndEmergencyProtection EndOrder() => new("The step-father has moved out.");
    public static AssessNeeds Needs() => new(["medical care", "counselling"], "Bruising; withdrawn at school.");
    public static DraftPlan Plan() => new("Keep the child safe at home and back at school",
        [new PlanService(ServiceKind.MedicalCare, AgencyKind.HealthFacility, "Check-up and treatment", Today.AddDays(14))]);
    public static ApprovePlan Approve(Guid planId) => new(planId, "Approved in the commune meeting");
    public static RequestMedicalExam RequestExam() => new(ExamKind.Forensic, "Bruises on the arms and back");
    public static RecordMedicalExam RecordExam(bool guardianPresent = true) => new("Đồng Hới hospital", guardianPresent, true, "Healing bruises");
    public static ScheduleInterview Interview(DateTimeOffset? scheduledFor = null) =>
        new(scheduledFor ?? DateTimeOffset.UtcNow.AddDays(1), "Child-friendly room, commune police", "Officer Lan", true);
    public static ConductInterview Conduct(DateTimeOffset? startedAt = null, TimeSpan? duration = null) =>
        new(startedAt ?? DateTimeOffset.UtcNow.AddHours(-3), duration ?? TimeSpan.FromHours(1), true, true, "The child was calm.");
    public static ProvidePsychosocialSupport Psychosocial() => new(ServiceKind.Counselling, "Quảng Trị social work centre", "Weekly counselling");
    public static ProvideLegalAid LegalAid() => new("Provincial legal aid centre", "Explained the child's rights as a victim");
    public static PlanSchoolReintegration SchoolPlan() => new("Trường Tiểu học Hải Đình", Today.AddDays(7), "New class; identity protected");
    public static CompleteSchoolReintegration SchoolComplete() => new("Trường Tiểu học Hải Đình", "Attending daily");
    public static ReviewCase Review(ReviewRecommendation recommendation = ReviewRecommendation.Close) => new(recommendation, "The child is safe and stable.");
    public static CloseCase Close() => new("The child is safe and stable at home.");
    public static ReopenCase Reopen() => new("A new report of violence.");
    public static GiveConsent Consent(ConsentGiver givenBy = ConsentGiver.Parent, params RecipientKind[] to) =>
        new(givenBy, ConsentPurpose.CaseCoordination, to.Length == 0 ? [RecipientKind.Integrator] : to);
    public static WithdrawConsent Withdraw() => new(ConsentGiver.Parent);
    public static EraseIdentity Erase() => new("The retention period ended (request of the child's guardian).");

    public static string Json(object body) => JsonSerializer.Serialize(body, CaseJson.Options);
}

/// <summary>Drives cases through the API and reads what the store holds.</summary>
/// <param name="communeAgency">The People's Committee the commune roles act for (the incident commune's, for their steps to be allowed).</param>
/// <param name="reporterAgency">The agency <see cref="Report"/> reports for.</param>
public sealed class CaseApi(AppFixture app, string communeAgency = "ubnd-dong-hoi", string reporterAgency = "hotline-111")
{
    public HttpClient As(string role, string? user = null) =>
        app.Client(role, role is Roles.CommuneOfficer or Roles.CommuneChair ? communeAgency : Agencies.Of(role), user);

    public async Task<Guid> Report(ReportCase? report = null)
    {
        var response = await app.Client(Roles.HotlineOperator, reporterAgency).PostJson("/api/cases", report ?? Bodies.Report());
        await response.ShouldHave(HttpStatusCode.Created);
        return (await response.Read<StepAccepted>()).CaseId;
    }

    /// <summary>Takes a step that must succeed.</summary>
    public async Task<StepAccepted> Step(string role, string url, object body, params (string Name, string Value)[] headers)
    {
        var response = await As(role).PostJson(url, body, headers);
        await response.ShouldHave(HttpStatusCode.OK);
        return await response.Read<StepAccepted>();
    }

    public async Task<Guid> RiskAssessed(ReportCase? report = null, bool emergency = false)
    {
        var caseId = await Report(report);
        await Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk(emergency));
        return caseId;
    }

    public async Task<Guid> NeedsAssessed(ReportCase? report = null)
    {
        var caseId = await RiskAssessed(report);
        await Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/detailed-assessment", Bodies.Needs());
        return caseId;
    }

    public async Task<(Guid CaseId, Guid PlanId)> PlanDrafted(ReportCase? report = null)
    {
        var caseId = await NeedsAssessed(report);
        var drafted = await Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/plan", Bodies.Plan());
        return (caseId, drafted.Id!.Value);
    }

    public async Task<(Guid CaseId, Guid PlanId)> PlanApproved(ReportCase? report = null)
    {
        var (caseId, planId) = await PlanDrafted(report);
        await Step(Roles.CommuneChair, $"/api/cases/{caseId}/plan/approval", Bodies.Approve(planId));
        return (caseId, planId);
    }

    public async Task<Guid> ReviewedForClosure(ReportCase? report = null)
    {
        var (caseId, _) = await PlanApproved(report);
        await Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/reviews", Bodies.Review(ReviewRecommendation.Close));
        return caseId;
    }

    public async Task<Guid> Closed(ReportCase? report = null)
    {
        var caseId = await ReviewedForClosure(report);
        await Step(Roles.CommuneChair, $"/api/cases/{caseId}/closure", Bodies.Close());
        return caseId;
    }

    public async Task<Guid> Ordered(Guid caseId, bool separation = true) =>
        (await Step(Roles.CommuneChair, $"/api/cases/{caseId}/emergency-protection", Bodies.Order(separation))).Id!.Value;

    public async Task<Guid> ExamRequested(Guid caseId) =>
        (await Step(Roles.HealthWorker, $"/api/cases/{caseId}/medical-exams", Bodies.RequestExam())).Id!.Value;

    public async Task<Guid> InterviewScheduled(Guid caseId, DateTimeOffset? scheduledFor = null) =>
        (await Step(Roles.PoliceOfficer, $"/api/cases/{caseId}/interviews", Bodies.Interview(scheduledFor))).Id!.Value;

    public async Task<Guid> ConsentGiven(Guid caseId, ConsentGiver givenBy = ConsentGiver.Parent) =>
        (await Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/consents", Bodies.Consent(givenBy))).Id!.Value;

    public Task SchoolReintegrationPlanned(Guid caseId) =>
        Step(Roles.EducationOfficer, $"/api/cases/{caseId}/school-reintegration", Bodies.SchoolPlan());

    public async Task<HttpResponseMessage> Get(string role, string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await As(role).SendAsync(request);
    }

    public async Task<long> Version(Guid caseId)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(caseId))?.Version ?? 0;
    }

    public async Task<IReadOnlyList<IEvent>> Events(Guid caseId)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.FetchStreamAsync(caseId);
    }

    /// <summary>The case's events with the sealed identity opened, as the read endpoints show them.</summary>
    public async Task<IReadOnlyList<object>> RevealedEvents(Guid caseId)
    {
        await using var session = app.Store.QuerySession();
        var reveal = await new IdentityVault(session).RevealerAsync(caseId, CancellationToken.None);
        return (await session.Events.FetchStreamAsync(caseId)).Select(e => IdentityFields.Reveal(e.Data, reveal)).ToList();
    }

    /// <summary>Every case event in the store. Marten fills the sequence gaps a failed transaction leaves with "tombstone" events; those are not case events.</summary>
    /// <summary>Every event in the store but the demo directory's and the access logs': what steps appended.</summary>
    public async Task<long> AllEventCount()
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => !e.EventTypeName.IsOneOf(NotSteps)).CountAsync();
    }

    private static readonly string[] NotSteps =
    [
        "tombstone", "agency_registered", "agency_updated", "agency_retired", "commune_established", "communes_merged", "commune_renamed",
        "case_record_read",
    ];
}

/// <summary>Where an arranged step acts: the case and, for a sub-resource, its id (order, exam, interview or plan).</summary>
public sealed record Arranged(Guid CaseId, Guid? SubId = null)
{
    public static Arranged Nowhere() => new(Guid.NewGuid(), Guid.NewGuid());
}

/// <summary>
/// One step route: its template, the role that takes it, a valid body, how to bring a case to where
/// the step succeeds, and one required field of its body (with a value of the wrong JSON type for it).
/// </summary>
public sealed record StepRoute(
    string Name, string Template, string Role, CaseAction Action,
    Func<Arranged, object> Body, Func<CaseApi, Task<Arranged>> Arrange,
    string Field, Func<JsonNode?> WrongType, string? EnumField = null)
{
    public string Url(Arranged at) => Url(at.CaseId.ToString(), at.SubId ?? Guid.NewGuid());
    public string Url(string caseId, Guid? subId = null) =>
        Template.Replace("{caseId}", caseId).Replace("{sub}", (subId ?? Guid.NewGuid()).ToString());
    public string Json(Arranged at) => Bodies.Json(Body(at));
    public override string ToString() => Name;
}

public static class StepRoutes
{
    private static Func<CaseApi, Task<Arranged>> OnReported => async api => new Arranged(await api.Report());

    public static readonly IReadOnlyDictionary<string, StepRoute> All = new[]
    {
        new StepRoute("crime-report", "/api/cases/{caseId}/crime-report", Roles.PoliceOfficer, CaseAction.RecordCrimeReport,
            _ => Bodies.CrimeReport(), OnReported, "receiptNumber", () => 42),
        new StepRoute("verification", "/api/cases/{caseId}/verification", Roles.CommuneOfficer, CaseAction.Verify,
            _ => Bodies.Verify(), OnReported, "substantiated", () => "yes"),
        new StepRoute("risk-assessment", "/api/cases/{caseId}/risk-assessment", Roles.CommuneOfficer, CaseAction.AssessRisk,
            _ => Bodies.Risk(), OnReported, "severityOfHarm", () => 2, EnumField: "severityOfHarm"),
        new StepRoute("emergency-protection", "/api/cases/{caseId}/emergency-protection", Roles.CommuneChair, CaseAction.OrderEmergencyProtection,
            _ => Bodies.Order(), async api => new Arranged(await api.RiskAssessed(emergency: true)), "temporarySeparation", () => "no"),
        new StepRoute("emergency-protection-extend", "/api/cases/{caseId}/emergency-protection/{sub}/extend", Roles.CommuneChair, CaseAction.ExtendSeparation,
            _ => Bodies.Extend(), async api => { var c = await api.RiskAssessed(emergency: true); return new Arranged(c, await api.Ordered(c)); },
            "newEndsAt", () => true),
        new StepRoute("emergency-protection-end", "/api/cases/{caseId}/emergency-protection/{sub}/end", Roles.CommuneChair, CaseAction.EndEmergencyProtection,
            _ => Bodies.EndOrder(), async api => { var c = await api.RiskAssessed(emergency: true); return new Arranged(c, await api.Ordered(c)); },
            "reason", () => 7),
        new StepRoute("detailed-assessment", "/api/cases/{caseId}/detailed-assessment", Roles.CommuneOfficer, CaseAction.AssessNeeds,
            _ => Bodies.Needs(), async api => new Arranged(await api.RiskAssessed()), "needs", () => "food"),
        new StepRoute("plan", "/api/cases/{caseId}/plan", Roles.CommuneOfficer, CaseAction.DraftPlan,
            _ => Bodies.Plan(), async api => new Arranged(await api.NeedsAssessed()), "services", () => new JsonObject(), EnumField: "services.0.kind"),
        new StepRoute("plan-approval", "/api/cases/{caseId}/plan/approval", Roles.CommuneChair, CaseAction.ApprovePlan,
            at => Bodies.Approve(at.SubId ?? Guid.NewGuid()), async api => { var (c, p) = await api.PlanDrafted(); return new Arranged(c, p); },
            "planId", () => "not-a-guid"),
        new StepRoute("medical-exams", "/api/cases/{caseId}/medical-exams", Roles.HealthWorker, CaseAction.RequestMedicalExam,
            _ => Bodies.RequestExam(), OnReported, "kind", () => 1, EnumField: "kind"),
        new StepRoute("medical-exams-complete", "/api/cases/{caseId}/medical-exams/{sub}/complete", Roles.HealthWorker, CaseAction.RecordMedicalExam,
            _ => Bodies.RecordExam(), async api => { var c = await api.Report(); return new Arranged(c, await api.ExamRequested(c)); },
            "guardianPresent", () => "yes"),
        new StepRoute("interviews", "/api/cases/{caseId}/interviews", Roles.PoliceOfficer, CaseAction.ScheduleInterview,
            _ => Bodies.Interview(), OnReported, "scheduledFor", () => 12),
        new StepRoute("interviews-conduct", "/api/cases/{caseId}/interviews/{sub}/conduct", Roles.PoliceOfficer, CaseAction.ConductInterview,
            _ => Bodies.Conduct(), async api => { var c = await api.Report(); return new Arranged(c, await api.InterviewScheduled(c)); },
            "duration", () => 3600),
        new StepRoute("psychosocial-support", "/api/cases/{caseId}/psychosocial-support", Roles.SocialWorker, CaseAction.ProvidePsychosocialSupport,
            _ => Bodies.Psychosocial(), OnReported, "kind", () => 5, EnumField: "kind"),
        new StepRoute("legal-aid", "/api/cases/{caseId}/legal-aid", Roles.CommuneOfficer, CaseAction.ProvideLegalAid,
            _ => Bodies.LegalAid(), OnReported, "provider", () => false),
        new StepRoute("school-reintegration", "/api/cases/{caseId}/school-reintegration", Roles.EducationOfficer, CaseAction.PlanSchoolReintegration,
            _ => Bodies.SchoolPlan(), OnReported, "targetDate", () => 20261201),
        new StepRoute("school-reintegration-complete", "/api/cases/{caseId}/school-reintegration/complete", Roles.EducationOfficer, CaseAction.CompleteSchoolReintegration,
            _ => Bodies.SchoolComplete(), async api => { var c = await api.Report(); await api.SchoolReintegrationPlanned(c); return new Arranged(c); },
            "school", () => new JsonArray()),
        new StepRoute("reviews", "/api/cases/{caseId}/reviews", Roles.CommuneOfficer, CaseAction.Review,
            _ => Bodies.Review(), async api => new Arranged((await api.PlanApproved()).CaseId), "recommendation", () => 0, EnumField: "recommendation"),
        new StepRoute("closure", "/api/cases/{caseId}/closure", Roles.CommuneChair, CaseAction.Close,
            _ => Bodies.Close(), async api => new Arranged(await api.ReviewedForClosure()), "reason", () => 1),
        new StepRoute("reopening", "/api/cases/{caseId}/reopening", Roles.CommuneChair, CaseAction.Reopen,
            _ => Bodies.Reopen(), async api => new Arranged(await api.Closed()), "reason", () => new JsonObject()),
        new StepRoute("consents", "/api/cases/{caseId}/consents", Roles.CommuneOfficer, CaseAction.GiveConsent,
            _ => Bodies.Consent(), OnReported, "recipientKinds", () => "Integrator", EnumField: "givenBy"),
        new StepRoute("consents-withdrawal", "/api/cases/{caseId}/consents/{sub}/withdrawal", Roles.SocialWorker, CaseAction.WithdrawConsent,
            _ => Bodies.Withdraw(), async api => { var c = await api.Report(); return new Arranged(c, await api.ConsentGiven(c)); },
            "withdrawnBy", () => 1, EnumField: "withdrawnBy"),
        new StepRoute("erasure", "/api/cases/{caseId}/erasure", Roles.Admin, CaseAction.EraseIdentity,
            _ => Bodies.Erase(), OnReported, "reason", () => 3),
    }.ToDictionary(r => r.Name);

    public static TheoryData<string> Names => Data(All.Keys);

    /// <summary>Privacy steps that a closed case still takes: a consent can always be withdrawn, an identity always erased.</summary>
    public static readonly string[] AllowedWhenClosed = ["consents-withdrawal", "erasure"];

    public static TheoryData<string> CaseSteps => Data(All.Keys.Except(AllowedWhenClosed));
    public static TheoryData<string> WithEnums => Data(All.Values.Where(r => r.EnumField is not null).Select(r => r.Name));

    private static TheoryData<string> Data(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names) data.Add(name);
        return data;
    }
}

/// <summary>Edits a JSON body along a dotted path ("services.0.kind").</summary>
public static class JsonEdit
{
    public static string Set(string json, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, last) = Walk(root, path);
        if (parent is JsonArray array) array[int.Parse(last)] = value;
        else parent.AsObject()[last] = value;
        return root.ToJsonString();
    }

    /// <summary>Puts raw JSON text at the path, so that it may be anything, even text a JSON writer would refuse.</summary>
    public static string SetRaw(string json, string path, string raw)
    {
        const string marker = "__raw_value_marker__";
        return Set(json, path, marker).Replace($"\"{marker}\"", raw);
    }

    public static string Remove(string json, string path)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, last) = Walk(root, path);
        if (parent is JsonArray array) array.RemoveAt(int.Parse(last));
        else parent.AsObject().Remove(last);
        return root.ToJsonString();
    }

    /// <summary>"services.0.kind" as System.Text.Json names it in an error: "services[0].kind".</summary>
    public static string ErrorPath(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\.(\d+)", "[$1]");

    private static (JsonNode Parent, string Last) Walk(JsonNode root, string path)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
            node = node is JsonArray a ? a[int.Parse(part)]! : node[part]!;
        return (node, parts[^1]);
    }
}

public static class ResponseChecks
{
    /// <summary>A step answered 200 with a body for this case and an ETag that is the body's version.</summary>
    public static async Task<StepAccepted> ShouldBeAccepted(this HttpResponseMessage response, Guid caseId, HttpStatusCode status = HttpStatusCode.OK)
    {
        await response.ShouldHave(status);
        var body = await response.Read<StepAccepted>();
        body.CaseId.ShouldBe(caseId);
        response.Headers.ETag.ShouldNotBeNull();
        response.Headers.ETag!.Tag.ShouldBe($"\"{body.Version}\"");
        return body;
    }

    /// <summary>A 400 problem that names the field in <c>field</c> or in <c>detail</c>.</summary>
    public static async Task<JsonElement> ShouldBeInvalid(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldHave(HttpStatusCode.BadRequest);
        var named = problem.TryGetProperty("field", out var f) && f.GetString() == field
                    || (problem.TryGetProperty("detail", out var d) && d.GetString()!.Contains(field, StringComparison.OrdinalIgnoreCase));
        named.ShouldBeTrue($"the problem should name '{field}': {problem}");
        return problem;
    }

    public static string? Field(this JsonElement problem) =>
        problem.TryGetProperty("field", out var f) ? f.GetString() : null;

    public static string Detail(this JsonElement problem) =>
        problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
