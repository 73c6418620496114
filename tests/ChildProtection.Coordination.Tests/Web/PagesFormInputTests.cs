using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Tests.Support;
using Microsoft.Playwright;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>
/// What a page makes of input no form offers, posted by hand through the real service: a date and time outside the dates
/// the service accepts (the earliest ones once answered 500: they have no instant at +07:00), a choice the form did not
/// offer (once dropped or read as the enum's default), text the input guard refuses in a page's address. Each is the
/// page's 400 in HTML, beside the field when a form sent it, and no error with a stack trace in the log.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class PagesFormInputTests(PagesFixture app)
{
    private static readonly (string Name, string Value)[] Report =
    [
        ("channel", "Hotline111"), ("reporter.relation", "n"), ("child.name", "X"), ("child.sex", "Female"), ("child.ageYears", "9"),
        ("child.communeOfResidence", "dong-son-ward"), ("incident.commune", "dong-son-ward"), ("incident.harmForms", "Violence"),
        ("incident.description", "d"), ("incident.suspectedPerpetrator", "StepParent"), ("incident.occurredAt", "2026-01-01T08:00"),
    ];

    /// <summary>Posts <paramref name="values"/> to <paramref name="path"/> with the antiforgery token of the page the browser is on.</summary>
    private static async Task<IAPIResponse> PostAsync(IPage page, string path, IEnumerable<(string Name, string Value)> values)
    {
        var form = page.APIRequest.CreateFormData().Set("__cp_af", await page.Locator("input[name=__cp_af]").First.InputValueAsync());
        foreach (var (name, value) in values) form.Append(name, value);
        return await page.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
    }

    private static IEnumerable<(string Name, string Value)> With(string name, string value) =>
        Report.Where(v => v.Name != name).Append((name, value));

    private static async Task ShouldBeRefusedBesideAsync(IAPIResponse answer, string errorId)
    {
        var html = await answer.TextAsync();
        answer.Status.ShouldBe(400, html.Length > 2000 ? html[..2000] : html);
        answer.Headers["content-type"].ShouldStartWith("text/html");
        html.ShouldContain($"id=\"{errorId}\"");
        // In the reader's language, as the page's other field errors: the kind's Vietnamese sentence.
        WebUtility.HtmlDecode(html).ShouldContain("Một trường thiếu, sai định dạng hoặc ngoài phạm vi.");
    }

    [Fact]
    public async Task the_report_page_refuses_a_date_out_of_range_and_a_choice_it_did_not_offer_beside_the_field()
    {
        var page = await app.NewPageAsync();
        await Browse.SignInAsync(page, Roles.HotlineOperator, "hotline-111");
        await page.GotoAsync("/report");

        foreach (var moment in new[] { "0001-01-01T00:00", "0001-01-01T07:00", "9999-12-31T23:59" })
            await ShouldBeRefusedBesideAsync(await PostAsync(page, "/report", With("incident.occurredAt", moment)), "f-incident-occurredAt-error");
        foreach (var day in new[] { "0001-01-01", "9999-12-31" })
            await ShouldBeRefusedBesideAsync(await PostAsync(page, "/report", Report.Append(("child.dateOfBirth", day))), "f-child-dateOfBirth-error");

        // What the API's JSON reader refuses (POST /api/cases answers 400 naming the field) the page refuses too.
        await ShouldBeRefusedBesideAsync(await PostAsync(page, "/report", Report.Append(("incident.harmForms", "Bogus"))), "f-incident-harmForms-error");
        await ShouldBeRefusedBesideAsync(await PostAsync(page, "/report", With("child.sex", "Bogus")), "f-child-sex-error");
        await ShouldBeRefusedBesideAsync(await PostAsync(page, "/report", With("incident.suspectedPerpetrator", "Bogus")), "f-incident-suspectedPerpetrator-error");
        await ShouldBeRefusedBesideAsync(await PostAsync(page, "/report", With("channel", "99")), "f-channel-error");

        // Names in any case are taken, as the API takes them.
        var taken = await PostAsync(page, "/report", With("incident.harmForms", "violence"));
        taken.Status.ShouldBe(302, await taken.TextAsync());
        app.Service.Output.ShouldNotContain("ArgumentOutOfRangeException");
    }

    [Fact]
    public async Task a_case_form_and_the_timeline_refuse_the_earliest_moment_without_a_500()
    {
        string caseId;
        using (var api = new HttpClient())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.Token(Roles.HotlineOperator, "hotline-111"));
            var created = await api.PostAsync($"{app.Url}/api/cases", new StringContent(Bodies.Json(Bodies.Report()), System.Text.Encoding.UTF8, "application/json"));
            var text = await created.Content.ReadAsStringAsync();
            created.StatusCode.ShouldBe(HttpStatusCode.Created, text);
            caseId = JsonNode.Parse(text)!["caseId"]!.ToString();
        }
        var page = await app.NewPageAsync();
        await Browse.SignInAsync(page, Roles.CommuneChair, "ubnd-dong-hoi");
        await page.GotoAsync($"/cases/{caseId}");
        var answer = await PostAsync(page, $"/cases/{caseId}?handler=RequestHandoff",
            [("toAgency", "ca-dong-hoi"), ("task", "FollowUp"), ("description", "d"), ("dueAt", "0001-01-01T00:00")]);
        await ShouldBeRefusedBesideAsync(answer, "RequestHandoff-dueAt-error");
        await Browse.SignOutAsync(page);

        await Browse.SignInAsync(page, Roles.Auditor, "syt-quang-tri");
        var timeline = await page.GotoAsync($"/cases/{caseId}/timeline?at=0001-01-01T00:00");
        timeline!.Status.ShouldBe(400);
        (await page.Locator("main [role=alert]").First.InnerTextAsync()).ShouldContain("asOf");
        app.Service.Output.ShouldNotContain("ArgumentOutOfRangeException");
    }

    [Theory]
    [InlineData("/report?province=%ff")]
    [InlineData("/indicators?level=commune&unit=%00")]
    [InlineData("/cases/00000000-0000-0000-0000-000000000001/timeline?asOf=%00")]
    public async Task text_the_guard_refuses_in_a_page_s_address_is_the_html_error_page_for_a_browser(string path)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Url + path));
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml");
        var answer = await http.SendAsync(request);
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        body.ShouldStartWith("<!DOCTYPE html>");
        body.ShouldContain("400");

        // Not asking for HTML, the same address keeps the problem naming the field.
        var json = await http.GetAsync(new Uri(app.Url + path));
        json.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        json.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
