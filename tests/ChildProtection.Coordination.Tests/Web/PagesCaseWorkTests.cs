using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Tests.Support;
using Microsoft.Playwright;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>
/// The case page's forms for work between agencies and between cases, taken in headless Chromium through the real service:
/// handing work on with the agency picked by name, pausing its clock and withdrawing it; rejecting a possible duplicate,
/// linking another case, merging into it and undoing the merge; erasing the identity. Each checks the case page and the
/// timeline after, and a role without the right sees no form while its hand-crafted post gets the API's refusal.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class PagesCaseWorkTests(PagesFixture app, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Ward = "ubnd-dong-hoi";

    /// <summary>The form of <paramref name="handler"/>, on <paramref name="target"/> when it acts on one.</summary>
    private static ILocator Form(IPage page, string handler, string? target = null) =>
        page.Locator($"form[action$='handler={handler}']" + (target is null ? "" : $":has(input[name=target][value='{target}'])"));

    /// <summary>Sends the form and waits for the case page that says it was done; a refusal fails with what the page said.</summary>
    private static async Task SendAsync(IPage page, string handler, string? target = null)
    {
        var answer = await page.RunAndWaitForResponseAsync(() => Form(page, handler, target).Locator("button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST");
        if (answer.Status != 302)
        {
            await page.WaitForLoadStateAsync();
            var said = string.Join(" | ", await page.Locator("main .error, main .notice").AllInnerTextsAsync());
            answer.Status.ShouldBe(302, $"{handler} was refused: {said}");
        }
        await page.WaitForURLAsync(u => u.Contains($"done={handler}"));
    }

    /// <summary>The summary of the form of <paramref name="handler"/> (on <paramref name="target"/>): its title, which opens it.</summary>
    private static ILocator Title(IPage page, string handler, string? target = null) =>
        page.Locator($"#{handler}{(target is null ? "" : "-" + Guid.Parse(target).ToString("N")[..8])}-title");

    private static Task OpenAsync(IPage page, string handler, string? target = null) => Title(page, handler, target).ClickAsync();

    private static string VietnamIn(TimeSpan from) =>
        DateTimeOffset.UtcNow.Add(from).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private async Task<string> ReportAsync(string childName)
    {
        using var api = Client(Roles.HotlineOperator, "hotline-111");
        var answer = await api.PostAsync($"{app.Url}/api/cases", Json(Bodies.Report(harm: [ChildProtection.Coordination.Cases.HarmForm.Neglect], childName: childName)));
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["caseId"]!.ToString();
    }

    private HttpClient Client(string role, string agency)
    {
        var api = new HttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.Token(role, agency));
        return api;
    }

    private static StringContent Json(object body) => new(Bodies.Json(body), System.Text.Encoding.UTF8, "application/json");

    private async Task<JsonNode> ReadAsync(string caseId)
    {
        using var api = Client(Roles.CommuneChair, Ward);
        return JsonNode.Parse(await api.GetStringAsync($"{app.Url}/api/cases/{caseId}"))!;
    }

    private static async Task<string> TimelineAsync(IPage page, string caseId)
    {
        await page.GotoAsync($"/cases/{caseId}/timeline");
        var text = await page.Locator("main").InnerTextAsync();
        await page.GotoAsync($"/cases/{caseId}");
        return text;
    }

    [Fact]
    public async Task the_chair_hands_work_to_an_agency_picked_by_name_pauses_its_clock_and_withdraws_it()
    {
        var caseId = await ReportAsync($"Lò Thị Hoa {Guid.NewGuid():N}"[..22]);
        var page = await app.NewPageAsync();
        await Browse.SignInAsync(page, Roles.CommuneChair, Ward);
        await page.GotoAsync($"/cases/{caseId}");

        // The agency is offered by name from the directory: the case's ward first, the province, the national hotline; not
        // the Chair's own People's Committee (the API refuses handing work to oneself), nor another province's agencies.
        var toAgency = page.Locator("#RequestHandoff-toAgency");
        (await toAgency.GetAttributeAsync("list")).ShouldBe("agency-choices");
        var offered = await page.Locator("datalist#agency-choices option")
            .EvaluateAllAsync<string[]>("os => os.map(o => o.value + '|' + o.textContent)");
        offered.ShouldContain("ca-dong-hoi|Công an phường Đồng Hới");
        offered.ShouldContain(o => o.StartsWith("hotline-111|", StringComparison.Ordinal));
        offered.ShouldContain(o => o.StartsWith("ctxh-quang-tri|", StringComparison.Ordinal));
        offered.ShouldNotContain(o => o.StartsWith(Ward + "|", StringComparison.Ordinal));
        offered.ShouldNotContain(o => o.StartsWith("ubnd-hong-bang|", StringComparison.Ordinal), "Hải Phòng's agencies are not near a case of Quảng Trị");
        var wardFirst = offered.TakeWhile(o => !o.StartsWith("ca-quang-tri|", StringComparison.Ordinal) && !o.StartsWith("hotline-111|", StringComparison.Ordinal)).ToArray();
        wardFirst.ShouldContain("ca-dong-hoi|Công an phường Đồng Hới", "the case's own ward comes before the province and the nation");

        // An id the directory does not hold is the API's refusal beside the field; what was typed stays.
        await OpenAsync(page, "RequestHandoff");
        await toAgency.FillAsync("khong-co-co-quan-nay");
        await page.SelectOptionAsync("#RequestHandoff-task", "FollowUp");
        await page.FillAsync("#RequestHandoff-description", "Theo dõi gia đình sau khi xác minh");
        await page.FillAsync("#RequestHandoff-dueAt", VietnamIn(TimeSpan.FromDays(3)));
        var unknown = await page.RunAndWaitForResponseAsync(() => Form(page, "RequestHandoff").Locator("button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        unknown.Status.ShouldBe(400);
        (await toAgency.GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("#RequestHandoff-toAgency-error").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        (await page.Locator("#RequestHandoff-description").InputValueAsync()).ShouldBe("Theo dõi gia đình sau khi xác minh");
        await Browse.ShouldBeAccessibleAsync(page);

        // Picked from the list: the same id is posted, the hand-off stands on the case under the agency's name.
        await toAgency.FillAsync("ca-dong-hoi");
        await page.FillAsync("#RequestHandoff-dueAt", VietnamIn(TimeSpan.FromDays(3)));
        await SendAsync(page, "RequestHandoff");
        var handoff = (await ReadAsync(caseId))["handoffs"]!.AsArray()
            .Single(h => h!["toAgency"]!.ToString() == "ca-dong-hoi" && h["task"]!.ToString() == "FollowUp")!;
        var handoffId = handoff["handoffId"]!.ToString();
        (await page.Locator("main table").Last.InnerTextAsync()).ShouldContain("Công an phường Đồng Hới");
        await Browse.ShouldBeLightAsync(page);
        output.WriteLine($"The Chair's case page with the agency list: {(await (await page.ReloadAsync())!.BodyAsync()).Length} bytes, {offered.Length} agencies offered");

        // Its clock paused by the Chair; the target is named by the agency, not its id.
        (await Title(page, "ManageClock", handoffId).InnerTextAsync()).ShouldContain("Công an phường Đồng Hới");
        await OpenAsync(page, "ManageClock", handoffId);
        await Form(page, "ManageClock", handoffId).Locator("select[name=action]").SelectOptionAsync("Pause");
        await Form(page, "ManageClock", handoffId).Locator("textarea[name=reason]").FillAsync("Gia đình đi vắng đến hết tuần");
        await SendAsync(page, "ManageClock", handoffId);
        await Browse.ShouldBeAccessibleAsync(page);
        await Browse.SignOutAsync(page);

        // The commune officer may not manage clocks: no such form, and a hand-crafted post is the API's 403; an officer of
        // another ward, unrelated to the case, gets its 404.
        await Browse.SignInAsync(page, Roles.CommuneOfficer, Ward);
        await page.GotoAsync($"/cases/{caseId}");
        (await page.Locator("form[action$='handler=ManageClock']").CountAsync()).ShouldBe(0);
        (await Form(page, "CancelHandoff", handoffId).CountAsync()).ShouldBe(1, "the officer may withdraw what its agency handed on (the Chair's)");
        var token = await page.Locator("input[name=__cp_af]").First.InputValueAsync();
        var forged = await page.APIRequest.PostAsync($"/cases/{caseId}?handler=ManageClock", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__cp_af", token).Set("target", handoffId).Set("action", "Stop").Set("reason", "forged"),
        });
        forged.Status.ShouldBe(403);
        await Browse.SignOutAsync(page);
        await Browse.SignInAsync(page, Roles.CommuneOfficer, "ubnd-dong-son");
        (await page.GotoAsync($"/cases/{caseId}"))!.Status.ShouldBe(404);
        token = await page.Locator("input[name=__cp_af]").First.InputValueAsync();
        forged = await page.APIRequest.PostAsync($"/cases/{caseId}?handler=ManageClock", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__cp_af", token).Set("target", handoffId).Set("action", "Stop").Set("reason", "forged"),
        });
        forged.Status.ShouldBe(404);
        await Browse.SignOutAsync(page);

        // The Chair withdraws it: cancelled on the page, and the timeline holds the hand-off, the pause and the withdrawal.
        await Browse.SignInAsync(page, Roles.CommuneChair, Ward);
        await page.GotoAsync($"/cases/{caseId}");
        await OpenAsync(page, "CancelHandoff", handoffId);
        await Form(page, "CancelHandoff", handoffId).Locator("textarea[name=reason]").FillAsync("Công an đã nắm tình hình qua kênh khác");
        await SendAsync(page, "CancelHandoff", handoffId);
        (await Form(page, "CancelHandoff", handoffId).CountAsync()).ShouldBe(0);
        (await Form(page, "ManageClock", handoffId).CountAsync()).ShouldBe(0);
        (await ReadAsync(caseId))["handoffs"]!.AsArray().Single(h => h!["handoffId"]!.ToString() == handoffId)!["state"]!.ToString().ShouldBe("Cancelled");
        (await page.Locator("main table").Last.InnerTextAsync()).ShouldContain("Đã hủy");
        var timeline = await TimelineAsync(page, caseId);
        timeline.ShouldContain("Chuyển giao việc");
        timeline.ShouldContain("Tạm dừng tính giờ");
        timeline.ShouldContain("Hủy việc được giao");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task the_commune_rejects_a_duplicate_links_another_case_merges_into_it_and_undoes_it_and_the_admin_erases_the_identity()
    {
        // Two reports of one name (a possible duplicate of each other) and a third case, of another name, to link and merge into.
        var suffix = string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8));
        var twin = $"Vàng Seo Páo {suffix}";
        var first = await ReportAsync(twin);
        var second = await ReportAsync(twin);
        var lead = await ReportAsync($"Giàng Thị Dua {suffix}");

        var page = await app.NewPageAsync(phone: true);
        await Browse.SignInAsync(page, Roles.CommuneOfficer, Ward);
        await page.GotoAsync($"/cases/{second}");

        // Rejected as another child: the candidate's form is gone; the pair is told apart in the timeline.
        (await Form(page, "RejectDuplicate", first).CountAsync()).ShouldBe(1);
        await OpenAsync(page, "RejectDuplicate", first);
        await Form(page, "RejectDuplicate", first).Locator("textarea[name=reason]").FillAsync("Hai trẻ khác nhau: khác cha mẹ, khác trường");
        await SendAsync(page, "RejectDuplicate", first);
        (await Form(page, "RejectDuplicate", first).CountAsync()).ShouldBe(0);
        (await Form(page, "ConfirmDuplicate", first).CountAsync()).ShouldBe(0);

        // The general link: another case typed in, as the same child; it shows among the links, with a form to merge into it.
        await OpenAsync(page, "LinkCases");
        await page.FillAsync("#LinkCases-otherCaseId", lead);
        await page.SelectOptionAsync("#LinkCases-kind", "SameChild");
        await page.FillAsync("#LinkCases-reason", "Cùng một trẻ: tên khai sinh và tên gọi ở nhà");
        await SendAsync(page, "LinkCases");
        (await page.Locator($"main a[href='/cases/{lead}']").CountAsync()).ShouldBeGreaterThan(0);
        await Browse.ShouldBeAccessibleAsync(page);

        // Merged into the lead case, then undone from the lead case (either case may undo it).
        await OpenAsync(page, "MergeCases", lead);
        await Form(page, "MergeCases", lead).Locator("textarea[name=reason]").FillAsync("Gộp về hồ sơ chính của trẻ");
        await SendAsync(page, "MergeCases", lead);
        (await Form(page, "MergeCases", lead).CountAsync()).ShouldBe(0, "a merged case is not merged again");
        var merged = (await ReadAsync(lead))["mergedCases"]!.AsArray().Single()!;
        var linkId = merged["linkId"]!.ToString();
        (await Form(page, "UnmergeCases", linkId).CountAsync()).ShouldBe(1);
        await page.GotoAsync($"/cases/{lead}");
        await OpenAsync(page, "UnmergeCases", linkId);
        await Form(page, "UnmergeCases", linkId).Locator("textarea[name=reason]").FillAsync("Gộp nhầm: chờ xác minh lại");
        await SendAsync(page, "UnmergeCases", linkId);
        (await Form(page, "UnmergeCases", linkId).CountAsync()).ShouldBe(0);
        (await ReadAsync(lead))["mergedCases"]!.AsArray().Count.ShouldBe(0);
        var leadTimeline = await TimelineAsync(page, lead);
        leadTimeline.ShouldContain("Gộp hồ sơ");
        leadTimeline.ShouldContain("Tách hồ sơ đã gộp");
        var timeline = await TimelineAsync(page, second);
        timeline.ShouldContain("Xác định không trùng hồ sơ");
        timeline.ShouldContain("Liên kết hồ sơ");
        (await page.Locator("form[action$='handler=EraseIdentity']").CountAsync()).ShouldBe(0, "only an administrator erases");
        await Browse.ShouldBeAccessibleAsync(page);
        await Browse.SignOutAsync(page);

        // The hotline reads the case it reported but takes none of these steps; its forged erasure is the API's 403.
        await Browse.SignInAsync(page, Roles.HotlineOperator, "hotline-111");
        await page.GotoAsync($"/cases/{second}");
        foreach (var handler in new[] { "RejectDuplicate", "LinkCases", "MergeCases", "UnmergeCases", "EraseIdentity" })
            (await page.Locator($"form[action$='handler={handler}']").CountAsync()).ShouldBe(0, handler);
        var token = await page.Locator("input[name=__cp_af]").First.InputValueAsync();
        var forged = await page.APIRequest.PostAsync($"/cases/{second}?handler=EraseIdentity", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__cp_af", token).Set("reason", "forged"),
        });
        forged.Status.ShouldBe(403);
        await Browse.SignOutAsync(page);

        // The province's administrator erases the identity: the name is gone from the case page; the timeline records it.
        await Browse.SignInAsync(page, Roles.Admin, "syt-quang-tri");
        await page.GotoAsync($"/cases/{second}");
        (await page.Locator("main").InnerTextAsync()).ShouldContain(twin);
        await OpenAsync(page, "EraseIdentity");
        await page.FillAsync("#EraseIdentity-reason", "Yêu cầu xoá dữ liệu của gia đình (Luật 91/2025)");
        await SendAsync(page, "EraseIdentity");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(twin);
        (await page.Locator("form[action$='handler=EraseIdentity']").CountAsync()).ShouldBe(0);
        (await TimelineAsync(page, second)).ShouldContain("Xóa danh tính");
        await Browse.ShouldBeAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
