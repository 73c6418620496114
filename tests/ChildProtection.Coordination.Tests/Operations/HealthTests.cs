using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using ChildProtection.Coordination.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>On the pathway's host, whose projections and subscription run for the whole collection (the plain host
/// stops them to reset its data before each test).</summary>
public sealed class HealthTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private async Task<string> Readiness() => (await ReadinessReport()).Status;

    private async Task<HealthChecks.Readiness> ReadinessReport()
    {
        var response = await App.Client(null).GetAsync("/health/ready");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return (await response.Content.ReadFromJsonAsync<HealthChecks.Readiness>(Http.Json))!;
    }

    [Fact]
    public async Task liveness_answers_without_a_token()
    {
        var response = await App.Client(null).GetAsync("/health/live");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task readiness_checks_the_database_its_schema_and_the_background_agents()
    {
        // The agents start a moment after the host does.
        await HandoffApi.Eventually(async () => await Readiness() == "Healthy", "ready");
        var report = await App.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        report.Entries.Keys.ShouldBe(["database", "background-work", "background-agents"], ignoreOrder: true);
    }

    [Fact]
    public async Task readiness_shows_each_async_shard_with_its_position_and_lag_behind_the_newest_event()
    {
        await HandoffApi.Eventually(async () => await Readiness() == "Healthy", "ready");
        var work = (await ReadinessReport()).Checks.Single(c => c.Name == "background-work");
        work.Status.ShouldBe("Healthy");
        work.HighWaterMark.ShouldNotBeNull();
        work.Shards!.Select(s => s.Name).ShouldContain("AgencyInbox:All");
        work.Shards!.Select(s => s.Name).ShouldContain(n => n.StartsWith("pathway:", StringComparison.OrdinalIgnoreCase));
        foreach (var shard in work.Shards!)
        {
            shard.Lag.ShouldBe(Math.Max(0, work.HighWaterMark!.Value - shard.Position), shard.Name);
            shard.Position.ShouldBeGreaterThanOrEqualTo(0, shard.Name);
        }
    }

    [Fact]
    public async Task readiness_is_degraded_while_a_projection_runs_on_no_node_and_healthy_again_when_it_does()
    {
        await HandoffApi.Eventually(async () => await Readiness() == "Healthy", "ready");
        var agents = App.Host.Services.GetRequiredService<IWolverineRuntime>().Agents;
        var inbox = agents.AllRunningAgentUris().Single(u => u.ToString().Contains("/agencyinbox/", StringComparison.OrdinalIgnoreCase));

        try
        {
            // The leader gives a stopped agent back to a node on its next assignment pass, which may fall between the stop and
            // the check: stop it again until a check sees it stopped.
            string? described = null;
            await HandoffApi.Eventually(async () =>
            {
                await agents.StopLocallyAsync(inbox);
                if (await Readiness() != "Degraded") return false;
                var report = await App.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
                described = report.Entries["background-agents"].Description;
                return described.StartsWith("Not running", StringComparison.Ordinal);
            }, "degraded while the inbox runs nowhere", seconds: 60);
            described.ShouldBe("Not running on any live node: AgencyInbox:All.");
        }
        finally
        {
            await agents.StartLocallyAsync(inbox);
        }
        await HandoffApi.Eventually(async () => await Readiness() == "Healthy", "ready again");
    }

    [Fact]
    public async Task the_node_endpoint_names_the_agents_this_node_runs_for_admins_only()
    {
        (await App.Client("auditor", "inspectorate").GetAsync("/health/node")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.Client(null).GetAsync("/health/node")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var node = await (await App.Client("admin", "local").GetAsync("/health/node")).ShouldHave(HttpStatusCode.OK);
        node.GetProperty("agents").EnumerateArray().Select(a => a.GetString()).ShouldContain(a => a!.Contains("/agencyinbox/all"));
    }
}
