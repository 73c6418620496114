using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.GetCase;
using Marten;
namespace ChildProtection.Coordination.Tests.Audit;

public sealed class CaseAsOfTests(AppFixture app) : IntegrationContext(app)
{
    private readonly CaseApi _api = new(app);

    private async Task<JsonElement> Case(Guid caseId, string query, HttpStatusCode status = HttpStatusCode.OK) =>
        await (await _api.Get(Roles.Auditor, $"/api/cases/{caseId}{query}")).ShouldHave(status);

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    [Fact]
    public async Task version_1_is_the_case_as_just_reported()
    {
        var caseId = await _api.RiskAssessed();
        var first = await Case(caseId, "?version=1");
        first.GetProperty("version").GetInt64().ShouldBe(1);
        first.GetProperty("stage").GetString().ShouldBe("Reported");
        first.GetProperty("risk").ValueKind.ShouldBe(JsonValueKind.Null);
        first.GetProperty("openWork").EnumerateArray().Select(w => w.GetProperty("kind").GetString()).ShouldContain("initial-risk-assessment");

        var now = await Case(caseId, "");
        now.GetProperty("stage").GetString().ShouldBe("RiskAssessed");
        now.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task as_of_before_and_after_a_step_gives_the_older_and_the_newer_stage()
    {
        var caseId = await _api.Report();
        await Task.Delay(100);
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());
        var events = await _api.Events(caseId);
        var between = events[0].Timestamp + (events[1].Timestamp - events[0].Timestamp) / 2;

        var before = await Case(caseId, $"?asOf={Instant(between)}");
        before.GetProperty("stage").GetString().ShouldBe("Reported");
        before.GetProperty("verified").GetBoolean().ShouldBeFalse();
        before.GetProperty("version").GetInt64().ShouldBe(1);

        var after = await Case(caseId, $"?asOf={Instant(events[1].Timestamp.AddMilliseconds(1))}");
        after.GetProperty("stage").GetString().ShouldBe("Verified");
        after.GetProperty("version").GetInt64().ShouldBe(2);

        // The instant of the recording itself counts as known.
        (await Case(caseId, $"?asOf={Instant(events[1].Timestamp)}")).GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task time_travel_to_now_folds_the_same_summary_the_inline_projection_stored()
    {
        var (caseId, _) = await _api.PlanApproved();
        await using var session = App.Store.QuerySession();
        var stored = await session.LoadAsync<CaseSummary>(caseId);
        var folded = await CaseAsOf.AggregateAsync(session, caseId, new PointInTime(null, stored!.Version), default);
        JsonNode.DeepEquals(JsonSerializer.SerializeToNode(folded, Http.Json), JsonSerializer.SerializeToNode(stored, Http.Json)).ShouldBeTrue();
    }

    [Fact]
    public async Task the_replay_folds_every_version_as_martens_own_time_travel_does()
    {
        var (caseId, _) = await _api.PlanApproved();
        await using var session = App.Store.QuerySession();
        var stored = await session.LoadAsync<CaseSummary>(caseId);
        for (var v = 1L; v <= stored!.Version; v++)
        {
            var replayed = await CaseAsOf.AggregateAsync(session, caseId, new PointInTime(null, v), default);
            var marten = await session.Events.AggregateStreamAsync<CaseSummary>(caseId, version: v);
            JsonNode.DeepEquals(JsonSerializer.SerializeToNode(replayed, Http.Json), JsonSerializer.SerializeToNode(marten, Http.Json))
                .ShouldBeTrue($"version {v}");
        }
    }

    [Fact]
    public async Task the_plain_read_keeps_its_etag_and_if_none_match()
    {
        var caseId = await _api.Report();
        var response = await _api.Get(Roles.Auditor, $"/api/cases/{caseId}");
        await response.ShouldHave(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        (await _api.Get(Roles.Auditor, $"/api/cases/{caseId}", ("If-None-Match", "\"1\""))).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("?asOf=not-a-time", "asOf")]
    [InlineData("?asOf=2026-11-25", "asOf")]
    [InlineData("?version=0", "version")]
    [InlineData("?version=2", "version")]
    [InlineData("?version=1.5", "version")]
    [InlineData("?asOf=2026-11-25T03:00:00Z&version=1", "version")]
    public async Task a_bad_as_of_or_version_is_a_400_naming_it(string query, string field)
    {
        var caseId = await _api.Report();
        (await Case(caseId, query, HttpStatusCode.BadRequest)).GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task before_the_case_existed_or_an_unknown_case_is_a_404()
    {
        var caseId = await _api.Report();
        await Case(caseId, $"?asOf={Instant(DateTimeOffset.UtcNow.AddHours(-1))}", HttpStatusCode.NotFound);
        await Case(Guid.NewGuid(), "?version=1", HttpStatusCode.NotFound);
        await Case(Guid.NewGuid(), $"?asOf={Instant(DateTimeOffset.UtcNow)}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task only_the_roles_that_read_cases_travel_in_time()
    {
        var caseId = await _api.Report();
        await (await App.Client(null).GetAsync($"/api/cases/{caseId}?version=1")).ShouldHave(HttpStatusCode.Unauthorized);
        await (await App.Client(Roles.Integrator, "partner").GetAsync($"/api/cases/{caseId}?version=1")).ShouldHave(HttpStatusCode.Forbidden);
    }
}
