using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Tests.Cases.Steps;

/// <summary>If-Match: optimistic concurrency on every step.</summary>
public sealed class ConcurrencyTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<string> ETag(Guid caseId) =>
        (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Headers.ETag!.Tag;

    [Theory]
    [InlineData("\"{0}\"")]
    [InlineData("W/\"{0}\"")]
    [InlineData("{0}")]
    [InlineData(" \"{0}\" ")]
    public async Task the_current_version_in_any_accepted_if_match_form_succeeds(string form)
    {
        var caseId = await Api.Report();

        var response = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), ("If-Match", string.Format(form, 1)));

        await response.ShouldBeAccepted(caseId);
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task an_if_match_star_succeeds_whatever_the_version()
    {
        var caseId = await Api.RiskAssessed();
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), ("If-Match", "*"))).ShouldBeAccepted(caseId);
        (await Api.Version(caseId)).ShouldBe(3);
    }

    [Theory]
    [InlineData("version-1")]
    [InlineData("\"\"")]
    [InlineData("\"-3\"")]
    [InlineData("W/")]
    [InlineData("\"1.5\"")]
    public async Task a_malformed_if_match_is_a_400_naming_the_header(string ifMatch)
    {
        var caseId = await Api.Report();

        var problem = await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), ("If-Match", ifMatch)))
            .ShouldHave(HttpStatusCode.BadRequest);

        problem.Field().ShouldBe("If-Match");
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Fact]
    public async Task a_writer_that_read_before_another_writer_gets_412_then_succeeds_after_reading_again()
    {
        var caseId = await Api.Report();
        var read = await ETag(caseId);
        await Api.Step(Roles.PoliceOfficer, $"/api/cases/{caseId}/crime-report", Bodies.CrimeReport(), ("If-Match", read));

        var stale = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), ("If-Match", read));
        await stale.ShouldHave(HttpStatusCode.PreconditionFailed);
        stale.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await Api.Version(caseId)).ShouldBe(2);

        var retried = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), ("If-Match", await ETag(caseId)));
        await retried.ShouldBeAccepted(caseId);
        (await Api.Version(caseId)).ShouldBe(3);
    }

    [Fact]
    public async Task two_concurrent_writers_with_the_same_if_match_one_wins_and_the_other_gets_412()
    {
        var caseId = await Api.Report();
        for (var round = 0; round < 5; round++)
        {
            var before = await Api.Version(caseId);
            var etag = await ETag(caseId);
            etag.ShouldBe($"\"{before}\"");

            var responses = await Task.WhenAll(
                Api.As(Roles.CommuneOfficer, "officer-a").PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), ("If-Match", etag)),
                Api.As(Roles.SocialWorker, "social-b").PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid(), ("If-Match", etag)));

            var statuses = responses.Select(r => (int)r.StatusCode).OrderBy(s => s).ToArray();
            statuses.ShouldBe([200, 412], $"round {round}: {string.Join(", ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())))}");
            await responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ShouldHave(HttpStatusCode.PreconditionFailed);
            (await Api.Version(caseId)).ShouldBe(before + 1);
        }
    }

    [Fact]
    public async Task many_concurrent_writers_with_the_same_if_match_append_exactly_one_event()
    {
        var caseId = await Api.Report();
        var etag = await ETag(caseId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Api.As(Roles.CommuneOfficer, $"officer-{i}").PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), ("If-Match", etag))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ShouldBe(7);
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task concurrent_writers_without_if_match_either_succeed_or_get_a_409_and_nothing_is_lost()
    {
        var caseId = await Api.Report();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Api.As(Roles.CommuneOfficer, $"officer-{i}").PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid())));

        foreach (var r in responses) ((int)r.StatusCode).ShouldBeOneOf(200, 409);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict)) await conflict.ShouldHave(HttpStatusCode.Conflict, ProblemKinds.ConcurrentChange);
        var won = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        won.ShouldBeGreaterThanOrEqualTo(1);
        (await Api.Version(caseId)).ShouldBe(1 + won);
        (await Api.Events(caseId)).Count.ShouldBe(1 + won);
    }

    [Fact]
    public async Task a_lost_race_leaves_the_read_model_consistent_with_the_stream()
    {
        var caseId = await Api.Report();
        var etag = await ETag(caseId);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Api.As(Roles.CommuneOfficer, $"officer-{i}").PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), ("If-Match", etag))));

        var read = await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}");
        read.Headers.ETag!.Tag.ShouldBe($"\"{await Api.Version(caseId)}\"");
    }
}
