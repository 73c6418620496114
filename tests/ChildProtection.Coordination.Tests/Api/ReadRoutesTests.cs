using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Api;

namespace ChildProtection.Coordination.Tests.Api;

/// <summary>GET /api/cases/{caseId} and GET /api/cases.</summary>
public sealed class ReadRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    // GET /api/cases/{caseId}

    [Fact]
    public async Task a_case_reads_as_its_summary_with_the_version_as_etag()
    {
        var caseId = await Api.Report(Bodies.Report(harm: [HarmForm.Violence, HarmForm.SexualAbuse]));
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk(emergency: true));

        var response = await Api.Get(Roles.SocialWorker, $"/api/cases/{caseId}");

        var json = await response.ShouldHave(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"3\"");
        json.GetProperty("status").GetString().ShouldBe("Open");
        json.GetProperty("stage").GetString().ShouldBe("RiskAssessed");
        json.GetProperty("version").GetInt64().ShouldBe(3);
        json.GetProperty("child").GetProperty("name").GetString().ShouldBe("Nguyễn Thị Mai");
        json.GetProperty("child").GetProperty("ageYears").GetInt32().ShouldBe(9);
        json.GetProperty("risk").GetProperty("overall").GetString().ShouldBe("High");
        json.GetProperty("harmForms").EnumerateArray().Select(h => h.GetString()).ShouldBe(["Violence", "SexualAbuse"]);
        json.GetProperty("verified").GetBoolean().ShouldBeTrue();

        var summary = json.Deserialize<CaseSummary>(Coordination.Common.CaseJson.Options)!;
        summary.OpenWork.Select(w => w.Kind).ShouldBe(["crime-report", "emergency-decision", "detailed-assessment"], ignoreOrder: true);
        summary.Clocks.Select(c => c.Name).ShouldBe(["initial-assessment", "plan-drafted", "plan-approved", "crime-report", "emergency-decision"], ignoreOrder: true);
        var initial = summary.Clocks.Single(c => c.Name == "initial-assessment");
        initial.DueAt.ShouldBe(summary.ReceivedAt.AddHours(12));
        initial.MetAt.ShouldNotBeNull();
        summary.Clocks.Single(c => c.Name == "plan-drafted").MetAt.ShouldBeNull();
    }

    [Fact]
    public async Task a_fresh_report_reads_with_its_first_work_and_clocks()
    {
        var caseId = await Api.Report();

        var summary = await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Read<CaseSummary>();

        summary.Id.ShouldBe(caseId);
        summary.Version.ShouldBe(1);
        summary.Status.ShouldBe(CaseStatus.Open);
        summary.Stage.ShouldBe(CaseStage.Reported);
        summary.Channel.ShouldBe(ReportChannel.Hotline111);
        summary.Risk.ShouldBeNull();
        summary.Plan.ShouldBeNull();
        // Violence with immediate danger is a sign of a crime: the police's 24 hours run from the report too. The plan's
        // clocks wait for an assessment that calls for a plan.
        summary.OpenWork.Select(w => w.Kind).ShouldBe(["verification", "initial-risk-assessment", "crime-report"], ignoreOrder: true);
        summary.Clocks.Select(c => c.Name).ShouldBe(["initial-assessment", "crime-report"], ignoreOrder: true);
    }

    [Fact]
    public async Task an_unchanged_case_read_with_if_none_match_is_a_304()
    {
        var caseId = await Api.Report();
        var etag = (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Headers.ETag!.Tag;

        var response = await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}", ("If-None-Match", etag));

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
        response.Headers.ETag!.Tag.ShouldBe(etag);
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"0\", \"1\"")]
    [InlineData("*")]
    public async Task an_if_none_match_that_names_the_current_version_in_another_form_is_a_304(string ifNoneMatch)
    {
        var caseId = await Api.Report();
        var response = await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}", ("If-None-Match", ifNoneMatch));
        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task a_changed_case_read_with_an_old_if_none_match_is_a_200_with_the_new_etag()
    {
        var caseId = await Api.Report();
        var old = (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Headers.ETag!.Tag;
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());

        var response = await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}", ("If-None-Match", old));

        await response.ShouldHave(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task an_unknown_case_is_a_404_problem()
    {
        var unknown = Guid.NewGuid();
        var problem = await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{unknown}")).ShouldHave(HttpStatusCode.NotFound);
        problem.Detail().ShouldContain(unknown.ToString());
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("42")]
    [InlineData("01a21227-83d5-7d5c-b9ab")]
    public async Task a_case_id_that_is_not_a_guid_is_a_404_problem(string id) =>
        await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{id}")).ShouldHave(HttpStatusCode.NotFound);

    [Fact]
    public async Task every_role_that_reads_cases_may_read_one_and_the_others_are_forbidden()
    {
        var caseId = await Api.Report();
        foreach (var role in Roles.All)
        {
            // The hotline reported the case; every other test agency has jurisdiction over Đồng Hới ward.
            var relation = role == Roles.HotlineOperator ? CaseRelation.Reporting
                : CasePermissions.IsSystemWide(role) ? CaseRelation.Any : CaseRelation.Jurisdiction;
            var response = await Api.Get(role, $"/api/cases/{caseId}");
            if (CasePermissions.Allows(CaseAction.Read, role, relation)) await response.ShouldHave(HttpStatusCode.OK);
            else (await response.ShouldHave(HttpStatusCode.Forbidden)).Detail().ShouldContain(role);
        }
    }

    [Fact]
    public async Task reading_a_case_without_a_token_is_a_401()
    {
        var caseId = await Api.Report();
        await (await App.Client(null).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.Unauthorized);
    }

    // GET /api/cases

    /// <summary>The list as an auditor reads it: every case (scoping by agency has its own tests).</summary>
    private async Task<CaseList> List(string query)
    {
        var response = await Api.Get(Roles.Auditor, $"/api/cases{query}");
        await response.ShouldHave(HttpStatusCode.OK);
        return await response.Read<CaseList>();
    }

    /// <summary>Four cases: two reported in Đồng Hới (one by residence only), one risk-assessed and one closed in Đồng Thuận.</summary>
    private async Task<(Guid DongHoi, Guid ResidentOfDongHoi, Guid Assessed, Guid Closed)> FourCases()
    {
        var now = DateTimeOffset.UtcNow;
        var dongThuan = new CaseApi(App, "ubnd-dong-thuan");
        var dongHoi = await Api.Report(Bodies.Report("dong-hoi-ward", receivedAt: now.AddHours(-30)));
        var resident = await Api.Report(Bodies.Report("dong-son-ward", childCommune: "dong-hoi-ward", receivedAt: now.AddHours(-29)));
        var assessed = await dongThuan.RiskAssessed(Bodies.Report("dong-thuan-ward", receivedAt: now.AddHours(-28)));
        var closed = await dongThuan.Closed(Bodies.Report("dong-thuan-ward", receivedAt: now.AddHours(-27)));
        return (dongHoi, resident, assessed, closed);
    }

    [Fact]
    public async Task the_list_filters_by_status()
    {
        var (dongHoi, resident, assessed, closed) = await FourCases();

        (await List("?status=Closed")).Items.Select(i => i.Id).ShouldBe([closed]);
        (await List("?status=closed")).Items.Select(i => i.Id).ShouldBe([closed]);
        (await List("?status=Open")).Items.Select(i => i.Id).ShouldBe([assessed, resident, dongHoi]);
    }

    [Fact]
    public async Task the_list_filters_by_stage()
    {
        var (dongHoi, resident, assessed, _) = await FourCases();

        (await List("?stage=RiskAssessed")).Items.Select(i => i.Id).ShouldBe([assessed]);
        (await List("?stage=Reported")).Items.Select(i => i.Id).ShouldBe([resident, dongHoi]);
        (await List("?stage=PlanDrafted")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_list_filters_by_the_commune_of_the_incident_or_of_the_childs_residence()
    {
        var (dongHoi, resident, assessed, closed) = await FourCases();

        (await List("?commune=dong-hoi-ward")).Items.Select(i => i.Id).ShouldBe([resident, dongHoi]);
        (await List("?commune=dong-thuan-ward")).Items.Select(i => i.Id).ShouldBe([closed, assessed]);
        (await List("?commune=dong-thuan-ward&status=Open")).Items.Select(i => i.Id).ShouldBe([assessed]);
        (await List("?commune=nowhere")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task the_list_answers_items_newest_first_without_the_childs_identity()
    {
        var (dongHoi, resident, assessed, closed) = await FourCases();

        var response = await Api.Get(Roles.Auditor, "/api/cases");
        var json = await response.ShouldHave(HttpStatusCode.OK);

        var list = json.Deserialize<CaseList>(Coordination.Common.CaseJson.Options)!;
        list.Items.Select(i => i.Id).ShouldBe([closed, assessed, resident, dongHoi]);
        list.Total.ShouldBe(4);
        list.Page.ShouldBe(1);
        list.PageSize.ShouldBe(20);
        var first = json.GetProperty("items")[0];
        first.TryGetProperty("child", out _).ShouldBeFalse();
        first.GetRawText().ShouldNotContain("Nguyễn Thị Mai");
        list.Items.Single(i => i.Id == assessed).Risk.ShouldBe(RiskLevel.High);
        list.Items.Single(i => i.Id == closed).Status.ShouldBe(CaseStatus.Closed);
    }

    [Fact]
    public async Task the_list_pages_with_page_page_size_and_total()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await Api.Report(Bodies.Report(receivedAt: now.AddHours(-10 + i))));
        ids.Reverse();

        var first = await List("?pageSize=2&page=1");
        var second = await List("?pageSize=2&page=2");
        var third = await List("?pageSize=2&page=3");
        var beyond = await List("?pageSize=2&page=4");

        first.Items.Select(i => i.Id).ShouldBe(ids[..2]);
        second.Items.Select(i => i.Id).ShouldBe(ids[2..4]);
        third.Items.Select(i => i.Id).ShouldBe(ids[4..]);
        beyond.Items.ShouldBeEmpty();
        foreach (var page in new[] { first, second, third })
        {
            page.Total.ShouldBe(5);
            page.PageSize.ShouldBe(2);
        }
        third.Page.ShouldBe(3);
        (await List("?pageSize=100")).Items.Count.ShouldBe(5);
    }

    [Theory]
    [InlineData("?status=Nope", "status")]
    [InlineData("?status=1", "status")]
    [InlineData("?stage=Done", "stage")]
    [InlineData("?stage=2", "stage")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-1", "page")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=-5", "pageSize")]
    public async Task a_bad_filter_is_a_400_naming_it(string query, string field)
    {
        var problem = await (await Api.Get(Roles.CommuneOfficer, $"/api/cases{query}")).ShouldHave(HttpStatusCode.BadRequest);
        problem.Field().ShouldBe(field);
    }

    [Theory]
    [InlineData("?page=abc", "page")]
    [InlineData("?pageSize=ten", "pageSize")]
    [InlineData("?page=1.5", "page")]
    public async Task a_page_that_is_not_a_number_is_a_400_naming_it(string query, string field)
    {
        var problem = await (await Api.Get(Roles.CommuneOfficer, $"/api/cases{query}")).ShouldHave(HttpStatusCode.BadRequest);
        problem.Field().ShouldBe(field);
    }

    [Theory]
    [InlineData("?page=30000000&pageSize=100")]
    [InlineData("?page=2147483647")]
    public async Task a_page_far_beyond_the_end_is_not_a_server_error(string query)
    {
        var response = await Api.Get(Roles.CommuneOfficer, $"/api/cases{query}");
        ((int)response.StatusCode).ShouldBeOneOf(200, 400);
    }

    [Theory]
    [InlineData("?status=Open,Closed", "status")]
    [InlineData("?stage=Verified,RiskAssessed", "stage")]
    public async Task a_list_of_values_in_one_filter_is_a_400_naming_it(string query, string field)
    {
        var problem = await (await Api.Get(Roles.CommuneOfficer, $"/api/cases{query}")).ShouldHave(HttpStatusCode.BadRequest);
        problem.Field().ShouldBe(field);
    }

    [Fact]
    public async Task a_page_beyond_the_end_within_range_is_an_empty_page()
    {
        await Api.Report();
        var page = await List("?page=1000000&pageSize=100");
        page.Items.ShouldBeEmpty();
        page.Page.ShouldBe(1000000);
    }

    [Fact]
    public async Task a_page_beyond_the_end_still_answers_the_total()
    {
        for (var i = 0; i < 3; i++) await Api.Report();
        (await List("?page=2&pageSize=3")).Total.ShouldBe(3);
        (await List("?page=5&pageSize=2")).Total.ShouldBe(3);
    }

    [Fact]
    public async Task the_list_is_forbidden_to_integrators_and_closed_to_anonymous_callers()
    {
        (await (await Api.Get(Roles.Integrator, "/api/cases")).ShouldHave(HttpStatusCode.Forbidden)).Detail().ShouldContain("integrator");
        await (await App.Client(null).GetAsync("/api/cases")).ShouldHave(HttpStatusCode.Unauthorized);
    }
}
