using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.GetCase;
using Marten;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Tests.Cases.Steps;

/// <summary>Idempotency-Key: a retried request answers as the first did and appends nothing.</summary>
public sealed class IdempotencyTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private static (string, string) Key(string key) => ("Idempotency-Key", key);

    private async Task<int> CaseCount()
    {
        await using var session = App.Store.QuerySession();
        return await session.Query<CaseSummary>().CountAsync();
    }

    [Fact]
    public async Task a_retried_step_replays_the_first_answer_and_appends_nothing()
    {
        var caseId = await Api.Report();
        var officer = Api.As(Roles.CommuneOfficer);

        var first = await officer.PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), Key("verify-1"));
        var firstBody = await first.Content.ReadAsStringAsync();
        await first.ShouldBeAccepted(caseId);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        var events = (await Api.Events(caseId)).Count;

        var again = await officer.PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), Key("verify-1"));

        again.StatusCode.ShouldBe(first.StatusCode);
        (await again.Content.ReadAsStringAsync()).ShouldBe(firstBody);
        again.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await Api.Events(caseId)).Count.ShouldBe(events);
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task a_retried_step_that_created_something_replays_the_same_id()
    {
        var caseId = await Api.Report();
        var police = Api.As(Roles.PoliceOfficer);
        var body = Bodies.Interview(DateTimeOffset.UtcNow.AddDays(2));

        var first = await (await police.PostJson($"/api/cases/{caseId}/interviews", body, Key("schedule-7"))).Read<StepAccepted>();
        var again = await (await police.PostJson($"/api/cases/{caseId}/interviews", body, Key("schedule-7"))).Read<StepAccepted>();

        again.ShouldBe(first);
        again.Id.ShouldNotBeNull();
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task a_key_replays_even_after_the_case_moved_on()
    {
        var caseId = await Api.Report();
        var officer = Api.As(Roles.CommuneOfficer);
        var first = await (await officer.PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid(), Key("aid-1"))).Read<StepAccepted>();
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());

        var again = await officer.PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid(), Key("aid-1"));

        (await again.Read<StepAccepted>()).ShouldBe(first);
        (await Api.Version(caseId)).ShouldBe(3);
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_a_422_and_appends_nothing()
    {
        var caseId = await Api.Report();
        var officer = Api.As(Roles.CommuneOfficer);
        await officer.PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), Key("verify-2"));

        var problem = await (await officer.PostJson($"/api/cases/{caseId}/verification", Bodies.Verify() with { Substantiated = false }, Key("verify-2")))
            .ShouldHave(HttpStatusCode.UnprocessableEntity);

        problem.Field().ShouldBe("Idempotency-Key");
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task a_retried_report_returns_the_same_case_and_opens_only_one()
    {
        var hotline = Api.As(Roles.HotlineOperator);
        var report = Bodies.Report();

        var first = await hotline.PostJson("/api/cases", report, Key("call-2026-11-25-0042"));
        var again = await hotline.PostJson("/api/cases", report, Key("call-2026-11-25-0042"));

        await first.ShouldHave(HttpStatusCode.Created);
        await again.ShouldHave(HttpStatusCode.Created);
        var firstBody = await first.Read<StepAccepted>();
        (await again.Read<StepAccepted>()).ShouldBe(firstBody);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await CaseCount()).ShouldBe(1);
        (await Api.AllEventCount()).ShouldBe(1);
    }

    [Fact]
    public async Task a_retried_report_with_another_body_is_a_422()
    {
        var hotline = Api.As(Roles.HotlineOperator);
        await hotline.PostJson("/api/cases", Bodies.Report(), Key("call-9"));

        await (await hotline.PostJson("/api/cases", Bodies.Report(childName: "Lê Văn An"), Key("call-9"))).ShouldHave(HttpStatusCode.UnprocessableEntity);

        (await CaseCount()).ShouldBe(1);
    }

    [Fact]
    public async Task concurrent_retries_of_a_report_open_only_one_case()
    {
        var report = Bodies.Report();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Api.As(Roles.HotlineOperator).PostJson("/api/cases", report, Key("call-burst"))));

        foreach (var r in responses) await r.ShouldHave(HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Read<StepAccepted>()).CaseId));
        ids.Distinct().Count().ShouldBe(1);
        (await CaseCount()).ShouldBe(1);
        (await Api.AllEventCount()).ShouldBe(1);
    }

    [Fact]
    public async Task concurrent_retries_of_a_step_append_it_once()
    {
        var caseId = await Api.Report();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid(), Key("aid-burst"))));

        foreach (var r in responses) ((int)r.StatusCode).ShouldBeOneOf(200, 409);
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task a_key_belongs_to_its_user_another_user_with_the_same_key_opens_another_case()
    {
        await (await Api.As(Roles.HotlineOperator, "operator-1").PostJson("/api/cases", Bodies.Report(), Key("shared"))).ShouldHave(HttpStatusCode.Created);
        await (await Api.As(Roles.HotlineOperator, "operator-2").PostJson("/api/cases", Bodies.Report(), Key("shared"))).ShouldHave(HttpStatusCode.Created);

        (await CaseCount()).ShouldBe(2);
    }

    [Fact]
    public async Task a_key_belongs_to_its_route_the_same_key_on_another_step_is_a_new_request()
    {
        var caseId = await Api.Report();
        var officer = Api.As(Roles.CommuneOfficer);

        await (await officer.PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), Key("k"))).ShouldBeAccepted(caseId);
        var other = await officer.PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid(), Key("k"));

        await other.ShouldBeAccepted(caseId);
        other.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await Api.Version(caseId)).ShouldBe(3);
    }

    [Fact]
    public async Task a_refused_request_does_not_use_up_its_key()
    {
        var caseId = await Api.Report();
        var officer = Api.As(Roles.CommuneOfficer);

        await (await officer.PostJson($"/api/cases/{caseId}/verification", Bodies.Verify() with { Findings = "" }, Key("v"))).ShouldHave(HttpStatusCode.BadRequest);
        await (await officer.PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), Key("v"))).ShouldBeAccepted(caseId);

        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Theory]
    [InlineData("201")]
    [InlineData("tab\tinside")]
    public async Task a_malformed_key_is_a_400_naming_the_header(string key)
    {
        var caseId = await Api.Report();
        if (key == "201") key = new string('k', 201);

        var problem = await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), Key(key)))
            .ShouldHave(HttpStatusCode.BadRequest);

        problem.Field().ShouldBe("Idempotency-Key");
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Fact]
    public async Task a_key_past_its_retention_is_forgotten_and_a_fresh_one_is_kept()
    {
        var now = DateTimeOffset.UtcNow;
        var retention = new IdempotencyOptions().Retention;
        retention.ShouldBe(TimeSpan.FromDays(7));
        await using (var session = App.Store.LightweightSession())
        {
            session.Store(new IdempotencyRecord { Id = "old", RequestHash = "h", Status = 200, CreatedAt = now - retention - TimeSpan.FromMinutes(1) });
            session.Store(new IdempotencyRecord { Id = "fresh", RequestHash = "h", Status = 200, CreatedAt = now - retention + TimeSpan.FromMinutes(1) });
            await session.SaveChangesAsync();
        }

        // Twice, as two nodes purging at once would: the second finds nothing to do.
        await Task.WhenAll(IdempotencyPurge.PurgeAsync(App.Store, now - retention, default), IdempotencyPurge.PurgeAsync(App.Store, now - retention, default));

        await using var query = App.Store.QuerySession();
        (await query.LoadAsync<IdempotencyRecord>("old")).ShouldBeNull();
        (await query.LoadAsync<IdempotencyRecord>("fresh")).ShouldNotBeNull();
    }

    [Fact]
    public void the_retention_must_be_at_least_a_minute_and_the_purge_must_run_at_least_daily()
    {
        static bool Valid(IdempotencyOptions o) => System.ComponentModel.DataAnnotations.Validator.TryValidateObject(o, new(o), null, validateAllProperties: true);
        Valid(new IdempotencyOptions()).ShouldBeTrue();
        Valid(new IdempotencyOptions { Retention = TimeSpan.Zero }).ShouldBeFalse();
        Valid(new IdempotencyOptions { PurgeInterval = TimeSpan.FromDays(2) }).ShouldBeFalse();
    }
}
