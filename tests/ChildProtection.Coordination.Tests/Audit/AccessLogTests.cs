using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Audit.AccessLog;
using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Tests.Audit;

/// <summary>GET /api/cases/{caseId}/access-log: who outside the owning commune read the case, and what they were given.</summary>
public sealed class AccessLogTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<CaseAccessLogPage> Log(Guid caseId, string role = Roles.CommuneOfficer)
    {
        var response = await Api.Get(role, $"/api/cases/{caseId}/access-log");
        await response.ShouldHave(HttpStatusCode.OK);
        return await response.Read<CaseAccessLogPage>();
    }

    [Fact]
    public async Task a_provincial_police_read_is_logged_with_the_fields_it_was_given_and_its_purpose()
    {
        var caseId = await Api.Report();
        var police = App.Client(Roles.PoliceOfficer, "ca-quang-tri", "investigator-1");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{caseId}");
        request.Headers.Add("X-Purpose", "criminal investigation");
        request.Headers.Add("X-Correlation-Id", "read-42");
        var body = await (await police.SendAsync(request)).ShouldHave(HttpStatusCode.OK);

        var entry = (await Log(caseId)).Items.ShouldHaveSingleItem();
        entry.Read.ShouldBe("case");
        entry.UserId.ShouldBe("investigator-1");
        entry.Agency.ShouldBe("ca-quang-tri");
        entry.Role.ShouldBe(Roles.PoliceOfficer);
        entry.Purpose.ShouldBe("criminal investigation");
        entry.CorrelationId.ShouldBe("read-42");
        entry.Fields.ShouldContain("child.name");
        entry.Fields.ShouldContain("interviews");
        entry.Fields.ShouldNotContain("medicalExams");
        // Exactly what the answer held.
        body.TryGetProperty("medicalExams", out _).ShouldBeFalse();
        body.TryGetProperty("interviews", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task the_purpose_defaults_to_case_work_and_may_come_from_the_query()
    {
        var caseId = await Api.Report();
        await (await App.Client(Roles.HotlineOperator, "hotline-111").GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        await (await App.Client(Roles.HotlineOperator, "hotline-111").GetAsync($"/api/cases/{caseId}?purpose=follow-up%20call")).ShouldHave(HttpStatusCode.OK);

        (await Log(caseId)).Items.Select(i => i.Purpose).ShouldBe(["case work", "follow-up call"]);
    }

    [Fact]
    public async Task an_auditors_reads_of_the_history_the_integrity_the_export_and_the_past_are_logged_too()
    {
        var caseId = await Api.Report();
        var auditor = App.Client(Roles.Auditor, "inspectorate", "inspector-7");
        foreach (var url in new[] { "/history", "/integrity", "/export", "?version=1", "" })
            await (await auditor.GetAsync($"/api/cases/{caseId}{url}")).ShouldHave(HttpStatusCode.OK);

        var log = await Log(caseId, Roles.Auditor);
        log.Items.Select(i => i.Read).ShouldBe(["history", "integrity", "export", "case-as-of", "case"]);
        log.Items.ShouldAllBe(i => i.UserId == "inspector-7" && i.Role == Roles.Auditor);
    }

    [Fact]
    public async Task the_owning_communes_own_reads_are_not_logged()
    {
        var caseId = await Api.Report();
        await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        await (await Api.Get(Roles.CommuneChair, $"/api/cases/{caseId}/history")).ShouldHave(HttpStatusCode.OK);
        await (await Api.Get(Roles.PoliceOfficer, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK); // the ward's own police

        (await Log(caseId)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task reads_change_neither_the_case_version_nor_its_chain()
    {
        var caseId = await Api.Report();
        await (await App.Client(Roles.Auditor, "inspectorate").GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        await (await App.Client(Roles.PoliceOfficer, "ca-quang-tri").GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);

        (await Api.Version(caseId)).ShouldBe(1);
        (await Api.Events(caseId)).Count.ShouldBe(1);
        (await Log(caseId)).Total.ShouldBe(2);
        var read = await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}");
        read.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }

    [Fact]
    public async Task the_log_is_for_the_owning_commune_auditors_and_admins_only()
    {
        var caseId = await Api.Report();
        await (await Api.Get(Roles.Admin, $"/api/cases/{caseId}/access-log")).ShouldHave(HttpStatusCode.OK);
        await (await App.Client(Roles.PoliceOfficer, "ca-quang-tri").GetAsync($"/api/cases/{caseId}/access-log")).ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client(Roles.CommuneOfficer, "ubnd-hong-bang").GetAsync($"/api/cases/{caseId}/access-log")).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_log_pages_like_the_history()
    {
        var caseId = await Api.Report();
        var hotline = App.Client(Roles.HotlineOperator, "hotline-111");
        for (var i = 0; i < 3; i++) await (await hotline.GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);

        var second = await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}/access-log?page=2&pageSize=2")).Read<CaseAccessLogPage>();
        second.Total.ShouldBe(3);
        second.Items.ShouldHaveSingleItem().Number.ShouldBe(3);
    }

    [Fact]
    public async Task the_auditor_reads_everything_and_takes_no_step()
    {
        var caseId = await Api.Report();
        var auditor = App.Client(Roles.Auditor, "inspectorate");
        foreach (var route in StepRoutes.All.Values)
        {
            var at = new Arranged(caseId, Guid.NewGuid());
            var problem = await (await auditor.PostRaw(route.Url(at), route.Json(at))).ShouldHave(HttpStatusCode.Forbidden);
            problem.Detail().ShouldContain(Roles.Auditor);
        }
        (await Api.Version(caseId)).ShouldBe(1);
    }
}
