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

    private static ILocator Submit(IPage page, string handler) => page.Locator($"form[action$='handler={handler}'] button[type=submit]");

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
        await page.Locator("main form[method=post] button[type=submit]").ClickAsync();
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
        await Browse.ReloadUntilFoundAsync(page, row, "the hand-off never reached the commune's inbox");
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
        // A double submit of the verification (the same form sent twice: its Idempotency-Key) records it once.
        var verify = page.Locator("form[action*='handler=Verify']");
        var sent = page.APIRequest.CreateFormData()
            .Set("__cp_af", await verify.Locator("input[name=__cp_af]").InputValueAsync())
            .Set("version", await verify.Locator("input[name=version]").InputValueAsync())
            .Set("idempotencyKey", await verify.Locator("input[name=idempotencyKey]").InputValueAsync())
            .Set("substantiated", "true").Set("findings", "Có vết bầm trên tay");
        foreach (var _ in new[] { 1, 2 })
        {
            var twice = await page.APIRequest.PostAsync($"/cases/{caseId}?handler=Verify", new() { Form = sent, MaxRedirects = 0 });
            twice.Status.ShouldBe(302);
            twice.Headers["location"].ShouldContain("done=Verify");
        }
        await page.GotoAsync($"/cases/{caseId}?done=Verify");
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
        // A plan of two services: the second row's date is refused beside it, and what was typed stays.
        await page.SelectOptionAsync("#DraftPlan-services-0-kind", "PsychosocialSupport");
        await page.SelectOptionAsync("#DraftPlan-services-0-provider", "SocialWorkCentre");
        await page.FillAsync("#DraftPlan-services-0-description", "Tư vấn tâm lý hằng tuần");
        await page.FillAsync("#DraftPlan-services-0-dueDate", DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#DraftPlan-services-1-kind", "LegalAid");
        await page.SelectOptionAsync("#DraftPlan-services-1-provider", "JusticeLegalAid");
        await page.FillAsync("#DraftPlan-services-1-description", "Trợ giúp pháp lý cho gia đình");
        await page.FillAsync("#DraftPlan-services-1-dueDate", DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var refusedPlan = await page.RunAndWaitForResponseAsync(() => Submit(page, "DraftPlan").ClickAsync(), r => r.Request.Method == "POST");
        refusedPlan.Status.ShouldBe(400);
        (await page.Locator("#DraftPlan-services-1-dueDate").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("#DraftPlan-services-1-description").InputValueAsync()).ShouldBe("Trợ giúp pháp lý cho gia đình");
        (await page.Locator("#DraftPlan-goals").InputValueAsync()).ShouldBe("Trẻ an toàn và ổn định");
        await page.FillAsync("#DraftPlan-services-1-dueDate", DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Submit(page, "DraftPlan").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=DraftPlan"));
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Trợ giúp pháp lý cho gia đình");
        // The officer does not approve, order protection or close after a review: those are the Chair's.
        (await page.Locator("form[action*='handler=ApprovePlan']").CountAsync()).ShouldBe(0);
        (await page.Locator("form[action*='handler=OrderEmergencyProtection']").CountAsync()).ShouldBe(0);
        (await page.Locator("form[action$='handler=Close']").CountAsync()).ShouldBe(0);
        // Consent to share with the Women's Union, given and then withdrawn.
        await page.Locator("#GiveConsent-title").ClickAsync();
        await page.SelectOptionAsync("#GiveConsent-givenBy", "Parent");
        await page.SelectOptionAsync("#GiveConsent-purpose", "SupportServices");
        await page.CheckAsync("#GiveConsent-recipientKinds-MassOrganisation");
        await Submit(page, "GiveConsent").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=GiveConsent"));
        await page.Locator("summary[id^='WithdrawConsent']").ClickAsync();
        await page.Locator("form[action*='handler=WithdrawConsent'] select").SelectOptionAsync("Parent");
        await Submit(page, "WithdrawConsent").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=WithdrawConsent"));
        (await page.Locator("form[action*='handler=WithdrawConsent']").CountAsync()).ShouldBe(0);
        await Browse.ShouldBeAccessibleAsync(page);
        await Browse.ShouldBeLightAsync(page);
        await page.ScreenshotAsync(new() { Path = Browse.Screenshot("case.png"), FullPage = true });
        await Browse.SignOutAsync(page);

        // The Chair, on a phone: a separation longer than the law's 15 days is refused beside its field, what was typed stays;
        // then ordered for 10 days, and the plan approved.
        var phone = await app.NewPageAsync(phone: true);
        await Browse.SignInAsync(phone, Roles.CommuneChair, "ubnd-dong-hoi");
        await phone.GotoAsync($"/cases/{caseId}");
        await Browse.ShouldBeAccessibleAsync(phone);
        await phone.Locator("#OrderEmergencyProtection-title").ClickAsync();
        await phone.FillAsync("#OrderEmergencyProtection-measures", "Tách trẻ khỏi cha dượng");
        await phone.CheckAsync("#OrderEmergencyProtection-temporarySeparation");
        await phone.FillAsync("#OrderEmergencyProtection-placement", "Nhà bà ngoại");
        await phone.FillAsync("#OrderEmergencyProtection-separationEndsAt", VietnamNow(TimeSpan.FromDays(-20)));
        var tooLong = await phone.RunAndWaitForResponseAsync(() => Submit(phone, "OrderEmergencyProtection").ClickAsync(), r => r.Request.Method == "POST");
        tooLong.Status.ShouldBe(400);
        (await phone.Locator("#OrderEmergencyProtection-separationEndsAt-error").InnerTextAsync()).ShouldContain("15");
        (await phone.Locator("#OrderEmergencyProtection-placement").InputValueAsync()).ShouldBe("Nhà bà ngoại");
        await phone.FillAsync("#OrderEmergencyProtection-separationEndsAt", VietnamNow(TimeSpan.FromDays(-10)));
        await Submit(phone, "OrderEmergencyProtection").ClickAsync();
        await phone.WaitForURLAsync(u => u.Contains("done=OrderEmergencyProtection"));
        (await phone.Locator("form[action*='handler=EndEmergencyProtection']").CountAsync()).ShouldBe(1);
        (await phone.Locator("form[action*='handler=ExtendSeparation']").CountAsync()).ShouldBe(1);
        await phone.Locator("form[action*='handler=ApprovePlan'] textarea[name=decision]").FillAsync("Đồng ý");
        await Submit(phone, "ApprovePlan").ClickAsync();
        await phone.WaitForURLAsync(u => u.Contains("done=ApprovePlan"));
        (await phone.Locator("main").InnerTextAsync()).ShouldContain("Kế hoạch đã được phê duyệt");
        await phone.Context.CloseAsync();

        // The ward's health station declines the examination handed to it: without a reason it is refused beside the field.
        await Browse.SignInAsync(page, Roles.HealthWorker, "tyt-dong-hoi");
        var exam = page.Locator("tbody tr", new() { Has = page.Locator($"a[href='/cases/{caseId}']") });
        await Browse.ReloadUntilFoundAsync(page, exam, "the examination was not handed to the health station");
        var noReason = await page.RunAndWaitForResponseAsync(() => exam.First.Locator("form[action*='handler=Decline'] button").ClickAsync(), r => r.Request.Method == "POST");
        noReason.Status.ShouldBe(400);
        var reason = page.Locator("input[name=reason][aria-invalid=true]");
        (await reason.CountAsync()).ShouldBe(1);
        await Browse.ShouldBeAccessibleAsync(page);
        await reason.FillAsync("Trạm không có bác sĩ nữ; đề nghị chuyển bệnh viện tỉnh");
        await page.Locator("form[action*='handler=Decline']", new() { Has = reason }).Locator("button").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=decline"));
        await Browse.SignOutAsync(page);

        // The ward police record the crime report and schedule the interview (the guardian must be told first).
        await Browse.SignInAsync(page, Roles.PoliceOfficer, "ca-dong-hoi");
        await page.GotoAsync($"/cases/{caseId}");
        (await page.Locator("form[action*='handler=ApprovePlan']").CountAsync()).ShouldBe(0);
        await page.FillAsync("#RecordCrimeReport-receiptNumber", "TG-2026-0042");
        await Submit(page, "RecordCrimeReport").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=RecordCrimeReport"));
        await page.Locator("#ScheduleInterview-title").ClickAsync();
        await page.FillAsync("#ScheduleInterview-scheduledFor", VietnamNow(TimeSpan.FromHours(-3)));
        await page.FillAsync("#ScheduleInterview-location", "Phòng thân thiện, Công an phường");
        await page.FillAsync("#ScheduleInterview-interviewer", "Đại úy Lê Văn An");
        var untold = await page.RunAndWaitForResponseAsync(() => Submit(page, "ScheduleInterview").ClickAsync(), r => r.Request.Method == "POST");
        untold.Status.ShouldBe(400);
        (await page.Locator("#ScheduleInterview-guardianNotified-error").CountAsync()).ShouldBe(1);
        await page.CheckAsync("#ScheduleInterview-guardianNotified");
        await Submit(page, "ScheduleInterview").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=ScheduleInterview"));
        (await page.Locator("form[action*='handler=ConductInterview']").CountAsync()).ShouldBe(1);
        await Browse.ShouldBeAccessibleAsync(page);
        await Browse.SignOutAsync(page);

        // The province's investigation agency, handed the crime report by the pathway, decides on proceedings.
        await Browse.SignInAsync(page, Roles.PoliceOfficer, "ca-quang-tri");
        await page.GotoAsync($"/cases/{caseId}");
        await Browse.ReloadUntilFoundAsync(page, page.Locator("form[action*='handler=DecideCriminalProceedings']"), "the crime report never reached the investigation agency");
        await page.SelectOptionAsync("#DecideCriminalProceedings-decision", "Instituted");
        await page.FillAsync("#DecideCriminalProceedings-decisionNumber", "15/QĐ-CSĐT");
        await Submit(page, "DecideCriminalProceedings").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=DecideCriminalProceedings"));
        await Browse.SignOutAsync(page);

        // The auditor reads the timeline: who, agency, role and both times; then the case as it stood at version 2.
        await Browse.SignInAsync(page, Roles.Auditor, "syt-quang-tri");
        await page.GotoAsync($"/cases/{caseId}/timeline");
        var timeline = await page.Locator("main").InnerTextAsync();
        timeline.ShouldContain("Tiếp nhận tin báo (Mẫu 01)");
        timeline.ShouldContain("Phê duyệt kế hoạch (Mẫu 05)");
        timeline.ShouldContain("Chủ tịch UBND xã/phường");
        timeline.ShouldContain("Nguyên vẹn");
        timeline.ShouldContain("Quyết định về việc khởi tố");
        Regex.Matches(timeline, "Xác minh tin báo").Count.ShouldBe(1, "the double submit recorded the verification twice");
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

        // The province's indicators: tables, charts drawn on the server, the downloads.
        await page.GotoAsync("/indicators");
        (await page.Locator("main svg[role=img]").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Số tin báo, tố giác về xâm hại trẻ em được tiếp nhận");
        await Browse.ShouldBeAccessibleAsync(page);
        await Browse.ShouldBeLightAsync(page);
        await page.ScreenshotAsync(new() { Path = Browse.Screenshot("indicators.png"), FullPage = true });
        var csv = await page.APIRequest.GetAsync(await page.Locator("a[href*='format=csv']").GetAttributeAsync("href"));
        csv.Status.ShouldBe(200);
        csv.Headers["content-type"].ShouldStartWith("text/csv");
        (await csv.TextAsync()).ShouldStartWith("indicator,code,");
        var xlsx = await page.APIRequest.GetAsync(await page.Locator("a[href*='format=xlsx']").GetAttributeAsync("href"));
        xlsx.Status.ShouldBe(200);
        (await xlsx.BodyAsync()).Take(2).ShouldBe("PK"u8.ToArray());

        // An address with no page is an HTML page for a browser; the API keeps its JSON problem.
        var nowhere = await page.GotoAsync("/no-such-page");
        nowhere!.Status.ShouldBe(404);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Không có trang này");
        await Browse.ShouldBeAccessibleAsync(page);
        var api404 = await page.APIRequest.GetAsync("/api/no-such-thing", new() { Headers = new Dictionary<string, string> { ["Accept"] = "text/html" } });
        api404.Status.ShouldBe(404);
        api404.Headers["content-type"].ShouldStartWith("application/problem+json");

        // English on request, kept in a cookie.
        await page.GotoAsync($"/cases/{caseId}/timeline");
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

    [Fact]
    public async Task a_report_found_unfounded_is_closed_without_a_plan_reopened_and_transferred_with_the_child()
    {
        // The report arrives through the API (the hotline's own system); the commune takes it from there in the pages.
        string caseId;
        using (var api = new HttpClient())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.Token(Roles.HotlineOperator, "hotline-111"));
            var occurred = DateTimeOffset.UtcNow.AddHours(-5).ToString("O", CultureInfo.InvariantCulture);
            var reported = await api.PostAsync($"{app.Url}/api/cases", new StringContent($$$"""
                {"channel":"Hotline111","reporter":{"relation":"neighbour","consentsToIdentity":false},
                 "child":{"name":"Trần Văn Nam","sex":"Male","ageYears":11,"communeOfResidence":"dong-hoi-ward"},
                 "incident":{"commune":"dong-hoi-ward","occurredAt":"{{{occurred}}}","harmForms":["Neglect"],
                             "description":"The child is said to be left alone at night","immediateDanger":false}}
                """, System.Text.Encoding.UTF8, "application/json"));
            reported.StatusCode.ShouldBe(HttpStatusCode.Created);
            caseId = Regex.Match(reported.Headers.Location!.ToString(), "[0-9a-f-]{36}").Value;
        }
        var page = await app.NewPageAsync();
        await Browse.SignInAsync(page, Roles.CommuneOfficer, "ubnd-dong-hoi");
        await page.GotoAsync($"/cases/{caseId}");
        await page.UncheckAsync("#Verify-substantiated");
        await page.FillAsync("#Verify-findings", "Hàng xóm nhầm: trẻ ở với ông bà");
        await Submit(page, "Verify").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=Verify"));

        // Closing as a duplicate needs the duplicated case: refused beside that field; closed as unfounded.
        await page.Locator("#CloseWithoutPlan-title").ClickAsync();
        await page.SelectOptionAsync("#CloseWithoutPlan-reasonCode", "duplicate");
        await page.FillAsync("#CloseWithoutPlan-reason", "Thông tin không đúng");
        var noDuplicate = await page.RunAndWaitForResponseAsync(() => Submit(page, "CloseWithoutPlan").ClickAsync(), r => r.Request.Method == "POST");
        noDuplicate.Status.ShouldBe(400);
        (await page.Locator("#CloseWithoutPlan-duplicateOfCaseId").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await page.SelectOptionAsync("#CloseWithoutPlan-reasonCode", "unfounded");
        await Submit(page, "CloseWithoutPlan").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=CloseWithoutPlan"));
        var closed = await page.Locator("main").InnerTextAsync();
        closed.ShouldContain("Thông tin không có cơ sở");
        // A closed case offers the officer no step but reopening and linking, the steps the API takes on a closed case (the
        // pathway may still be withdrawing its hand-offs).
        var offered = await page.Locator("main form[action*='handler=']:not([action$='handler=Accept']):not([action$='handler=Decline'])")
            .EvaluateAllAsync<string[]>("forms => forms.map(f => f.getAttribute('action').split('handler=')[1])");
        offered.ShouldBe(["Reopen", "LinkCases"], ignoreOrder: true);
        await Browse.ShouldBeAccessibleAsync(page);

        // Reopened, then transferred to the ward where the child now lives, which then reads it.
        await page.Locator("#Reopen-title").ClickAsync();
        await page.FillAsync("#Reopen-reason", "Trẻ lại bị bỏ mặc");
        await Submit(page, "Reopen").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=Reopen"));
        await page.Locator("#Transfer-title").ClickAsync();
        await page.FillAsync("#Transfer-toCommune", "dong-thuan-ward");
        await page.FillAsync("#Transfer-reason", "Gia đình chuyển đến phường Đồng Thuận");
        await Submit(page, "Transfer").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("done=Transfer"));
        await Browse.SignOutAsync(page);
        await Browse.SignInAsync(page, Roles.CommuneOfficer, "ubnd-dong-thuan");
        (await page.GotoAsync($"/cases/{caseId}"))!.Status.ShouldBe(200);
        (await page.Locator("form[action*='handler=CloseWithoutPlan']").CountAsync()).ShouldBe(1);
        await page.Context.CloseAsync();
    }
}
