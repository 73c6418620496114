using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Runtime;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>
/// What NodeLiveness relies on in the host; what it does to a cluster is shown by ClusterTests (a killed node's agents
/// move within seconds; a restarted single node takes all its agents back at once).
/// </summary>
public sealed class NodeLivenessTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    [Fact]
    public void it_starts_before_wolverine_so_a_node_holds_its_lock_before_its_record_exists_and_dead_records_go_before_it_assigns_agents()
    {
        var hosted = App.Host.Services.GetServices<IHostedService>().ToList();
        var liveness = hosted.FindIndex(s => s is NodeLiveness);
        var wolverine = hosted.FindIndex(s => s is IWolverineRuntime);

        liveness.ShouldBeGreaterThanOrEqualTo(0);
        wolverine.ShouldBeGreaterThanOrEqualTo(0);
        liveness.ShouldBeLessThan(wolverine, "NodeLiveness must be registered before UseWolverine (Program.cs)");
    }

    [Fact]
    public async Task in_a_cluster_an_unconfirmed_agent_command_is_sent_again_after_two_heartbeats_not_a_minute()
    {
        var options = new WolverineOptions();
        options.Durability.Mode = DurabilityMode.Balanced;
        options.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(1);

        await new AgentAssignmentRetry().Configure(options);

        options.Durability.CheckAssignmentPeriod.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task a_solo_node_keeps_restarting_stopped_agents_at_wolverines_own_pace()
    {
        var options = new WolverineOptions();
        options.Durability.Mode = DurabilityMode.Solo;
        var solo = options.Durability.CheckAssignmentPeriod;

        await new AgentAssignmentRetry().Configure(options);

        options.Durability.CheckAssignmentPeriod.ShouldBe(solo);
        // The test hosts run solo with the extension registered, and keep Wolverine's period.
        App.Host.Services.GetServices<IAsyncWolverineExtension>().OfType<AgentAssignmentRetry>().ShouldHaveSingleItem();
        App.Host.Services.GetRequiredService<IWolverineRuntime>().Options.Durability.CheckAssignmentPeriod.ShouldBe(solo);
    }
}
