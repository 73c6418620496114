using System.Net;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using Marten;
using JasperFx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
namespace ChildProtection.Coordination.Tests.Cases.Steps;

/// <summary>
/// Intake:GroupCommit (issue 19): concurrent reports committed in one transaction keep what a report committed alone has —
/// each its own case, answer, provenance and idempotency; a failure of one fails it alone; an answer only after the commit.
/// </summary>
public sealed class GroupCommitTests(PathwayFixture app) : PathwayIntegrationContext(app), IAsyncLifetime
{
    private GroupCommitOptions Options => App.Host.Services.GetRequiredService<IOptions<GroupCommitOptions>>().Value;

    // The host is shared with the other pathway tests, which run with group commit off (the default): on for this class only.
    public override Task InitializeAsync()
    {
        Options.GroupCommit = true;
        return Task.CompletedTask;
    }

    public new Task DisposeAsync()
    {
        Options.GroupCommit = false;
        return Task.CompletedTask;
    }

    private GroupCommit Committer(int lanes = 1) =>
        new(App.Store, Microsoft.Extensions.Options.Options.Create(new GroupCommitOptions { GroupCommit = true, GroupCommitLanes = lanes }),
            NullLogger<GroupCommit>.Instance);

    private static IdempotencyRecord Record(string id) => new() { Id = id, RequestHash = "h", Status = 201, CreatedAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task reports_queued_while_a_group_commits_share_the_next_transaction()
    {
        var committer = Committer();
        var prefix = Guid.NewGuid().ToString("N");
        using var started = new ManualResetEventSlim();
        using var first = new ManualResetEventSlim();
        var sessions = new List<IDocumentSession>();
        // The first write holds its group open until the others are queued: they then go in one group together.
        var leading = committer.CommitAsync(s => { started.Set(); first.Wait(TimeSpan.FromSeconds(30)); s.Insert(Record($"{prefix}-0")); });
        started.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
        var queued = Enumerable.Range(1, 10).Select(i => committer.CommitAsync(s => { lock (sessions) sessions.Add(s); s.Insert(Record($"{prefix}-{i}")); })).ToList();
        first.Set();
        await Task.WhenAll([leading, .. queued]);

        sessions.Count.ShouldBe(10);
        sessions.Distinct().Count().ShouldBe(1);
        await using var query = App.Store.QuerySession();
        (await query.Query<IdempotencyRecord>().Where(r => r.Id.StartsWith(prefix)).CountAsync()).ShouldBe(11);
    }

    [Fact]
    public async Task a_report_that_fails_its_group_fails_alone_and_the_others_are_committed()
    {
        var prefix = Guid.NewGuid().ToString("N");
        await using (var earlier = App.Store.LightweightSession())
        {
            earlier.Insert(Record($"{prefix}-taken"));
            await earlier.SaveChangesAsync();
        }
        var committer = Committer();
        using var started = new ManualResetEventSlim();
        using var first = new ManualResetEventSlim();
        var applied = new int[10];
        var leading = committer.CommitAsync(s => { started.Set(); first.Wait(TimeSpan.FromSeconds(30)); });
        started.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
        var queued = Enumerable.Range(0, 10).Select(i => committer.CommitAsync(s =>
        {
            Interlocked.Increment(ref applied[i]);
            // The fifth report's record is already stored (its Idempotency-Key won a moment ago): its insert fails the group.
            s.Insert(Record(i == 4 ? $"{prefix}-taken" : $"{prefix}-{i}"));
        })).ToList();
        first.Set();
        await leading;

        await Should.ThrowAsync<DocumentAlreadyExistsException>(() => queued[4]);
        foreach (var (report, i) in queued.Select((t, i) => (t, i)).Where(x => x.i != 4)) await report;
        // Each write went in the group, then alone.
        applied.ShouldAllBe(n => n == 2);
        await using var query = App.Store.QuerySession();
        (await query.Query<IdempotencyRecord>().Where(r => r.Id.StartsWith(prefix)).CountAsync()).ShouldBe(10);
    }

    [Fact]
    public async Task concurrent_reports_each_get_their_own_case_with_the_reporters_provenance_and_the_communes_hand_off()
    {
        var hotline = App.Client("hotline-operator", "hotline-111");
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => hotline.PostJson("/api/cases", HandoffApi.Report())));

        var accepted = new List<StepAccepted>();
        foreach (var response in responses)
        {
            await response.ShouldHave(HttpStatusCode.Created);
            accepted.Add(await response.Read<StepAccepted>());
        }
        accepted.Select(a => a.CaseId).ShouldBeUnique();
        foreach (var a in accepted)
        {
            // Readable the moment the answer came: the commit came first.
            var history = await App.History(a.CaseId);
            history.Count.ShouldBe((int)a.Version);
            var reported = history[0];
            ((CaseReported)reported.Data).PathwayDecided.ShouldBe(true);
            reported.Headers!["agency"].ToString().ShouldBe("hotline-111");
            reported.UserName.ShouldNotBe("system:pathway");
            var handoff = history.Single(e => e.Data is HandoffRequested { Task: HandoffTask.VerifyAndAssess });
            handoff.UserName.ShouldBe("system:pathway");
            handoff.CorrelationId.ShouldBe(reported.CorrelationId);
            handoff.CausationId.ShouldBe(reported.Id.ToString());
            // The identity is stored sealed, and its key with it.
            ((CaseReported)reported.Data).Child.Name.ShouldStartWith("enc:v1:");
            await using var query = App.Store.QuerySession();
            (await query.LoadAsync<ChildProtection.Coordination.Cases.Identity.CaseKey>(a.CaseId)).ShouldNotBeNull();
            // Every event sealed in the transaction that appended it, the group's as any other.
            (await query.Query<ChildProtection.Coordination.Audit.Integrity.EventSeal>().Where(x => x.StreamId == a.CaseId).CountAsync())
                .ShouldBe(history.Count);
        }
        // Every request its own correlation id, though they may share a transaction.
        (await Task.WhenAll(accepted.Select(async a => (await App.History(a.CaseId))[0].CorrelationId))).ShouldBeUnique();
    }

    [Fact]
    public async Task the_same_idempotency_key_sent_twice_at_once_opens_one_case_and_both_answers_name_it()
    {
        var hotline = App.Client("hotline-operator", "hotline-111");
        var body = HandoffApi.Report();
        var key = ("Idempotency-Key", $"group-{Guid.NewGuid():N}");
        var others = Enumerable.Range(0, 6).Select(_ => hotline.PostJson("/api/cases", HandoffApi.Report()));
        var responses = await Task.WhenAll([hotline.PostJson("/api/cases", body, key), hotline.PostJson("/api/cases", body, key), .. others]);

        foreach (var response in responses) await response.ShouldHave(HttpStatusCode.Created);
        var ids = new List<Guid>();
        foreach (var response in responses) ids.Add((await response.Read<StepAccepted>()).CaseId);
        ids[0].ShouldBe(ids[1]);
        ids.Skip(1).ShouldBeUnique();
    }
}
