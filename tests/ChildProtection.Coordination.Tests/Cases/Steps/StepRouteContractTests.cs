using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Tests.Cases.Steps;

/// <summary>What every POST /api/cases/{caseId}/... step shares, checked route by route.</summary>
public sealed class StepRouteContractTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_step_succeeds_with_an_etag_that_is_its_body_version_and_appends_one_event(string name)
    {
        var route = StepRoutes.All[name];
        var at = await route.Arrange(Api);
        var before = await Api.Version(at.CaseId);

        var response = await Api.As(route.Role).PostRaw(route.Url(at), route.Json(at));

        await response.ShouldBeAccepted(at.CaseId);
        (await Api.Version(at.CaseId)).ShouldBe(before + 1);
    }

    [Theory,
     MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_step_answers_the_case_version_it_produced_and_its_etag_is_the_next_if_match(string name)
    {
        var route = StepRoutes.All[name];
        var at = await route.Arrange(Api);

        var response = await Api.As(route.Role).PostRaw(route.Url(at), route.Json(at));

        var body = await response.ShouldBeAccepted(at.CaseId);
        body.Version.ShouldBe(await Api.Version(at.CaseId));
        // A transfer gives the case to another commune: the officer's commune reads it as it stood then (TransferRoutesTests).
        if (name == "transfer") return;
        var read = await Api.Get(Roles.CommuneOfficer, $"/api/cases/{at.CaseId}");
        read.Headers.ETag!.Tag.ShouldBe(response.Headers.ETag!.Tag);
        var next = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{at.CaseId}/legal-aid", Bodies.LegalAid(),
            ("If-Match", response.Headers.ETag!.Tag));
        // A closed case takes no legal aid; a merged one sends its steps to the lead case (MergeRoutesTests).
        if (name is "merge") await next.ShouldHave(HttpStatusCode.Conflict, ProblemKinds.CaseMerged);
        else if (name is not ("closure" or "closure-without-plan")) await next.ShouldHave(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task malformed_json_is_a_400_problem(string name)
    {
        var route = StepRoutes.All[name];
        var response = await Api.As(route.Role).PostRaw(route.Url(Arranged.Nowhere()), "{\"reason\": \"unterminated");
        await response.ShouldHave(HttpStatusCode.BadRequest);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_missing_required_field_is_a_400_naming_it(string name)
    {
        var route = StepRoutes.All[name];
        var at = Arranged.Nowhere();
        var response = await Api.As(route.Role).PostRaw(route.Url(at), JsonEdit.Remove(route.Json(at), route.Field));
        await response.ShouldBeInvalid(route.Field);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_field_of_the_wrong_type_is_a_400_naming_it(string name)
    {
        var route = StepRoutes.All[name];
        var at = Arranged.Nowhere();
        var response = await Api.As(route.Role).PostRaw(route.Url(at), JsonEdit.Set(route.Json(at), route.Field, route.WrongType()));
        await response.ShouldBeInvalid(route.Field);
    }

    [Theory, MemberData(nameof(StepRoutes.WithEnums), MemberType = typeof(StepRoutes))]
    public async Task an_unknown_enum_value_is_a_400_naming_the_field(string name)
    {
        var route = StepRoutes.All[name];
        var at = Arranged.Nowhere();
        foreach (var wrong in new JsonNode?[] { "NoSuchValue", "", 1 })
        {
            var response = await Api.As(route.Role).PostRaw(route.Url(at), JsonEdit.Set(route.Json(at), route.EnumField!, wrong));
            await response.ShouldBeInvalid(JsonEdit.ErrorPath(route.EnumField!));
        }
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_null_or_empty_body_is_a_400(string name)
    {
        var route = StepRoutes.All[name];
        var url = route.Url(Arranged.Nowhere());

        var nullBody = await Api.As(route.Role).PostRaw(url, "null");
        (await nullBody.ShouldBeInvalid("body")).Field().ShouldBe("body");
        await (await Api.As(route.Role).PostRaw(url, "")).ShouldHave(HttpStatusCode.BadRequest);
        await (await Api.As(route.Role).PostRaw(url, "[]")).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_step_dated_in_the_future_or_before_the_report_is_a_400_naming_occurred_at(string name)
    {
        var route = StepRoutes.All[name];
        // A step on a pair of cases (a link, a rejected duplicate) names a real second case; any other, a made-up sub id.
        var at = StepRoutes.OnAPair.Contains(name) ? await route.Arrange(Api) : new Arranged(await Api.Report(), Guid.NewGuid());
        var caseId = at.CaseId;
        var before = await Api.Version(caseId);

        foreach (var when in new[] { DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(-30) })
        {
            var body = JsonEdit.Set(route.Json(at), "occurredAt", when.ToString("O"));
            var problem = await (await Api.As(route.Role).PostRaw(route.Url(at), body)).ShouldBeInvalid("occurredAt");
            problem.Field().ShouldBe("occurredAt");
        }
        (await Api.Version(caseId)).ShouldBe(before);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task every_role_outside_the_permission_matrix_is_forbidden(string name)
    {
        var route = StepRoutes.All[name];
        var at = Arranged.Nowhere();
        foreach (var role in Roles.All.Except(CasePermissions.RolesFor(route.Action)))
        {
            var problem = await (await Api.As(role).PostRaw(route.Url(at), route.Json(at))).ShouldHave(HttpStatusCode.Forbidden);
            problem.Detail().ShouldContain(role);
        }
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task every_role_in_the_permission_matrix_gets_past_the_role_check(string name)
    {
        var route = StepRoutes.All[name];
        var at = Arranged.Nowhere();
        foreach (var role in CasePermissions.RolesFor(route.Action))
        {
            // An unknown case: a permitted role learns it does not exist rather than being refused.
            await (await Api.As(role).PostRaw(route.Url(at), route.Json(at))).ShouldHave(HttpStatusCode.NotFound);
        }
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task an_unknown_case_is_a_404_problem(string name)
    {
        var route = StepRoutes.All[name];
        var at = Arranged.Nowhere();
        var problem = await (await Api.As(route.Role).PostRaw(route.Url(at), route.Json(at))).ShouldHave(HttpStatusCode.NotFound);
        problem.Detail().ShouldContain(at.CaseId.ToString());
        (await Api.AllEventCount()).ShouldBe(0);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_case_id_that_is_not_a_guid_is_a_404_problem(string name)
    {
        var route = StepRoutes.All[name];
        var at = Arranged.Nowhere();
        foreach (var id in new[] { "not-a-guid", "12345", "01a21227-83d5-7d5c-b9ab" })
            await (await Api.As(route.Role).PostRaw(route.Url(id), route.Json(at))).ShouldHave(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(StepRoutes.CaseSteps), MemberType = typeof(StepRoutes))]
    public async Task a_closed_case_takes_no_step_but_reopening_and_an_open_case_cannot_be_reopened(string name)
    {
        var route = StepRoutes.All[name];
        var caseId = name == "reopening" ? await Api.Report() : await Api.Closed();
        var before = await Api.Version(caseId);
        // A step on a pair names a real second case, so that the closed case, not a missing other, is what refuses it.
        var at = new Arranged(caseId, StepRoutes.OnAPair.Contains(name) ? await Api.Report() : Guid.NewGuid());

        var problem = await (await Api.As(route.Role).PostRaw(route.Url(at), route.Json(at)))
            .ShouldHave(HttpStatusCode.Conflict, name == "reopening" ? ProblemKinds.CaseNotClosed : ProblemKinds.CaseClosed);

        problem.Detail().ShouldContain(name == "reopening" ? "Only a closed case" : "closed");
        (await Api.Version(caseId)).ShouldBe(before);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_stale_if_match_is_a_412_with_the_current_etag_and_appends_nothing(string name)
    {
        var route = StepRoutes.All[name];
        var at = await route.Arrange(Api);
        var version = await Api.Version(at.CaseId);

        foreach (var stale in new[] { $"\"{version - 1}\"", $"\"{version + 1}\"", $"W/\"{version + 5}\"" })
        {
            var response = await Api.As(route.Role).PostRaw(route.Url(at), route.Json(at), ("If-Match", stale));
            await response.ShouldHave(HttpStatusCode.PreconditionFailed);
            response.Headers.ETag!.Tag.ShouldBe($"\"{version}\"");
        }
        (await Api.Version(at.CaseId)).ShouldBe(version);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_malformed_if_match_is_a_400_naming_the_header(string name)
    {
        var route = StepRoutes.All[name];
        var at = await route.Arrange(Api);
        var version = await Api.Version(at.CaseId);

        foreach (var malformed in new[] { "abc", "\"-1\"", "\"1\", \"2\"", "\"99999999999999999999\"" })
        {
            var problem = await (await Api.As(route.Role).PostRaw(route.Url(at), route.Json(at), ("If-Match", malformed)))
                .ShouldBeInvalid("If-Match");
            problem.Field().ShouldBe("If-Match");
        }
        (await Api.Version(at.CaseId)).ShouldBe(version);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task the_current_etag_as_if_match_lets_the_step_through(string name)
    {
        var route = StepRoutes.All[name];
        var at = await route.Arrange(Api);
        var etag = (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{at.CaseId}")).Headers.ETag!.Tag;

        var response = await Api.As(route.Role).PostRaw(route.Url(at), route.Json(at), ("If-Match", etag));

        await response.ShouldBeAccepted(at.CaseId);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task an_if_match_star_lets_the_step_through(string name)
    {
        var route = StepRoutes.All[name];
        var at = await route.Arrange(Api);
        var before = await Api.Version(at.CaseId);

        await (await Api.As(route.Role).PostRaw(route.Url(at), route.Json(at), ("If-Match", "*"))).ShouldBeAccepted(at.CaseId);

        (await Api.Version(at.CaseId)).ShouldBe(before + 1);
    }

    [Theory, MemberData(nameof(StepRoutes.Names), MemberType = typeof(StepRoutes))]
    public async Task a_step_answers_with_the_problem_media_type_and_a_correlation_id_when_refused(string name)
    {
        var route = StepRoutes.All[name];
        var at = Arranged.Nowhere();

        var response = await Api.As(route.Role).PostRaw(route.Url(at), route.Json(at), ("X-Correlation-Id", "refused-1"));

        var problem = await response.ShouldHave(HttpStatusCode.NotFound);
        problem.GetProperty("correlationId").GetString().ShouldBe("refused-1");
        problem.GetProperty("instance").GetString().ShouldBe(route.Url(at));
        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["refused-1"]);
    }
}
