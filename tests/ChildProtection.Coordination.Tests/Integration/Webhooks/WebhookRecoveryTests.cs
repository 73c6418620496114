using ChildProtection.Coordination.Tests.Support;
using System.Diagnostics;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Integration;
using Marten;
using Xunit.Abstractions;

namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>
/// Webhooks on the production shape of backoff (doubling from 2 s, capped at an hour) with a 1 s probe, in a schema of
/// their own: the doubling alone would leave a recovered receiver waiting for each case's next retry.
/// </summary>
public sealed class LongBackoffWebhookHost : WebhookFixture
{
    public override string Schema => "cp_webhooks_recovery";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Webhooks:FirstRetryDelay"] = "00:00:02",
        ["Webhooks:MaxDelay"] = "01:00:00",
        ["Webhooks:RetryFor"] = "01:00:00",
        ["Webhooks:ProbeInterval"] = "00:00:01",
    };
}

public sealed class WebhookRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task once_a_failing_receiver_answers_again_its_backlog_follows_within_seconds_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var host = new LongBackoffWebhookHost();
        await host.InitializeAsync();
        try
        {
            // Down for 16 s: each case's head is retried after ~2, 4 and 8 s, and its next retry falls ~16 s later still.
            var down = true;
            receiver.Answer = () => Volatile.Read(ref down) ? 503 : 204;
            await host.Subscribe(receiver.Url);
            var api = new CaseApi(host);
            var worked = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
            {
                var caseId = await api.Report();
                await api.Step(Roles.PoliceOfficer, $"/api/cases/{caseId}/crime-report", Bodies.CrimeReport());
                await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());
                return caseId;
            }));
            await WebhookFixture.Eventually(() => worked.All(c => receiver.Requests.Count(r => r.CaseId == c) >= 2), "each case's first event refused twice");
            await Task.Delay(TimeSpan.FromSeconds(12));

            Volatile.Write(ref down, false);
            var sinceRecovery = Stopwatch.StartNew();
            var expected = new Dictionary<Guid, string[]>();
            await using (var session = host.Store.QuerySession())
                foreach (var caseId in worked)
                    expected[caseId] = (await session.Events.FetchStreamAsync(caseId)).Select(GetFeedEndpoint.ToCloudEvent).OfType<CloudEvent>().Select(e => e.Id).ToArray();
            await WebhookFixture.Eventually(() => worked.All(c => receiver.AcceptedFor(c).Count >= expected[c].Length), "every event after the recovery", 30);
            var drained = sinceRecovery.Elapsed;
            output.WriteLine($"backlog of {expected.Values.Sum(e => e.Length)} events drained {drained.TotalSeconds:F1} s after the receiver recovered");

            foreach (var caseId in worked) receiver.AcceptedFor(caseId).Select(r => r.Id).ShouldBe(expected[caseId]);
            // Without the probe and the wake the first retry after the recovery came ~8–20 s later.
            drained.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
