using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Privacy;
using Marten;
using ChildProtection.Coordination.Cases.Access;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Agencies;
namespace ChildProtection.Coordination.Tests.Auth;

/// <summary>
/// One test per cell of the permission matrix, generated from <see cref="CasePermissions.Matrix"/> itself: every role ×
/// action × relation of the caller's agency to a case in Đồng Hới ward. Allowed → 2xx on a case set up so the step
/// succeeds; forbidden → 403; no relation at all → 404 (a role that may never take the action → 403 without looking).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PermissionMatrixTests(AppFixture app) : IAsyncLifetime
{
    /// <summary>The agency that stands in each relation to the cases of these tests; "-" is unrelated.</summary>
    public static readonly IReadOnlyDictionary<string, string> AgencyIn = new Dictionary<string, string>
    {
        ["R"] = "reporter-dong-son",   // reports the case: a health station of another ward, registered here
        ["H"] = "tyt-dong-son",        // handed work on the case by the owning commune
        ["J"] = "tyt-dong-hoi",        // the health station of the incident ward
        ["S"] = "supervisor-hai-phong", // the explicit supervisor of the reporter, in another province, registered here
        ["-"] = "ubnd-hong-bang",      // a People's Committee in Hải Phòng: nothing to do with the case
        ["A"] = "syt-quang-tri",       // auditors and admins: any agency
    };

    private const string OtherAgency = "bvdk-quang-tri";

    public static TheoryData<string, CaseAction, string> Cells
    {
        get
        {
            var data = new TheoryData<string, CaseAction, string>();
            foreach (var role in CasePermissions.Matrix.Keys)
            foreach (var action in Enum.GetValues<CaseAction>())
            {
                if (action == CaseAction.Report || CasePermissions.IsSystemWide(role)) data.Add(role, action, "A");
                else foreach (var relation in new[] { "R", "H", "J", "S", "-" }) data.Add(role, action, relation);
            }
            return data;
        }
    }

    /// <summary>What the matrix says the cell answers.</summary>
    public static HttpStatusCode Expected(string role, CaseAction action, string relation)
    {
        if (action == CaseAction.Report) return CasePermissions.AllowsSomewhere(action, role) ? HttpStatusCode.Created : HttpStatusCode.Forbidden;
        if (!CasePermissions.AllowsSomewhere(action, role)) return HttpStatusCode.Forbidden;
        if (relation == "-") return HttpStatusCode.NotFound;
        return CasePermissions.Allows(action, role, CasePermissions.Parse(relation)) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
    }

    [Theory, MemberData(nameof(Cells))]
    public async Task every_cell_of_the_matrix_is_enforced(string role, CaseAction action, string relation)
    {
        var expected = Expected(role, action, relation);
        var caller = app.Client(role, AgencyIn[relation]);
        // A refusal comes before the case's state matters: a shared case will do. An allowed step needs its own.
        var request = expected is HttpStatusCode.OK or HttpStatusCode.Created
            ? await Arrange(role, action, relation)
            : Request(action, relation == "H" ? World!.Handed : World!.Reported, Guid.NewGuid());

        var response = await caller.SendAsync(request.Make());

        var problem = await response.ShouldHave(expected);
        if (expected == HttpStatusCode.Forbidden) problem.Detail().ShouldContain(role);
        if (expected == HttpStatusCode.NotFound) problem.Detail().ShouldContain(request.CaseId.ToString());
    }

    private sealed record Call(Guid CaseId, HttpMethod Method, string Url, string? Body)
    {
        public HttpRequestMessage Make() => new(Method, Url)
        {
            Content = Body is null ? null : new StringContent(Body, System.Text.Encoding.UTF8, "application/json"),
        };
    }

    private static Call Get(Guid caseId, string suffix = "") => new(caseId, HttpMethod.Get, $"/api/cases/{caseId}{suffix}", null);

    /// <summary>The request of an action on a case; <paramref name="handoffId"/> for the hand-off actions.</summary>
    private static Call Request(CaseAction action, Guid caseId, Guid handoffId) => action switch
    {
        CaseAction.Report => new(caseId, HttpMethod.Post, "/api/cases", Bodies.Json(Bodies.Report())),
        CaseAction.Read => Get(caseId),
        CaseAction.ReadHistory => Get(caseId, "/history"),
        CaseAction.CheckIntegrity => Get(caseId, "/integrity"),
        CaseAction.Export => Get(caseId, "/export"),
        CaseAction.ReadAccessLog => Get(caseId, "/access-log"),
        CaseAction.FindDuplicates => Get(caseId, "/possible-duplicates"),
        CaseAction.RequestHandoff => new(caseId, HttpMethod.Post, $"/api/cases/{caseId}/handoffs", Bodies.Json(Handoff(OtherAgency))),
        CaseAction.RespondToHandoff => new(caseId, HttpMethod.Post, $"/api/cases/{caseId}/handoffs/{handoffId}/accept", "{}"),
        CaseAction.ManageClock => new(caseId, HttpMethod.Post, $"/api/cases/{caseId}/handoffs/{handoffId}/clock",
            Bodies.Json(new ManageClock(ClockAction.Pause, "Waiting for the family to return"))),
        _ => Step(action, new Arranged(caseId, handoffId)),
    };

    private static Call Step(CaseAction action, Arranged at)
    {
        var route = StepRoutes.All.Values.Single(r => r.Action == action);
        return new(at.CaseId, HttpMethod.Post, route.Url(at), route.Json(at));
    }

    private static RequestHandoff Handoff(string to) =>
        new(to, HandoffTask.MedicalExamination, "Examine the child", DateTimeOffset.UtcNow.AddDays(2));

    /// <summary>A case in the state the action needs, standing in <paramref name="relation"/> to its agency.</summary>
    private async Task<Call> Arrange(string role, CaseAction action, string relation)
    {
        var api = new CaseApi(app, reporterAgency: relation is "R" or "S" ? AgencyIn["R"] : "hotline-111");
        if (action == CaseAction.Report) return Request(action, Guid.Empty, Guid.Empty);
        Arranged at;
        if (StepRoutes.All.Values.Any(r => r.Action == action))
            at = await StepRoutes.All.Values.Single(r => r.Action == action).Arrange(api);
        else
            at = new Arranged(await api.Report());
        var handoffId = Guid.NewGuid();
        // Progress notes are written by the agency handed that very service.
        if (relation == "H") handoffId = await HandOn(api, at.CaseId, AgencyIn["H"], action == CaseAction.RecordServiceProgress ? at.SubId : null);
        // A step on a pair of cases needs the relation to both.
        if (relation == "H" && action is CaseAction.LinkCases or CaseAction.RejectDuplicate) await HandOn(api, at.SubId!.Value, AgencyIn["H"]);
        if (action == CaseAction.ManageClock) handoffId = await HandOn(api, at.CaseId, OtherAgency);
        // A non-statutory recipient reads only with consent in force (covered on its own in DisclosureConsentTests).
        if (Disclosure.RecipientOf(role) is { } recipient)
            foreach (var giver in new[] { ConsentGiver.Parent, ConsentGiver.Child })
                await api.Step(Roles.CommuneOfficer, $"/api/cases/{at.CaseId}/consents",
                    new GiveConsent(giver, ConsentPurpose.SupportServices, [recipient]));
        return StepRoutes.All.Values.Any(r => r.Action == action) ? Step(action, at) : Request(action, at.CaseId, handoffId);
    }

    private static async Task<Guid> HandOn(CaseApi api, Guid caseId, string to, Guid? serviceId = null) =>
        (await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/handoffs", Handoff(to) with { ServiceId = serviceId })).Id!.Value;

    // The shared cases and the two agencies the demo directory lacks, made again whenever another test class reset the store.

    private sealed record Shared(Guid Reported, Guid Handed);

    private static Shared? World;

    public async Task InitializeAsync()
    {
        await using (var session = app.Store.QuerySession())
            if (World is not null && await session.LoadAsync<CaseSummary>(World.Handed) is not null
                && await session.LoadAsync<Coordination.Agencies.Agency>(AgencyIn["S"]) is not null)
                return;
        await app.Host.ResetAllMartenDataAsync();
        await Coordination.Agencies.DemoDirectorySeed.LoadAsync(app.Store);
        var admin = app.Client(Roles.Admin, "syt-quang-tri");
        await (await admin.PostJson("/api/agencies", new Coordination.Agencies.RegisterAgency(AgencyIn["S"], "Đơn vị giám sát thử",
            AgencyKind.ProvincialHealthDepartment, new DateOnly(2025, 7, 1), ProvinceCode: "31"))).ShouldHave(HttpStatusCode.Created);
        await (await admin.PostJson("/api/agencies", new Coordination.Agencies.RegisterAgency(AgencyIn["R"], "Trạm báo tin thử",
            AgencyKind.HealthFacility, new DateOnly(2025, 7, 1), ProvinceCode: "44", CommuneCode: "dong-son-ward",
            SupervisingAgencyId: AgencyIn["S"]))).ShouldHave(HttpStatusCode.Created);

        var reported = await new CaseApi(app, reporterAgency: AgencyIn["R"]).Report();
        var api = new CaseApi(app);
        var handed = await api.Report();
        await HandOn(api, handed, AgencyIn["H"]);
        World = new Shared(reported, handed);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
