using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Tests;

/// <summary>The API's surface: the OpenAPI document, the Swagger UI, and routes that do not exist.</summary>
public sealed class OpenApiTests(AppFixture app) : IntegrationContext(app)
{
    private static readonly (string Method, string Path)[] Operations =
    [
        ("get", "/api/cases"), ("post", "/api/cases"), ("get", "/api/cases/{caseId}"),
        ("post", "/api/cases/{caseId}/crime-report"), ("post", "/api/cases/{caseId}/crime-report/decision"), ("post", "/api/cases/{caseId}/verification"),
        ("post", "/api/cases/{caseId}/risk-assessment"), ("post", "/api/cases/{caseId}/emergency-protection"),
        ("post", "/api/cases/{caseId}/emergency-protection/{orderId}/extend"), ("post", "/api/cases/{caseId}/emergency-protection/{orderId}/end"),
        ("post", "/api/cases/{caseId}/detailed-assessment"), ("post", "/api/cases/{caseId}/plan"), ("post", "/api/cases/{caseId}/plan/approval"),
        ("post", "/api/cases/{caseId}/medical-exams"), ("post", "/api/cases/{caseId}/medical-exams/{examId}/complete"),
        ("post", "/api/cases/{caseId}/interviews"), ("post", "/api/cases/{caseId}/interviews/{interviewId}/conduct"),
        ("post", "/api/cases/{caseId}/psychosocial-support"), ("post", "/api/cases/{caseId}/legal-aid"),
        ("post", "/api/cases/{caseId}/school-reintegration"), ("post", "/api/cases/{caseId}/school-reintegration/complete"),
        ("post", "/api/cases/{caseId}/reviews"), ("post", "/api/cases/{caseId}/closure"), ("post", "/api/cases/{caseId}/reopening"),
        ("post", "/api/cases/{caseId}/closure/without-plan"), ("post", "/api/cases/{caseId}/plan/return"), ("post", "/api/cases/{caseId}/plan/meetings"),
        ("post", "/api/cases/{caseId}/services/{serviceId}/progress"),
        ("post", "/api/cases/{caseId}/handoffs"), ("post", "/api/cases/{caseId}/handoffs/{handoffId}/accept"),
        ("post", "/api/cases/{caseId}/handoffs/{handoffId}/decline"), ("post", "/api/cases/{caseId}/handoffs/{handoffId}/complete"),
        ("post", "/api/cases/{caseId}/handoffs/{handoffId}/clock"), ("post", "/api/cases/{caseId}/handoffs/{handoffId}/cancel"), ("get", "/api/inbox"), ("get", "/api/agencies/{agencyId}/inbox"),
        ("get", "/api/cases/{caseId}/history"), ("get", "/api/feed"), ("get", "/api/cases/{caseId}/integrity"), ("get", "/api/cases/{caseId}/export"), ("get", "/api/cases/{caseId}/access-log"),
        ("get", "/api/audit/anchors"), ("post", "/api/audit/anchors"),
        ("post", "/api/cases/{caseId}/consents"), ("post", "/api/cases/{caseId}/consents/{consentId}/withdrawal"), ("post", "/api/cases/{caseId}/erasure"),
        ("post", "/api/cases/{caseId}/transfer"), ("post", "/api/cases/{caseId}/special-circumstances"), ("post", "/api/cases/{caseId}/special-circumstances/end"),
        ("get", "/api/cases/{caseId}/possible-duplicates"), ("post", "/api/cases/{caseId}/links"), ("delete", "/api/cases/{caseId}/links/{linkId}"),
        ("post", "/api/cases/{caseId}/possible-duplicates/{otherCaseId}/rejection"),
        ("post", "/api/cases/{caseId}/merge"), ("delete", "/api/cases/{caseId}/links/{linkId}/merge"),
        ("post", "/api/cases/{caseId}/identity-corrections"),
    ];

    private async Task<JsonElement> Document()
    {
        var response = await App.Client(null).GetAsync("/swagger/v1/swagger.json");
        await response.ShouldHave(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement Schema(JsonElement document, string nameEnd) =>
        document.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Single(s => s.Name == nameEnd || s.Name.EndsWith("." + nameEnd)).Value;

    private static string[] Responses(JsonElement document, string method, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).ToArray();

    [Fact]
    public async Task the_openapi_document_is_public_and_lists_every_route()
    {
        var document = await Document();

        var listed = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (m.Name, p.Name))).ToArray();
        // Every case and hand-off route is listed, and nothing under /api/cases that the tests do not know;
        // the directory's routes have their own test under Agencies/.
        foreach (var operation in Operations) listed.ShouldContain(operation);
        listed.Where(l => l.Item2.StartsWith("/api/cases")).ShouldBe(Operations.Where(o => o.Path.StartsWith("/api/cases")), ignoreOrder: true);
    }

