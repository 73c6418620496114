using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Verification;
namespace ChildProtection.Coordination.Tests.Audit;

public sealed class CaseHistoryTests(AppFixture app) : IntegrationContext(app)
{
    private readonly CaseApi _api = new(app);

    private async Task<JsonElement> History(string query, Guid caseId, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await _api.Get(Roles.Auditor, $"/api/cases/{caseId}/history{query}");
        return await response.ShouldHave(status);
    }

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    [Fact]
    public async Task the_history_lists_every_event_in_stream_order_with_its_type_times_actor_and_correlation()
    {
        var caseId = await _api.Report(Scenarios.HotlineReport());
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify(), ("X-Correlation-Id", "audit-verify"));
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());

        var body = await History("", caseId);
        body.GetProperty("total").GetInt64().ShouldBe(3);
        body.GetProperty("currentVersion").GetInt64().ShouldBe(3);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("version").GetInt64()).ShouldBe([1, 2, 3]);
        items.Select(i => i.GetProperty("type").GetString()).ShouldBe(["case_reported", "report_verified", "initial_risk_assessed"]);
        items.Select(i => i.GetProperty("clrType").GetString()).ShouldBe(["CaseReported", "ReportVerified", "InitialRiskAssessed"]);
        items.Select(i => i.GetProperty("sequence").GetInt64()).ShouldBeInOrder();

        var verified = items[1];
        verified.GetProperty("correlationId").GetString().ShouldBe("audit-verify");
        verified.GetProperty("actor").GetProperty("userId").GetString().ShouldBe("user-commune-officer");
        verified.GetProperty("actor").GetProperty("userName").GetString().ShouldBe("Name of user-commune-officer");
        verified.GetProperty("actor").GetProperty("agency").GetString().ShouldBe("ubnd-dong-hoi");
        verified.GetProperty("actor").GetProperty("role").GetString().ShouldBe(Roles.CommuneOfficer);
        verified.GetProperty("data").GetProperty("findings").GetString().ShouldBe(Bodies.Verify().Findings);
        verified.GetProperty("data").GetProperty("caseId").GetGuid().ShouldBe(caseId);
        verified.TryGetProperty("causationId", out _).ShouldBeTrue();
        var recorded = verified.GetProperty("recordedAt").GetDateTimeOffset();
        var step = verified.GetProperty("stepAt").GetDateTimeOffset();
        (recorded - step).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(1));
        items.ShouldAllBe(i => !i.GetProperty("lateEntry").GetBoolean());
        items[0].GetProperty("actor").GetProperty("role").GetString().ShouldBe(Roles.HotlineOperator);
    }

    [Fact]
    public async Task a_step_posted_an_hour_after_it_happened_is_flagged_as_a_late_entry()
    {
        var caseId = await _api.Report(Scenarios.HotlineReport() with { ReceivedAt = DateTimeOffset.UtcNow.AddHours(-2) });
        var happened = DateTimeOffset.UtcNow.AddHours(-1);
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", new VerifyReport(true, "Seen at home", happened));
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());

        var items = (await History("", caseId)).GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("lateEntry").GetBoolean()).ShouldBe([true, true, false]);
        items[1].GetProperty("stepAt").GetDateTimeOffset().ShouldBe(happened, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task happened_before_filters_by_step_time_and_as_of_by_recorded_time()
    {
        var caseId = await _api.Report(Scenarios.HotlineReport() with { ReceivedAt = DateTimeOffset.UtcNow.AddHours(-2) });
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", new VerifyReport(true, "Seen", DateTimeOffset.UtcNow.AddHours(-1)));
        await Task.Delay(50);
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());

        // What happened more than half an hour ago: the report and the (late) verification, whenever they were recorded.
        var happened = await History($"?happenedBefore={Instant(DateTimeOffset.UtcNow.AddMinutes(-30))}", caseId);
        happened.GetProperty("total").GetInt64().ShouldBe(2);
        happened.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("version").GetInt64()).ShouldBe([1, 2]);

        // What was known once the verification was recorded: two events, although both "happened" hours earlier.
        var all = (await History("", caseId)).GetProperty("items").EnumerateArray().ToList();
        var verifiedRecorded = all[1].GetProperty("recordedAt").GetDateTimeOffset();
        var known = await History($"?asOf={Instant(verifiedRecorded)}", caseId);
        known.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("version").GetInt64()).ShouldBe([1, 2]);

        var atVersion = await History("?version=1", caseId);
        atVersion.GetProperty("total").GetInt64().ShouldBe(1);
        atVersion.GetProperty("currentVersion").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task the_history_is_paged()
    {
        var caseId = await _api.RiskAssessed();
        var page = await History("?page=2&pageSize=1", caseId);
        page.GetProperty("total").GetInt64().ShouldBe(2);
        page.GetProperty("page").GetInt32().ShouldBe(2);
        page.GetProperty("items").EnumerateArray().Single().GetProperty("version").GetInt64().ShouldBe(2);
        (await History("?page=3&pageSize=1", caseId)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("?asOf=yesterday", "asOf")]
    [InlineData("?asOf=2026-11-25T10:00:00", "asOf")]
    [InlineData("?asOf=", "asOf")]
    [InlineData("?version=0", "version")]
    [InlineData("?version=-1", "version")]
    [InlineData("?version=abc", "version")]
    [InlineData("?version=99", "version")]
    [InlineData("?version=1&asOf=2026-11-25T03:00:00Z", "version")]
    [InlineData("?happenedBefore=soon", "happenedBefore")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?page=0", "page")]
    public async Task a_bad_parameter_is_a_400_naming_it(string query, string field)
    {
        var caseId = await _api.Report();
        var problem = await History(query, caseId, HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task an_unknown_case_or_a_time_before_the_case_is_a_404()
    {
        await History("", Guid.NewGuid(), HttpStatusCode.NotFound);
        var caseId = await _api.Report();
        await History($"?asOf={Instant(DateTimeOffset.UtcNow.AddDays(-1))}", caseId, HttpStatusCode.NotFound);
        // Works with an unencoded '+' too (it arrives as a space).
        await History($"?asOf={DateTimeOffset.UtcNow.AddDays(-1).ToOffset(TimeSpan.FromHours(7)):yyyy-MM-ddTHH:mm:sszzz}", caseId, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_openapi_document_describes_the_history_and_the_as_of_parameters()
    {
        var document = await (await App.Client(null).GetAsync("/swagger/v1/swagger.json")).ShouldHave(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        var history = paths.GetProperty("/api/cases/{caseId}/history").GetProperty("get");
        foreach (var status in new[] { "200", "400", "401", "403", "404" }) history.GetProperty("responses").TryGetProperty(status, out _).ShouldBeTrue(status);
        history.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .ShouldBe(["caseId", "asOf", "version", "happenedBefore", "page", "pageSize"], ignoreOrder: true);
        paths.GetProperty("/api/cases/{caseId}").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ShouldBe(["caseId", "asOf", "version"], ignoreOrder: true);
    }

    [Fact]
    public async Task only_the_roles_that_read_cases_read_the_history()
    {
        var caseId = await _api.Report();
        await (await App.Client(null).GetAsync($"/api/cases/{caseId}/history")).ShouldHave(HttpStatusCode.Unauthorized);
        await (await App.Client(Roles.Integrator, "partner").GetAsync($"/api/cases/{caseId}/history")).ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client(Roles.CommuneOfficer, "ubnd-dong-hoi").GetAsync($"/api/cases/{caseId}/history")).ShouldHave(HttpStatusCode.OK);
    }
}
