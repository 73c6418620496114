using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Integration;
using ChildProtection.Coordination.Tests.Handoffs;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Tests.Integration;

public sealed class FeedTests(AppFixture app) : IntegrationContext(app)
{
    private async Task<(JsonElement[] Events, long Next)> Read(string query, string role = "integrator")
    {
        var response = await App.Client(role, "stats-office").GetAsync($"/api/feed{query}");
        await response.ShouldHave(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/cloudevents-batch+json");
        var events = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToArray();
        return (events, long.Parse(response.Headers.GetValues("Feed-Next-Cursor").Single()));
    }

    /// <summary>The feed reads up to the high-water mark, which the daemon advances a moment after a commit.</summary>
    private async Task<JsonElement[]> ReadUntil(int count, string query = "?after=0")
    {
        var events = Array.Empty<JsonElement>();
        for (var i = 0; i < 100 && events.Length < count; i++, await Task.Delay(100)) events = (await Read(query)).Events;
        return events;
    }

    [Fact]
    public async Task the_feed_gives_public_cloudevents_in_order_without_the_childs_identity()
    {
        var report = Scenarios.HotlineReport();
        var caseId = await App.ReportAsync(report);
        await (await App.Client("commune-officer", "ubnd-dong-hoi").PostJson($"/api/cases/{caseId}/verification", new VerifyReport(true, "Bruises seen on Mai")))
            .ShouldHave(HttpStatusCode.OK);

        var events = await ReadUntil(2);
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["vn.childprotection.case.reported.v1", "vn.childprotection.case.verified.v1"]);
        events.ShouldAllBe(e => e.GetProperty("specversion").GetString() == "1.0" && e.GetProperty("subject").GetString() == caseId.ToString());
        events.Select(e => long.Parse(e.GetProperty("sequence").GetString()!)).ShouldBeInOrder();
        // CloudEvents compares sequence as a string: fixed width makes that the numeric order.
        events.ShouldAllBe(e => e.GetProperty("sequence").GetString()!.Length == GetFeedEndpoint.SequenceDigits);
        events.Select(e => e.GetProperty("sequence").GetString()).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        var reported = events[0].GetProperty("data");
        reported.GetProperty("harmForms")[0].GetString().ShouldBe("Violence");
        reported.GetProperty("childAgeYears").GetInt32().ShouldBe(9);

        var all = string.Join("", events.Select(e => e.GetRawText()));
        all.ShouldNotContain(report.Child.Name);
        all.ShouldNotContain(report.Child.School!);
        all.ShouldNotContain("Mai");
        all.ShouldNotContain(report.Reporter!.Phone!);
    }