    [Fact]
    public void every_step_route_in_the_document_is_one_the_tests_drive()
    {
        var steps = Operations.Where(o => o.Method == "post" && o.Path.StartsWith("/api/cases/{caseId}/") && !o.Path.Contains("/handoffs")).Select(o => o.Path).ToArray();
        var driven = StepRoutes.All.Values.Select(r => r.Template.Replace("{sub}", "{x}")).ToArray();
        steps.Select(s => System.Text.RegularExpressions.Regex.Replace(s, @"\{(orderId|examId|interviewId|consentId|serviceId|otherCaseId)\}", "{x}"))
            .ShouldBe(driven, ignoreOrder: true);
    }

    [Fact]
    public async Task enums_are_documented_as_their_names()
    {
        var document = await Document();

        var channel = Schema(document, "ReportChannel");
        channel.GetProperty("type").GetString().ShouldBe("string");
        channel.GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["Hotline111", "Commune", "Police", "Health", "School", "WalkIn", "Online", "SocialWorkCentre", "ProvincialSocialWorkLine",
                "ProvincialCounsellingLine"]);
        Schema(document, "RiskLevel").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Low", "Medium", "High"]);

        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject()
                     .Where(s => s.Value.TryGetProperty("enum", out _)))
        {
            schema.Value.GetProperty("type").GetString().ShouldBe("string", schema.Name);
            schema.Value.GetProperty("enum").EnumerateArray().ShouldAllBe(e => e.ValueKind == JsonValueKind.String);
        }
    }

    [Fact]
    public async Task every_step_route_documents_its_success_and_every_problem_it_can_give()
    {
        var document = await Document();

        foreach (var (method, path) in Operations.Where(o => o.Method == "post" && o.Path.StartsWith("/api/cases/{caseId}/")))
        {
            var responses = Responses(document, method, path);
            responses.ShouldContain("200", path);
            foreach (var status in new[] { "400", "401", "403", "404", "409", "412", "422" }) responses.ShouldContain(status, path);

            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
            operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue(path);
            operation.GetProperty("responses").GetProperty("409").GetProperty("content")
                .TryGetProperty("application/problem+json", out _).ShouldBeTrue(path);
            operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
                .GetProperty("schema").GetRawText().ShouldContain("StepAccepted", customMessage: path);
        }
    }

    [Fact]
    public async Task the_report_route_documents_201_and_its_problems()
    {
        var responses = Responses(await Document(), "post", "/api/cases");
        foreach (var status in new[] { "201", "400", "401", "403", "422" }) responses.ShouldContain(status);
        responses.ShouldNotContain("412");
    }

    [Fact]
    public async Task the_report_route_documents_only_answers_it_can_give()
    {
        var responses = Responses(await Document(), "post", "/api/cases");
        responses.ShouldNotContain("200");
        responses.ShouldNotContain("404");
    }

    [Fact]
    public async Task the_read_routes_document_their_answers()
    {
        var document = await Document();
        foreach (var status in new[] { "200", "400", "401", "403" }) Responses(document, "get", "/api/cases").ShouldContain(status);
        foreach (var status in new[] { "200", "401", "403", "404" }) Responses(document, "get", "/api/cases/{caseId}").ShouldContain(status);
        var parameters = document.GetProperty("paths").GetProperty("/api/cases").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString());
        parameters.ShouldBe(["status", "commune", "stage", "page", "pageSize"], ignoreOrder: true);
    }

    [Fact]
    public async Task the_document_declares_bearer_tokens()
    {
        var document = await Document();
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        bearer.GetProperty("type").GetString().ShouldBe("http");
        bearer.GetProperty("scheme").GetString().ShouldBe("bearer");
        document.GetProperty("security").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task the_swagger_ui_is_served_to_anonymous_callers()
    {
        var response = await App.Client(null).GetAsync("/swagger/index.html");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("swagger");
    }

    [Theory]
    [InlineData("/api/nothing")]
    [InlineData("/api/cases/{0}/teleport")]
    [InlineData("/api/case")]
    [InlineData("/swagger/v2/swagger.json")]
    public async Task an_unknown_route_is_a_404_problem(string path)
    {
        var url = string.Format(path, Guid.NewGuid());
        await (await App.Client(null).GetAsync(url)).ShouldHave(HttpStatusCode.NotFound);
        await (await App.Client(Roles.CommuneOfficer).GetAsync(url)).ShouldHave(HttpStatusCode.NotFound);
        await (await App.Client(Roles.CommuneOfficer).PostJson(url, new { })).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_wrong_method_on_a_known_route_is_refused_without_a_server_error()
    {
        var caseId = Guid.NewGuid();
        foreach (var (method, url) in new[] { (HttpMethod.Get, $"/api/cases/{caseId}/verification"), (HttpMethod.Delete, $"/api/cases/{caseId}"), (HttpMethod.Put, "/api/cases") })
        {
            var response = await App.Client(Roles.CommuneOfficer).SendAsync(new HttpRequestMessage(method, url));
            ((int)response.StatusCode).ShouldBeOneOf(404, 405);
        }
    }
}
