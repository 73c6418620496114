using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Handoffs.Inbox;
using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>
/// Three service processes on one database, as ops/cluster runs them: Wolverine's leader spreads the pathway
/// subscription, the projections and the clocks over them, and when the node running the pathway crashes the
/// others take its work over from where the database says it stopped.
/// </summary>
public sealed class ClusterTests
{
    private const string Schema = "cp_cluster";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Marten:Schema"] = Schema, ["Directory:SeedDemo"] = "true",
        // A crashed node is declared dead after 6 s of silence instead of 30 s, to keep the test short.
        ["Cluster:StaleNodeTimeout"] = "00:00:06",
    };

    [Fact]
    public async Task when_the_node_running_the_pathway_crashes_the_others_take_over_and_every_report_gets_its_hand_off_and_every_clock_fires()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Marten")))
            Environment.SetEnvironmentVariable("ConnectionStrings__Marten", AppFixture.DefaultConnection);
        await TestDatabase.DropSchemaAsync(Schema);
        var nodes = new List<RunningService>();
        try
        {
            // The first node creates the schema and seeds the directory; the others join it.
            nodes.Add(ServiceProcess.Start(ServiceProcess.FreePort(), Settings));
            await Ready(nodes[0]);
            nodes.Add(ServiceProcess.Start(ServiceProcess.FreePort(), Settings));
            nodes.Add(ServiceProcess.Start(ServiceProcess.FreePort(), Settings));
            await Task.WhenAll(Ready(nodes[1]), Ready(nodes[2]));

            await HandoffApi.Eventually(async () => await RunningPathway(nodes) is not null, "the pathway assigned to a node", 60);
            // Work flows through every node: reports, and on some of them a referral whose clock falls due after the crash.
            var live = nodes.ToArray();
            var reports = new ConcurrentBag<Guid>();
            var referrals = new ConcurrentBag<(Guid CaseId, Guid HandoffId)>();
            var refused = new ConcurrentQueue<string>();
            using var stop = new CancellationTokenSource();
            var flow = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var node = Volatile.Read(ref live)[i % Volatile.Read(ref live).Length];
                    try
                    {
                        var created = await Client(node, "hotline-operator", "hotline-111").PostJson("/api/cases", HandoffApi.Report());
                        if (created.StatusCode != HttpStatusCode.Created)
                        {
                            refused.Enqueue($"{node.Url}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
                            continue;
                        }
                        var caseId = (await created.Read<StepAccepted>()).CaseId;
                        reports.Add(caseId);
                        if (i % 5 != 0) continue;
                        var referral = await Client(node, "commune-officer", "ubnd-dong-hoi").PostJson($"/api/cases/{caseId}/handoffs",
                            new RequestHandoff("ca-dong-hoi", HandoffTask.CrimeReport, "Record the crime report", DateTimeOffset.UtcNow.AddSeconds(4), "Cluster test"));
                        if (referral.StatusCode == HttpStatusCode.OK) referrals.Add((caseId, (await referral.Read<StepAccepted>()).Id!.Value));
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // The crashed node refuses connections; a request it never answered was not accepted.
                        refused.Enqueue($"{node.Url}: {e.GetType().Name} {e.Message}");
                    }
                    await Task.Delay(150);
                }
            });

            var why = () => string.Join(Environment.NewLine, nodes.Select(n => $"--- {n.Url} ({(n.Running ? "running" : "stopped")}):{Environment.NewLine}{n.Output}"));
            var flowing = () => $"; refused: {string.Join(Environment.NewLine, refused.Take(20))}{why()}";
            await HandoffApi.Eventually(() => Task.FromResult(reports.Count >= 5), $"reports accepted before the crash{flowing()}", 60);

            // Crash the node running the pathway (where the leader put it by now), in the middle of the flow.
            RunningService? victim = null;
            await HandoffApi.Eventually(async () => (victim = await RunningPathway(nodes)) is not null, "the pathway's node", 30);
            victim!.Kill();
            var survivors = nodes.Where(n => n != victim).ToArray();
            Volatile.Write(ref live, survivors);
            var beforeCrash = reports.Count;
            await Task.Delay(TimeSpan.FromSeconds(6));
            await HandoffApi.Eventually(() => Task.FromResult(reports.Count >= beforeCrash + 5), $"reports accepted after the crash{flowing()}", 60);
            await stop.CancelAsync();
            await flow;
            referrals.ShouldNotBeEmpty();

            var survivor = survivors[0];
            await HandoffApi.Eventually(async () => await RunningPathway(survivors) is not null, $"the pathway taken over by a survivor{why()}", 60);

            // Every accepted report reached the receiving inbox, exactly once, whichever node took it.
            var missing = reports.ToHashSet();
            await HandoffApi.Eventually(async () =>
            {
                missing.ExceptWith((await Inbox(survivor, "ubnd-dong-hoi")).Where(e => e.Task == HandoffTask.VerifyAndAssess).Select(e => e.CaseId));
                return missing.Count == 0;
            }, $"hand-offs of {reports.Count} reports in the commune's inbox", 60);
            foreach (var caseId in reports)
                (await Summary(survivor, caseId)).Handoffs.Count(h => h.Task == HandoffTask.VerifyAndAssess).ShouldBe(1, $"case {caseId}");

            // Every clock fired: the referrals' work breached and escalated.
            foreach (var (caseId, handoffId) in referrals)
                await HandoffApi.Eventually(async () => (await Summary(survivor, caseId)).Handoffs.Any(h => h.HandoffId == handoffId && h.Breached),
                    $"the clock of hand-off {handoffId} fired", 30);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private static HttpClient Client(RunningService node, string role, string agency)
    {
        var client = new HttpClient { BaseAddress = new Uri(node.Url), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.Token(role, agency));
        return client;
    }

    private static Task Ready(RunningService node) => HandoffApi.Eventually(async () =>
    {
        if (!node.Running) throw new InvalidOperationException($"{node.Url} exited:{Environment.NewLine}{node.Output}");
        try { return (await new HttpClient().GetAsync($"{node.Url}/health/ready")).StatusCode == HttpStatusCode.OK; }
        catch (HttpRequestException) { return false; }
    }, $"{node.Url} ready", 90);

    /// <summary>The node whose agents include the pathway subscription, if any of them runs it now.</summary>
    private static async Task<RunningService?> RunningPathway(IEnumerable<RunningService> nodes)
    {
        foreach (var node in nodes.Where(n => n.Running))
        {
            try
            {
                var status = await Client(node, "admin", "local").GetFromJsonAsync<HealthChecks.NodeStatus>("/health/node", Http.Json);
                if (status!.Agents.Any(a => a.Contains("/pathway/", StringComparison.OrdinalIgnoreCase))) return node;
            }
            catch (HttpRequestException) { }
        }
        return null;
    }

    private static async Task<List<InboxEntry>> Inbox(RunningService node, string agency)
    {
        var entries = new List<InboxEntry>();
        for (var page = 1; ; page++)
        {
            var read = await Client(node, "commune-officer", agency).GetFromJsonAsync<InboxPage>($"/api/agencies/{agency}/inbox?page={page}&pageSize=100", Http.Json);
            entries.AddRange(read!.Items);
            if (entries.Count >= read.Total || read.Items.Count == 0) return entries;
        }
    }

    private static async Task<CaseSummary> Summary(RunningService node, Guid caseId) =>
        (await Client(node, "auditor", "inspectorate").GetFromJsonAsync<CaseSummary>($"/api/cases/{caseId}", Http.Json))!;
}
