using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Tests.Support;
using Microsoft.Playwright;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>
/// The step forms added after the first walk-through, taken in headless Chromium through the real service: the planning
/// meeting, a service's progress, a special circumstance recorded and ended; and the warning on a report that looks like a
/// known case, with links to the cases the caller may read.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class PagesStepFormsTests(PagesFixture app)
{
    private static ILocator Submit(IPage page, string handler) => page.Locator($"form[action$='handler={handler}'] button[type=submit]");

    private static string VietnamNow(TimeSpan ago) =>
        DateTimeOffset.UtcNow.Subtract(ago).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static string Today => Bodies.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A step through the API as another agency's system would take it; the answer's body.</summary>
    private async Task<JsonNode?> Api(string role, string agency, string path, object body, HttpStatusCode expected)
    {
        using var api = new HttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.Token(role, agency));
        var answer = await api.PostAsync($"{app.Url}{path}", new StringContent(Bodies.Json(body), System.Text.Encoding.UTF8, "application/json"));
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private async Task<JsonNode> Read(string caseId)
    {
        using var api = new HttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.Token(Roles.CommuneChair, "ubnd-dong-hoi"));
        return JsonNode.Parse(await api.GetStringAsync($"{app.Url}/api/cases/{caseId}"))!;
    }

    [Fact]
    public async Task the_commune_records_the_planning_meeting_a_special_circumstance_and_a_service_s_progress()
    {
        // Reported, verified and assessed through the API; the commune takes it on in the pages.
        var report = Bodies.Report(harm: [ChildProtection.Coordination.Cases.HarmForm.Neglect], childName: $"Lò Văn Páo {Guid.NewGuid():N}"[..24]);
        var created = await Api(Roles.HotlineOperator, "hotline-111", "/api/cases", report, HttpStatusCode.Created);
        var caseId = created!["caseId"]!.ToString();
        await Api(Roles.CommuneOfficer, "ubnd-dong-hoi", $"/api/cases/{caseId}/verification", Bodies.Verify(), HttpStatusCode.OK);
        await Api(Roles.CommuneOfficer, "ubnd-dong-hoi", $"/api/cases/{caseId}/risk-assessment", Bodies.Risk(), HttpStatusCode.OK);

        var page = await app.NewPageAsync();
        await Browse.SignInAsync(page, Roles.CommuneOfficer, "ubnd-dong-hoi");
        await page.GotoAsync($"/cases/{caseId}");
        // No planning meeting before the detailed assessment (the API's order of steps).
        (await page.Locator("form[action$='handler=RecordPlanningMeeting']").CountAsync()).ShouldBe(0);
        await Api(Roles.CommuneOfficer, "ubnd-dong-hoi", $"/api/cases/{caseId}/detailed-assessment", Bodies.Needs(), HttpStatusCode.OK);
        await page.ReloadAsync();

        // The planning meeting: the child's views left empty are refused beside that field, what was typed stays.
        await page.Locator("#RecordPlanningMeeting-title").ClickAsync();
        await page.FillAsync("#RecordPlanningMeeting-heldAt", VietnamNow(TimeSpan.FromHours(1)));
        await page.FillAsync("#RecordPlanningMeeting-participants-0-role", "Cán bộ bảo vệ trẻ em xã");
        await page.FillAsync("#RecordPlanningMeeting-participants-0-agency", "ubnd-dong-hoi");
        await page.FillAsync("#RecordPlanningMeeting-participants-1-role", "Mẹ của trẻ");
        await page.FillAsync("#RecordPlanningMeeting-familyViews", "Gia đình đồng ý để trẻ ở với bà");
        var noViews = await page.RunAndWaitForResponseAsync(() => Submit(page, "RecordPlanningMeeting").ClickAsync(), r => r.Request.Method == "POST");
        noViews.Status.ShouldBe(400);
        (await page.Locator("#RecordPlanningMeeting-childViews").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("#RecordPlanningMeeting-childViews-error").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        (await page.Locator("#RecordPlanningMeeting-participants-1-role").InputValueAsync()).ShouldBe("Mẹ của trẻ");
        await Browse.ShouldBeAccessibleAsync(page);
        await page.FillAsync("#RecordPlanningMeeting-childViews", "Trẻ muốn ở với bà ngoại");
        await Submit(page, "RecordPlanningMeeting").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=RecordPlanningMeeting"));
        var shown = await page.Locator("main").InnerTextAsync();
        shown.ShouldContain("Mẹ của trẻ");
        shown.ShouldContain("Cán bộ bảo vệ trẻ em xã");

        // A special circumstance recorded, then ended: one form to end each group in force, none once it ended.
        await page.Locator("#EstablishSpecialCircumstance-title").ClickAsync();
        await page.SelectOptionAsync("#EstablishSpecialCircumstance-group", "WithoutCarer");
        await page.FillAsync("#EstablishSpecialCircumstance-establishedOn", Today);
        await Submit(page, "EstablishSpecialCircumstance").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=EstablishSpecialCircumstance"));
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Trẻ em không nơi nương tựa");
        var end = page.Locator("form[action$='handler=EndSpecialCircumstance']");
        (await end.CountAsync()).ShouldBe(1);
        await page.Locator("summary[id^='EndSpecialCircumstance']").ClickAsync();
        await Browse.ShouldBeAccessibleAsync(page);
        await end.Locator("input[name=endedOn]").FillAsync(Today);
        await end.Locator("textarea[name=reason]").FillAsync("Bà ngoại nhận chăm sóc trẻ");
        await Submit(page, "EndSpecialCircumstance").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=EndSpecialCircumstance"));
        (await page.Locator("form[action$='handler=EndSpecialCircumstance']").CountAsync()).ShouldBe(0);
        var day = Bodies.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        (await page.Locator("main").InnerTextAsync()).ShouldContain($"từ {day} đến {day}");

        // The plan drafted and approved (the API), then the officer following the case notes a session of its service.
        await Api(Roles.CommuneOfficer, "ubnd-dong-hoi", $"/api/cases/{caseId}/plan", Bodies.Plan(), HttpStatusCode.OK);
        var planId = Guid.Parse((await Read(caseId))["plan"]!["planId"]!.ToString());
        await Api(Roles.CommuneChair, "ubnd-dong-hoi", $"/api/cases/{caseId}/plan/approval", Bodies.Approve(planId), HttpStatusCode.OK);
        await page.GotoAsync($"/cases/{caseId}");
        var progress = page.Locator("form[action$='handler=RecordServiceProgress']");
        (await progress.CountAsync()).ShouldBe(1);
        await page.Locator("summary[id^='RecordServiceProgress']").ClickAsync();
        await progress.Locator("select[name=kind]").SelectOptionAsync("Session");
        await progress.Locator("textarea[name=summary]").FillAsync("Đã khám và điều trị vết bầm");
        await Submit(page, "RecordServiceProgress").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=RecordServiceProgress"));
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Đã khám và điều trị vết bầm");
        await Browse.ShouldBeAccessibleAsync(page);
        await Browse.ShouldBeLightAsync(page);
        await Browse.SignOutAsync(page);

        // The hotline reads the case it reported, with none of these forms; a hand-crafted post of one is the API's 403.
        await Browse.SignInAsync(page, Roles.HotlineOperator, "hotline-111");
        await page.GotoAsync($"/cases/{caseId}");
        foreach (var handler in new[] { "RecordPlanningMeeting", "EstablishSpecialCircumstance", "EndSpecialCircumstance", "RecordServiceProgress" })
            (await page.Locator($"form[action$='handler={handler}']").CountAsync()).ShouldBe(0, handler);
        var token = await page.Locator("input[name=__cp_af]").First.InputValueAsync();
        var forged = await page.APIRequest.PostAsync($"/cases/{caseId}?handler=RecordPlanningMeeting", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__cp_af", token).Set("heldAt", VietnamNow(TimeSpan.FromHours(1)))
                .Set("participants[0].role", "forged").Set("childViews", "forged").Set("familyViews", "forged"),
        });
        forged.Status.ShouldBe(403);
        // Every form carries the antiforgery token: a post without it is refused before any step is looked at.
        var noToken = await page.APIRequest.PostAsync($"/cases/{caseId}?handler=RecordPlanningMeeting", new()
        {
            Form = page.APIRequest.CreateFormData().Set("childViews", "forged"),
        });
        noToken.Status.ShouldBe(400);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task a_browser_preferring_english_reads_the_pages_in_english_until_it_chooses_otherwise()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Url, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).CountAsync()).ShouldBe(1);
        await Browse.SignInAsync(page, Roles.CommuneOfficer, "ubnd-dong-hoi");
        (await page.Locator("h1").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếng Việt" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "vi", new() { Timeout = 60_000 });
        await context.CloseAsync();
    }

    /// <summary>Fills Form 01 on the report page for a child of 9 in Đồng Hới, hit at home, and sends it; the new case's id.</summary>
    private static async Task<string> ReportAsync(IPage page, string childName)
    {
        await page.GotoAsync("/report");
        await page.FillAsync("#f-reporter-relation", "giáo viên");
        await page.FillAsync("#f-child-name", childName);
        await page.SelectOptionAsync("#f-child-sex", "Male");
        await page.FillAsync("#f-child-ageYears", "9");
        await page.SelectOptionAsync("#f-child-communeOfResidence", "dong-hoi-ward");
        await page.SelectOptionAsync("#f-incident-commune", "dong-hoi-ward");
        await page.FillAsync("#f-incident-occurredAt", VietnamNow(TimeSpan.FromHours(3)));
        await page.CheckAsync("#harm-Violence");
        await page.FillAsync("#f-incident-description", "Trẻ đến lớp với vết bầm trên mặt");
        await page.Locator("main form[method=post] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/cases/[0-9a-f-]{36}"));
        return Regex.Match(page.Url, "/cases/([0-9a-f-]{36})").Groups[1].Value;
    }

    [Fact]
    public async Task the_report_page_refuses_a_commune_not_in_force_beside_its_field_as_the_api_does()
    {
        var page = await app.NewPageAsync();
        await Browse.SignInAsync(page, Roles.HotlineOperator, "hotline-111");
        await page.GotoAsync("/report");
        await page.FillAsync("#f-child-name", "Hoàng Minh");
        await page.FillAsync("#f-child-ageYears", "9");
        await page.SelectOptionAsync("#f-child-communeOfResidence", "dong-hoi-ward");
        // The form offers only communes in force; a crafted post names another.
        await page.EvalOnSelectorAsync("#f-incident-commune", "s => { s.add(new Option('nowhere', 'nowhere')); s.value = 'nowhere'; }");
        await page.CheckAsync("#harm-Violence");
        await page.FillAsync("#f-incident-description", "Trẻ đến lớp với vết bầm trên mặt");
        var answer = await page.RunAndWaitForResponseAsync(() => page.Locator("main form[method=post] button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/report"));

        answer.Status.ShouldBe(400);
        (await page.Locator("#f-incident-commune-error").InnerTextAsync()).ShouldContain("nowhere");
        await Browse.SignOutAsync(page);
    }

    [Fact]
    public async Task a_second_report_of_the_same_child_warns_and_links_the_case_already_known()
    {
        // A name of its own, so that no other test's child is a candidate.
        var childName = $"Hoàng Minh {string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8))}";
        var page = await app.NewPageAsync();
        await Browse.SignInAsync(page, Roles.HotlineOperator, "hotline-111");
        var first = await ReportAsync(page, childName);
        (await page.Locator("#possible-duplicates").CountAsync()).ShouldBe(0, "the first report of a child duplicates nothing");

        var second = await ReportAsync(page, childName);
        second.ShouldNotBe(first);
        page.Url.ShouldContain("duplicates=");
        var warning = page.Locator("#possible-duplicates");
        (await warning.InnerTextAsync()).ShouldContain("có thể trùng");
        (await warning.Locator($"a[href='/cases/{first}']").CountAsync()).ShouldBe(1);
        // The hotline may not confirm or reject (the commune or province does): no such form.
        (await page.Locator("form[action$='handler=ConfirmDuplicate'], form[action$='handler=RejectDuplicate']").CountAsync()).ShouldBe(0);
        await Browse.ShouldBeAccessibleAsync(page);
        await warning.Locator($"a[href='/cases/{first}']").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith($"/cases/{first}", StringComparison.Ordinal));
        (await page.Locator("main").InnerTextAsync()).ShouldContain(childName);
        await Browse.SignOutAsync(page);

        // The commune where it happened confirms the pair as one child from the second case.
        await Browse.SignInAsync(page, Roles.CommuneOfficer, "ubnd-dong-hoi");
        await page.GotoAsync($"/cases/{second}");
        var confirm = page.Locator("form[action$='handler=ConfirmDuplicate']");
        (await confirm.CountAsync()).ShouldBe(1);
        await page.Locator("summary[id^='ConfirmDuplicate']").ClickAsync();
        await confirm.Locator("textarea[name=reason]").FillAsync("Cùng tên, tuổi, nơi ở; cùng trường");
        await Submit(page, "ConfirmDuplicate").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=ConfirmDuplicate"));
        (await page.Locator($"main a[href='/cases/{first}']").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("form[action$='handler=ConfirmDuplicate']").CountAsync()).ShouldBe(0);
        (await page.Locator("form[action$='handler=UnlinkCases']").CountAsync()).ShouldBe(1);
        await Browse.ShouldBeAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
