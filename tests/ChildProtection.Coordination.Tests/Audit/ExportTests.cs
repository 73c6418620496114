using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Cases.Verification;
namespace ChildProtection.Coordination.Tests.Audit;

public sealed class ExportTests(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public async Task an_auditor_exports_the_whole_history_with_the_chain_state_as_json_and_as_a_printable_timeline()
    {
        var report = Scenarios.HotlineReport(childName: "<script>alert(1)</script> Mai");
        var caseId = await App.ReportAsync(report);
        await (await App.Client("commune-officer", "ubnd-dong-hoi").PostJson($"/api/cases/{caseId}/verification", new VerifyReport(true, "seen & heard")))
            .ShouldHave(HttpStatusCode.OK);
        var auditor = App.Client("auditor", "inspectorate");

        var json = await (await auditor.GetAsync($"/api/cases/{caseId}/export")).ShouldHave(HttpStatusCode.OK);
        json.GetProperty("caseId").GetGuid().ShouldBe(caseId);
        json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("clrType").GetString()).ShouldBe(["CaseReported", "ReportVerified"]);
        json.GetProperty("integrity").GetProperty("caseId").GetGuid().ShouldBe(caseId);
        json.GetProperty("exportedBy").GetString()!.ShouldContain("auditor");

        var page = await auditor.GetAsync($"/api/cases/{caseId}/export?format=html");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("<table");
        html.ShouldContain("ReportVerified");
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; Mai");
        html.ShouldContain("Trường Tiểu học Hải Đình"); // Vietnamese stays readable in print
    }

    [Fact]
    public async Task exports_are_for_auditors_and_admins_of_known_cases_in_known_formats()
    {
        var caseId = await App.ReportAsync();
        await (await App.Client("commune-officer", "ubnd-dong-hoi").GetAsync($"/api/cases/{caseId}/export")).ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client("auditor", "inspectorate").GetAsync($"/api/cases/{Guid.NewGuid()}/export")).ShouldHave(HttpStatusCode.NotFound);
        var problem = await (await App.Client("admin", "so-y-te").GetAsync($"/api/cases/{caseId}/export?format=pdf")).ShouldHave(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("format");
        await (await App.Client(null).GetAsync($"/api/cases/{caseId}/export")).ShouldHave(HttpStatusCode.Unauthorized);
    }
}
