using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Cases.Steps;

namespace ChildProtection.Coordination.Tests.Cases.Reporting;

public sealed class ReportCaseHttpTests(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public async Task a_hotline_report_opens_a_case_with_location_and_etag()
    {
        var response = await App.Client("hotline-operator", "hotline-111").PostJson("/api/cases", Scenarios.HotlineReport());

        await response.ShouldHave(HttpStatusCode.Created);
        var body = await response.Read<StepAccepted>();
        body.Version.ShouldBe(1);
        response.Headers.Location!.ToString().ShouldBe($"/api/cases/{body.CaseId}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }
}
