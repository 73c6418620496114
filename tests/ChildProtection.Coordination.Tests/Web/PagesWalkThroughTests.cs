using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Tests.Support;
using Microsoft.Playwright;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>
/// One case through the pages as the people who do the work would take it, in headless Chromium against the real
/// service and database: the hotline files Form 01, the commune officer finds it in the inbox, accepts, verifies,
/// assesses and plans, the Chair approves, the auditor reads the timeline and switches to English. On the way: the
/// accessibility scan and the weight of every page, the permission checks and a stale form.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class PagesWalkThroughTests(PagesFixture app)
{
    private static string VietnamNow(TimeSpan ago) =>
        DateTimeOffset.UtcNow.Subtract(ago).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static ILocator Submit(IPage page, string handler) => page.Locator($"form[action*='handler={handler}'] button[type=submit]");

    [Fact]
    public async Task a_report_travels_from_the_hotline_to_the_chair_and_the_auditor_reads_it()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var childName = $"Nguyễn Thị Mai {marker}";
        var page = await app.NewPageAsync();
        // Every request the pages make stays on the service: no CDN, font host or other address.
        var elsewhere = new List<string>();
        page.Context.Request += (_, request) => { if (!request.Url.StartsWith(app.Url, StringComparison.Ordinal)) elsewhere.Add(request.Url); };

        // Not signed in: the sign-in page, which lists the demo directory's people.
        await page.GotoAsync("/");
        page.Url.ShouldContain("/signin");
        (await page.Locator("input[name=person]").CountAsync()).ShouldBeGreaterThan(20);
        await Browse.ShouldBeAccessibleAsync(page);

        var first = await page.ReloadAsync();
        (await first!.HeaderValueAsync("content-security-policy"))!.ShouldContain("default-src 'none'");

        // The hotline files Form 01 without the reporter's identity.
        await Browse.SignInAsync(page, Roles.HotlineOperator, "hotline-111");
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "cp.session");
        session.HttpOnly.ShouldBeTrue();
        session.SameSite.ShouldBe(SameSiteAttribute.Lax);
        await page.GotoAsync("/report");
        await Browse.ShouldBeAccessibleAsync(page);
        await page.FillAsync("#f-reporter-relation", "hàng xóm");
        await page.FillAsync("#f-child-name", childName);
        await page.SelectOptionAsync("#f-child-sex", "Female");
        await page.FillAsync("#f-child-ageYears", "9");
        await page.SelectOptionAsync("#f-child-communeOfResidence", "dong-hoi-ward");
        await page.SelectOptionAsync("#f-incident-commune", "dong-hoi-ward");
        await page.FillAsync("#f-incident-occurredAt", VietnamNow(TimeSpan.FromHours(2)));
        await page.CheckAsync("#harm-Violence");
        await page.FillAsync("#f-incident-description", "Hàng xóm nghe thấy tiếng trẻ bị đánh");
        await page.CheckAsync("#f-incident-immediateDanger");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/cases/[0-9a-f-]{36}"));
        var caseId = Regex.Match(page.Url, "/cases/([0-9a-f-]{36})").Groups[1].Value;
        page.Url.ShouldNotContain("Mai");
        (await page.TitleAsync()).ShouldNotContain(childName);
        (await page.Locator("main").InnerTextAsync()).ShouldContain(childName);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Đồng Hới");

        // The hotline may not verify: no form, and a hand-crafted post of one is refused by the API's gate, as the API is.
        (await page.Locator("form[action*='handler=Verify']").CountAsync()).ShouldBe(0);
        var token = await page.Locator("input[name=__cp_af]").First.InputValueAsync();
        var forged = await page.APIRequest.PostAsync($"/cases/{caseId}?handler=Verify", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__cp_af", token).Set("findings", "forged").Set("substantiated", "true"),
        });
        forged.Status.ShouldBe(403);
        using (var api = new HttpClient())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.Token(Roles.HotlineOperator, "hotline-111"));
            var refused = await api.PostAsync($"{app.Url}/api/cases/{caseId}/verification",
                new StringContent("""{"substantiated":true,"findings":"forged"}""", System.Text.Encoding.UTF8, "application/json"));
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        await Browse.SignOutAsync(page);

        // Another commune's officer: the case does not exist for it, and a post is a 404 too.
        await Browse.SignInAsync(page, Roles.CommuneOfficer, "ubnd-dong-thuan");
        (await page.GotoAsync($"/cases/{caseId}"))!.Status.ShouldBe(404);
        token = await page.Locator("input[name=__cp_af]").First.InputValueAsync();
        forged = await page.APIRequest.PostAsync($"/cases/{caseId}?handler=Verify", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__cp_af", token).Set("findings", "forged").Set("substantiated", "true"),
        });
        forged.Status.ShouldBe(404);
        await Browse.SignOutAsync(page);

        // The commune officer where it happened: the work arrives in the inbox (the pathway hands it on), soonest due first.
        await Browse.SignInAsync(page, Roles.CommuneOfficer, "ubnd-dong-hoi");
        var row = page.Locator("tbody tr", new() { Has = page.Locator($"a[href='/cases/{caseId}']") });
        for (var i = 0; i < 120 && await row.CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        (await row.CountAsync()).ShouldBeGreaterThan(0, "the hand-off never reached the commune's inbox");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Nghị định 56/2017/NĐ-CP");
        await Browse.ShouldBeAccessibleAsync(page);
        await Browse.ShouldBeLightAsync(page);
        await page.ScreenshotAsync(new() { Path = Browse.Screenshot("inbox.png"), FullPage = true });
        await row.First.Locator("form[action*='handler=Accept'] button").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=accept"));

        // Verify in one tab while another still shows the case as it was: the other's form is told the case moved on.
        await page.GotoAsync($"/cases/{caseId}");
        var stale = await page.Context.NewPageAsync();
        await stale.GotoAsync($"/cases/{caseId}");
        await page.FillAsync("#Verify-findings", "Có vết bầm trên tay");
        await Submit(page, "Verify").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=Verify"));
        var moved = await stale.RunAndWaitForResponseAsync(() => Submit(stale, "AssessRisk").ClickAsync(), r => r.Request.Method == "POST");
        moved.Status.ShouldBe(412);
        (await stale.Locator("[role=alert]").First.InnerTextAsync()).ShouldContain("Hồ sơ đã thay đổi");
        await stale.CloseAsync();

        // Form 02, then Form 03 sent without needs: the API's refusal stands next to the field it names.
        await page.SelectOptionAsync("#AssessRisk-severityOfHarm", "High");
        await page.SelectOptionAsync("#AssessRisk-overall", "High");
        await Submit(page, "AssessRisk").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=AssessRisk"));
        await page.FillAsync("#AssessNeeds-summary", "Trẻ cần hỗ trợ tâm lý");
        var refusedNeeds = await page.RunAndWaitForResponseAsync(() => Submit(page, "AssessNeeds").ClickAsync(), r => r.Request.Method == "POST");
        refusedNeeds.Status.ShouldBe(400);
        await page.Locator("#AssessNeeds-needs-error").WaitForAsync();
        (await page.Locator("#AssessNeeds-needs").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("#AssessNeeds-needs-error").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        await page.FillAsync("#AssessNeeds-needs", "Hỗ trợ tâm lý\nNơi ở an toàn");
        await page.FillAsync("#AssessNeeds-summary", "Trẻ cần hỗ trợ tâm lý");
        await Submit(page, "AssessNeeds").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=AssessNeeds"));
        await page.FillAsync("#DraftPlan-goals", "Trẻ an toàn và ổn định");
        await page.SelectOptionAsync("#DraftPlan-kind", "PsychosocialSupport");
        await page.SelectOptionAsync("#DraftPlan-provider", "SocialWorkCentre");
        await page.FillAsync("#DraftPlan-description", "Tư vấn tâm lý hằng tuần");
        await page.FillAsync("#DraftPlan-due", DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Submit(page, "DraftPlan").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=DraftPlan"));
        // The officer does not approve: that is the Chair's.
        (await page.Locator("form[action*='handler=ApprovePlan']").CountAsync()).ShouldBe(0);
        await Browse.ShouldBeAccessibleAsync(page);
        await Browse.ShouldBeLightAsync(page);
        await page.ScreenshotAsync(new() { Path = Browse.Screenshot("case.png"), FullPage = true });
        await Browse.SignOutAsync(page);

        // The Chair approves the plan, on a phone.
        var phone = await app.NewPageAsync(phone: true);
        await Browse.SignInAsync(phone, Roles.CommuneChair, "ubnd-dong-hoi");
        await phone.GotoAsync($"/cases/{caseId}");
        await Browse.ShouldBeAccessibleAsync(phone);
        await phone.FillAsync("#ApprovePlan-decision", "Đồng ý");
        await Submit(phone, "ApprovePlan").ClickAsync();
        await phone.WaitForURLAsync(u => u.Contains("done=ApprovePlan"));
        (await phone.Locator("main").InnerTextAsync()).ShouldContain("Kế hoạch đã được phê duyệt");
        await phone.Context.CloseAsync();

        // The auditor reads the timeline: who, agency, role and both times; then the case as it stood at version 2.
        await Browse.SignInAsync(page, Roles.Auditor, "syt-quang-tri");
        await page.GotoAsync($"/cases/{caseId}/timeline");
        var timeline = await page.Locator("main").InnerTextAsync();
        timeline.ShouldContain("Tiếp nhận tin báo (Mẫu 01)");
        timeline.ShouldContain("Phê duyệt kế hoạch (Mẫu 05)");
        timeline.ShouldContain("Chủ tịch UBND xã/phường");
        timeline.ShouldContain("Nguyên vẹn");
        await Browse.ShouldBeAccessibleAsync(page);
        await Browse.ShouldBeLightAsync(page);
        await page.ScreenshotAsync(new() { Path = Browse.Screenshot("timeline.png"), FullPage = true });
        await page.FillAsync("#t-version", "1");
        await page.Locator("form[method=get] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("version=1"));
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Đã tiếp nhận tin báo");
        (await page.Locator("tbody tr").CountAsync()).ShouldBe(1);
        var export = await page.APIRequest.GetAsync($"/cases/{caseId}/export");
        export.Status.ShouldBe(200);
        (await export.TextAsync()).ShouldContain(caseId);

        // English on request, kept in a cookie.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("History of case");
        await page.GotoAsync($"/cases/{caseId}");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Plan approved");
        await page.Context.CloseAsync();
        elsewhere.ShouldBeEmpty();

        // Nothing of the child's identity in what the service logged.
        app.Service.Output.ShouldNotContain(childName);
        app.Service.Output.ShouldNotContain(marker);
        app.Service.Output.ShouldContain("/cases/" + caseId, customMessage: "the request log was read (Information), so the check above could fail");
    }
}
