using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Tests.Cases.Steps;

/// <summary>
/// No client input produces a 500: every field of every route's body is replaced, one at a time, by
/// hostile values (nulls, wrong kinds, NUL and lone surrogates, calendar extremes, huge numbers, huge text), whole bodies
/// by odd JSON and raw bytes that are not UTF-8, and every route's path, query and headers by hostile text, extreme dates
/// and numbers, while ordinary users read and take steps beside it without a single failure (issue 12).
/// </summary>
public sealed class NoServerErrorTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private static readonly string[] AnyKind = ["null", "true", "0", "-1", "1e308", "\"\"", "[]", "{}"];
    private static readonly string[] Strings =
    [
        "\"   \"", $"\"{new string('x', 100_000)}\"", "\"\\u202e\\ud83d\\ude00 Trẻ em\"", "\"<script>alert(1)</script>\"",
        "\"' OR 1=1; DROP TABLE cp.mt_events; --\"", "\"\\u0001\\u001f\"", "\"\\ud800\"", "\"a\\u0000b\"", "\"\\udc00x\"",
    ];
    private static readonly string[] Instants =
    [
        "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"",
        "\"2026-02-30T00:00:00Z\"", "\"2026-11-25T10:00:00\"", "\"yesterday\"", "1732500000",
    ];
    private static readonly string[] Dates = ["\"0001-01-01\"", "\"9999-12-31\"", "\"2026-02-29\"", "\"2026-13-01\""];
    private static readonly string[] Durations = ["\"00:00:00\"", "\"10675199.02:48:05.4775807\"", "\"-10675199.02:48:05.4775808\"", "\"1.00:00:00\"", "\"PT1H\""];
    private static readonly string[] Numbers = ["2147483647", "-2147483648", "1e20", "1.5", "99999999999999999999999", "-0", "\"NaN\"", "\"Infinity\""];
    private static readonly string[] Ids = ["\"00000000-0000-0000-0000-000000000000\"", "\"{0}\""];
    private static readonly string[] Arrays = ["[null]", "[\"\"]", "[[]]", "[{}]"];

    private static IEnumerable<(string Path, string Value)> Mutations(JsonNode body, string prefix = "")
    {
        if (body is JsonObject obj)
            foreach (var (name, child) in obj.ToArray())
            {
                var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                foreach (var m in Leaf(path, child)) yield return m;
                if (child is JsonObject or JsonArray) foreach (var m in Mutations(child, path)) yield return m;
            }
        else if (body is JsonArray array && array.Count > 0)
        {
            var path = $"{prefix}.0";
            foreach (var m in Leaf(path, array[0])) yield return m;
            if (array[0] is JsonObject or JsonArray) foreach (var m in Mutations(array[0]!, path)) yield return m;
        }
    }

    private static IEnumerable<(string, string)> Leaf(string path, JsonNode? node)
    {
        var name = path.Split('.')[^1];
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var kind =
            node is JsonArray ? Arrays :
            name.EndsWith("At") || DateTimeOffset.TryParse(text, out _) && text!.Contains('T') ? Instants :
            DateOnly.TryParseExact(text, "yyyy-MM-dd", out _) ? Dates :
            name == "duration" ? Durations :
            Guid.TryParse(text, out _) ? Ids :
            text is not null ? Strings :
            node is JsonValue n && n.TryGetValue<int>(out _) ? Numbers :
            [];
        return AnyKind.Concat(kind).Select(value => (path, value));
    }

    /// <summary>Sends every mutation of the route's valid body to a case where the step would succeed; collects the 500s.</summary>
    private async Task<List<string>> Fuzz(string label, Func<Task<(string Url, string Body, string Role)>> arrange)
    {
        var failures = new List<string>();
        var (url, body, role) = await arrange();
        foreach (var (path, value) in Mutations(JsonNode.Parse(body)!))
        {
            var response = await Api.As(role).PostRaw(url, JsonEdit.SetRaw(body, path, value.Replace("{0}", Guid.NewGuid().ToString())));
            var status = (int)response.StatusCode;
            if (status >= 500) failures.Add($"{label} {path}={Shorten(value)} → {status} {Shorten(await response.Content.ReadAsStringAsync())}");
            else if (status >= 400) await response.ShouldBeAProblem();
            // A step that went through used up the state it needed; arrange a fresh case for the next mutation.
            if (status < 300) (url, body, role) = await arrange();
        }
        return failures;
    }

    private static string Shorten(string s) => s.Length > 120 ? s[..120] + "…" : s;

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task no_value_in_any_field_of_a_step_is_a_server_error(string name)
    {
        var route = StepRoutes.All[name];
        var failures = await Fuzz(name, async () =>
        {
            var at = await route.Arrange(Api);
            return (route.Url(at), route.Json(at), route.Role);
        });
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task no_value_in_any_field_of_a_report_is_a_server_error()
    {
        var failures = await Fuzz("report", () => Task.FromResult(("/api/cases", Bodies.Json(Bodies.Report()), Roles.HotlineOperator)));
        failures.ShouldBeEmpty();
    }

    public static TheoryData<string> OddBodies => new()
    {
        "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2001),
        "[" + string.Join(",", Enumerable.Repeat("{}", 10_000)) + "]",
        "\uFEFF{}",
        "{\"reason\":\"a\",\"reason\":\"b\"}",
        "{\"reason\":\"x\",\"unknown\":{\"deep\":[1,2,3]},\"occurredAt\":null}",
        "{\"reason\":NaN}",
        "{'reason':'single quotes'}",
        "{\"reason\":\"x\"}garbage",
        "\"just a string\"",
        "12345678901234567890",
    };

    [Theory, MemberData(nameof(OddBodies))]
    public async Task no_odd_json_body_is_a_server_error(string body)
    {
        var caseId = await Api.Report();
        var failures = new List<string>();
        foreach (var route in StepRoutes.All.Values)
        {
            var response = await Api.As(route.Role).PostRaw(route.Url(new Arranged(caseId, Guid.NewGuid())), body);
            if ((int)response.StatusCode >= 500) failures.Add($"{route.Name} → {(int)response.StatusCode}");
        }
        var report = await Api.As(Roles.HotlineOperator).PostRaw("/api/cases", body);
        if ((int)report.StatusCode >= 500) failures.Add($"report → {(int)report.StatusCode}");
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task no_odd_header_is_a_server_error()
    {
        var caseId = await Api.Report();
        var url = $"/api/cases/{caseId}/legal-aid";
        (string, string)[][] headers =
        [
            [("If-Match", new string('9', 5000))], [("If-Match", "W/\"\"")], [("If-Match", "\"1\", *")],
            [("If-None-Match", "*")], [("Idempotency-Key", new string('é', 200))], [("Idempotency-Key", "🙂")],
            [("X-Correlation-Id", new string('x', 10_000))], [("Content-Type", "application/json; charset=latin1")],
        ];
        foreach (var set in headers)
        {
            var response = await Api.As(Roles.CommuneOfficer).PostJson(url, Bodies.LegalAid(), set);
            ((int)response.StatusCode).ShouldBeLessThan(500, string.Join(", ", set.Select(h => h.Item1)));
        }
        var read = await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}", ("If-None-Match", new string('"', 3000)));
        ((int)read.StatusCode).ShouldBeLessThan(500);
    }

    [Fact]
    public async Task a_body_sent_as_another_media_type_is_refused_without_a_server_error()
    {
        var caseId = await Api.Report();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/legal-aid")
        {
            Content = new StringContent(Bodies.Json(Bodies.LegalAid()), Encoding.UTF8, "text/plain"),
        };
        var response = await Api.As(Roles.CommuneOfficer).SendAsync(request);
        await response.ShouldHave(HttpStatusCode.UnsupportedMediaType);
        (await Api.Version(caseId)).ShouldBe(1);
    }

    // Inputs that once gave a 500, kept as named regressions.

    [Fact]
    public async Task a_nul_character_in_text_is_a_400_not_a_server_error()
    {
        var caseId = await Api.Report();

        var step = await Api.As(Roles.CommuneOfficer).PostRaw($"/api/cases/{caseId}/verification", """{"substantiated":true,"findings":"bruises\u0000"}""");
        var report = await Api.As(Roles.HotlineOperator).PostRaw("/api/cases",
            JsonEdit.Set(Bodies.Json(Bodies.Report()), "child.name", "Mai\u0000"));

        await step.ShouldBeInvalid("findings");
        await report.ShouldBeInvalid("child.name");
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Fact]
    public async Task an_interview_scheduled_at_the_end_of_the_calendar_is_a_400_not_a_server_error()
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.PoliceOfficer).PostRaw($"/api/cases/{caseId}/interviews",
            JsonEdit.Set(Bodies.Json(Bodies.Interview()), "scheduledFor", "9999-12-31T23:00:00Z"));
        await response.ShouldBeInvalid("scheduledFor");
    }

    [Fact]
    public async Task a_return_to_school_targeted_at_the_end_of_the_calendar_is_a_400_not_a_server_error()
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.EducationOfficer).PostJson($"/api/cases/{caseId}/school-reintegration",
            Bodies.SchoolPlan() with { TargetDate = DateOnly.MaxValue });
        await response.ShouldBeInvalid("targetDate");
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Fact]
    public async Task a_plan_service_sent_as_null_is_a_400_not_a_server_error()
    {
        var caseId = await Api.NeedsAssessed();
        var response = await Api.As(Roles.CommuneOfficer).PostRaw($"/api/cases/{caseId}/plan", """{"goals":"Keep the child safe","services":[null]}""");
        await response.ShouldBeInvalid("services[0]");
    }

    [Theory]
    [InlineData("10675199.02:48:05.4775807")]
    [InlineData("-10675199.02:48:05.4775808")]
    [InlineData("3650000.00:00:00")]
    public async Task an_interview_duration_beyond_the_calendar_is_a_400_not_a_server_error(string duration)
    {
        var caseId = await Api.Report();
        var interviewId = await Api.InterviewScheduled(caseId);

        var response = await Api.As(Roles.PoliceOfficer).PostRaw($"/api/cases/{caseId}/interviews/{interviewId}/conduct",
            JsonEdit.Set(Bodies.Json(Bodies.Conduct()), "duration", duration));

        await response.ShouldBeInvalid("duration");
        (await Api.Version(caseId)).ShouldBe(2);
    }
}
