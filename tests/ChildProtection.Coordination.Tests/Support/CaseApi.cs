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

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>
/// The agency each role acts for in these tests, from the demo directory: for a case in Đồng Hới ward (the default
/// report) each has jurisdiction — the ward's own agencies, or Quảng Trị's province-level ones — and the hotline reported it.
/// </summary>
public static class RoleAgencies
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

/// <summary>Drives cases through the API and reads what the store holds.</summary>
/// <param name="communeAgency">The People's Committee the commune roles act for (the incident commune's, for their steps to be allowed).</param>
/// <param name="reporterAgency">The agency <see cref="Report"/> reports for.</param>
public sealed class CaseApi(AppFixture app, string communeAgency = "ubnd-dong-hoi", string reporterAgency = "hotline-111")
{
    public HttpClient As(string role, string? user = null) =>
        app.Client(role, role is Roles.CommuneOfficer or Roles.CommuneChair ? communeAgency : RoleAgencies.Of(role), user);

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
        var reveal = await new IdentityVault(session, app.Keys).RevealerAsync(caseId, CancellationToken.None);
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
