using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Integration;
using Marten;
namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>A webhook host in a schema of its own that can be stopped and started again on the same data.</summary>
public sealed class RestartableWebhookHost : WebhookFixture
{
    public override string Schema => "cp_webhooks_restart";
}

public sealed class WebhookRestartTests
{
    [Fact]
    public async Task a_restart_in_the_middle_of_deliveries_loses_nothing_and_keeps_each_cases_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // A slow receiver, so the stop comes while deliveries are queued, in flight and scheduled.
        receiver.Delay = TimeSpan.FromMilliseconds(600);
        var first = new RestartableWebhookHost();
        await first.InitializeAsync();
        Guid[] worked;
        try
        {
            await first.Subscribe(receiver.Url);
            var api = new CaseApi(first);
            worked = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
            {
                var caseId = await api.Report();
                await api.Step(Roles.PoliceOfficer, $"/api/cases/{caseId}/crime-report", Bodies.CrimeReport());
                await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());
                await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());
                return caseId;
            }));
            await WebhookFixture.Eventually(() => receiver.Requests.Count(r => r.Accepted) >= 2, "the first deliveries");
        }
        finally
        {
            await first.DisposeAsync();
        }
        var beforeRestart = worked.Sum(c => receiver.AcceptedFor(c).Count);
        beforeRestart.ShouldBeLessThan(12, "the stop came after every delivery; the test proves nothing");

        var second = new RestartableWebhookHost { DropSchema = false };
        await second.InitializeAsync();
        try
        {
            receiver.Delay = TimeSpan.Zero;
            foreach (var caseId in worked)
            {
                await using var session = second.Store.QuerySession();
                var expected = (await session.Events.FetchStreamAsync(caseId)).Select(GetFeedEndpoint.ToCloudEvent).OfType<CloudEvent>().Select(e => e.Id).ToArray();
                expected.Length.ShouldBe(4);
                await WebhookFixture.Eventually(() => receiver.AcceptedFor(caseId).Count >= expected.Length, $"every event of case {caseId} after the restart", 60);
                receiver.AcceptedFor(caseId).Select(r => r.Id).ShouldBe(expected);
            }
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
