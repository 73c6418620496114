using ChildProtection.Coordination.Common;
using System.Net;
using System.Text;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Coordination.Tests.Api;

/// <summary>Issue 12: hostile text and dates are a 400 naming the field, answers are JSON whatever Accept says, and a bad body is one quiet log line.</summary>
public sealed class ClientInputTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    [Theory]
    [InlineData("/api/cases?commune=%00", "commune")]
    [InlineData("/api/agencies?commune=%00", "commune")]
    [InlineData("/api/agencies?commune=%FF%FE", "commune")]
    [InlineData("/api/cases?commune=a%01b", "commune")]
    [InlineData("/api/cases?commune=%ED%A0%80", "commune")]
    [InlineData("/api/communes/a%01", "code")] // %00 in a path never reaches the app: the server refuses it
    [InlineData("/api/communes/x%C3", "code")]
    public async Task invalid_text_in_the_query_or_the_route_is_a_400_naming_the_field(string url, string field)
    {
        var response = await Api.Get(Roles.CommuneOfficer, url);
        (await response.ShouldHave(HttpStatusCode.BadRequest)).Field().ShouldBe(field);
    }

    [Fact]
    public async Task a_control_character_in_a_header_is_a_400_naming_the_header()
    {
        var response = await Api.Get(Roles.CommuneOfficer, "/api/agencies", ("X-Note", "a\u0001b"));
        (await response.ShouldHave(HttpStatusCode.BadRequest)).Field().ShouldBe("X-Note");
    }

    [Theory]
    [InlineData("/api/communes/{0}?at=0001-01-01T00:00:00Z", "at")]
    [InlineData("/api/communes/{0}?at=9999-12-31T23:59:59Z", "at")]
    [InlineData("/api/communes?activeAt=9999-12-31T23:59:59Z", "activeAt")]
    [InlineData("/api/agencies?activeAt=9999-12-31T23:59:59Z", "activeAt")]
    [InlineData("/api/agencies?activeAt=1899-12-31", "activeAt")]
    public async Task a_date_outside_the_accepted_range_is_a_400_naming_the_field(string url, string field)
    {
        var code = (await (await Api.Get(Roles.CommuneOfficer, "/api/communes")).ReadJson())[0].GetProperty("code").GetString();
        var response = await Api.Get(Roles.CommuneOfficer, string.Format(url, code));
        (await response.ShouldHave(HttpStatusCode.BadRequest)).Field().ShouldBe(field);
    }

    [Fact]
    public async Task a_nul_or_lone_surrogate_in_a_body_string_is_a_400_naming_the_member()
    {
        var caseId = await Api.Report();
        foreach (var text in new[] { "a\\u0000", "a\\ud800", "a\\u0007" })
        {
            var response = await Api.As(Roles.CommuneOfficer).PostRaw($"/api/cases/{caseId}/legal-aid",
                $$"""{"provider":"Provincial legal aid centre","summary":"{{text}}"}""");
            await response.ShouldBeInvalid("summary");
        }
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Fact]
    public async Task a_body_string_over_the_longest_text_a_field_takes_is_a_400_naming_the_member()
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.CommuneOfficer).PostRaw($"/api/cases/{caseId}/legal-aid",
            $$"""{"provider":"Provincial legal aid centre","summary":"{{new string('a', 1_000_000)}}"}""");
        await response.ShouldBeInvalid("summary");
        var atTheLimit = await Api.As(Roles.CommuneOfficer).PostRaw($"/api/cases/{caseId}/legal-aid",
            $$"""{"provider":"Provincial legal aid centre","summary":"{{new string('a', SafeStringConverter.MaxLength)}}"}""");
        await atTheLimit.ShouldHave(HttpStatusCode.OK);
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task a_valid_step_sent_with_accept_text_html_is_taken_and_answered_in_json()
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid(), ("Accept", "text/html"));
        await response.ShouldHave(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task refusals_to_a_client_asking_for_html_are_problem_details()
    {
        var caseId = await Api.Report();
        var notFound = await Api.Get(Roles.CommuneOfficer, "/api/nowhere", ("Accept", "text/html"));
        await notFound.ShouldHave(HttpStatusCode.NotFound);

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/legal-aid")
        {
            Content = new StringContent(Bodies.Json(Bodies.LegalAid()), Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        var unsupported = await Api.As(Roles.CommuneOfficer).SendAsync(request);
        await unsupported.ShouldHave(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("""{"provider":""")]
    [InlineData("""{"provider":"x","summary":12}""")]
    [InlineData("not json")]
    public async Task a_bad_body_is_at_most_one_warning_line_without_a_stack_trace(string body)
    {
        var caseId = await Api.Report();
        App.Logs.Clear();

        var response = await Api.As(Roles.CommuneOfficer).PostRaw($"/api/cases/{caseId}/legal-aid", body);

        await response.ShouldHave(HttpStatusCode.BadRequest);
        var lines = App.Logs.Lines;
        lines.Count.ShouldBeLessThanOrEqualTo(1, string.Join("\n", lines.Select(l => $"{l.Level} {l.Category}: {l.Message}")));
        lines.ShouldAllBe(l => l.Level <= LogLevel.Warning && l.Exception == null && !l.Message.Contains("\n   at "));
    }
}