    [Fact]
    public async Task the_feed_and_the_webhooks_publish_no_special_circumstance_that_tells_of_the_childs_health()
    {
        var api = new CaseApi(App);
        var caseId = await api.Report();
        foreach (var group in new[] { SpecialCircumstanceGroup.LivingWithHiv, SpecialCircumstanceGroup.WithoutCarer, SpecialCircumstanceGroup.Disabled })
            await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/special-circumstances", Bodies.SpecialCircumstance(group));
        await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/special-circumstances/end", Bodies.EndSpecialCircumstance(SpecialCircumstanceGroup.LivingWithHiv));
        await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/special-circumstances/end", Bodies.EndSpecialCircumstance(SpecialCircumstanceGroup.WithoutCarer));

        // The report, then WithoutCarer established and ended: the health groups neither begin nor end in public.
        var events = await ReadUntil(3);
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["vn.childprotection.case.reported.v1",
            "vn.childprotection.case.special-circumstance-established.v1", "vn.childprotection.case.special-circumstance-ended.v1"]);
        events.Skip(1).ShouldAllBe(e => e.GetProperty("data").GetProperty("group").GetString() == "WithoutCarer");
        var all = string.Join("", events.Select(e => e.GetRawText()));
        all.ShouldNotContain("Hiv", Shouldly.Case.Insensitive);
        all.ShouldNotContain("Disabled");
        all.ShouldNotContain("SealedHealthGroup");
        // The webhooks send what the feed maps, event by event (GetFeedEndpoint.ToCloudEvent): none for the health groups.
        (await api.Events(caseId)).Select(GetFeedEndpoint.ToCloudEvent).OfType<CloudEvent>().Count().ShouldBe(3);
        // The owning commune still sees them on the case.
        var shown = (await (await api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK)).GetProperty("specialCircumstances");
        shown.EnumerateArray().Select(g => g.GetProperty("group").GetString()).ShouldBe(["LivingWithHiv", "WithoutCarer", "Disabled"]);
    }

    [Fact]
    public void the_sequence_attribute_sorts_as_a_string_like_the_numbers_it_stands_for()
    {
        long[] sequences = [9, 10, 99, 100, 123_456, long.MaxValue];
        sequences.Select(GetFeedEndpoint.Sequence).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        GetFeedEndpoint.Sequence(42).ShouldBe("00000000000000000042");
        GetFeedEndpoint.Sequence(long.MaxValue).Length.ShouldBe(GetFeedEndpoint.SequenceDigits);
    }

    [Fact]
    public async Task waiting_readers_are_capped_share_one_poll_and_all_wake_on_a_new_event()
    {
        var cursor = await CursorPastTheDirectory();
        var options = App.Host.Services.GetRequiredService<IOptions<FeedOptions>>().Value;
        var waiters = App.Host.Services.GetRequiredService<FeedWaiters>();
        var cap = options.MaxWaiters;
        options.MaxWaiters = 2;
        try
        {
            var reader = App.Client("integrator", "stats-office");
            var waiting = Enumerable.Range(0, 2).Select(_ => reader.GetAsync($"/api/feed?after={cursor}&wait=20")).ToArray();
            await HandoffApi.Eventually(() => Task.FromResult(waiters.Waiting == 2), "two readers waiting");

            // A third would wait too: refused at once, told when to come back.
            var refused = await reader.GetAsync($"/api/feed?after={cursor}&wait=20");
            refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
            (await refused.ShouldHave(HttpStatusCode.ServiceUnavailable)).GetProperty("title").GetString().ShouldBe("Too many waiting readers");
            // A reader that does not wait is not counted.
            (await Read($"?after={cursor}")).Events.ShouldBeEmpty();

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await App.ReportAsync(Scenarios.HotlineReport());
            foreach (var response in await Task.WhenAll(waiting))
            {
                var events = await response.ShouldHave(HttpStatusCode.OK);
                events.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldContain("vn.childprotection.case.reported.v1");
            }
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            waiters.Waiting.ShouldBe(0);
        }
        finally
        {
            options.MaxWaiters = cap;
        }
    }

    /// <summary>The cursor past everything already stored (the demo directory's events, which the feed skips).</summary>
    private async Task<long> CursorPastTheDirectory()
    {
        long stored;
        await using (var session = App.Store.QuerySession())
            stored = await session.Events.QueryAllRawEvents().MaxAsync(e => e.Sequence);
        var cursor = 0L;
        for (var i = 0; i < 100 && cursor < stored; i++, await Task.Delay(100)) cursor = (await Read("?after=0&limit=500")).Next;
        return cursor;
    }

    [Fact]
    public async Task the_cursor_pages_through_the_feed_and_a_long_poll_returns_when_an_event_arrives()
    {
        var start = await CursorPastTheDirectory();
        var caseId = await App.ReportAsync();
        await ReadUntil(1, $"?after={start}");
        var (first, next) = await Read($"?after={start}&limit=1");
        first.ShouldHaveSingleItem();
        (await Read($"?after={next}")).Events.ShouldBeEmpty();

        var waiting = Read($"?after={next}&wait=10");
        await Task.Delay(300);
        await (await App.Client("commune-officer", "ubnd-dong-hoi").PostJson($"/api/cases/{caseId}/verification", new VerifyReport(true, "seen")))
            .ShouldHave(HttpStatusCode.OK);
        var (arrived, after) = await waiting;
        arrived.ShouldHaveSingleItem().GetProperty("type").GetString().ShouldBe("vn.childprotection.case.verified.v1");
        after.ShouldBeGreaterThan(next);
    }

    [Theory]
    [InlineData("?after=-1", "after")]
    [InlineData("?after=abc", "after")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?wait=31", "wait")]
    public async Task bad_feed_parameters_are_a_400_naming_them(string query, string field)
    {
        var problem = await (await App.Client("integrator", "stats-office").GetAsync($"/api/feed{query}")).ShouldHave(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task the_feed_is_for_integrators_auditors_and_admins()
    {
        await (await App.Client("commune-officer", "ubnd-dong-hoi").GetAsync("/api/feed")).ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client(null).GetAsync("/api/feed")).ShouldHave(HttpStatusCode.Unauthorized);
        await (await App.Client("auditor", "inspectorate").GetAsync("/api/feed")).ShouldHave(HttpStatusCode.OK);
    }
}
