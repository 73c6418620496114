using ChildProtection.Coordination.Tests.Support;
using System.Diagnostics;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Verification;
namespace ChildProtection.Coordination.Tests.Audit;

public sealed class ReplayCommandTests(AppFixture app) : IntegrationContext(app)
{
    private readonly CaseApi _api = new(app);
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task replay_prints_one_line_per_event_and_where_the_case_stood()
    {
        var caseId = await _api.Report(Scenarios.HotlineReport() with { ReceivedAt = DateTimeOffset.UtcNow.AddHours(-2) });
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", new VerifyReport(true, "Seen", DateTimeOffset.UtcNow.AddHours(-1)));
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());

        var output = new StringWriter();
        (await ReplayCommand.ReplayAsync(App.Store, App.Keys, caseId.ToString(), null, Threshold, output)).ShouldBeTrue(output.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(5, output.ToString());
        lines[1].ShouldContain("case_reported");
        lines[1].ShouldContain("hotline-111/hotline-operator");
        lines[2].ShouldContain("report_verified");
        lines[2].ShouldContain("ubnd-dong-hoi/commune-officer");
        lines[2].ShouldContain("LATE");
        lines[3].ShouldContain("initial_risk_assessed");
        lines[4].ShouldContain("3 of 3 events");
        lines[4].ShouldContain("stage RiskAssessed, version 3");

        var events = await _api.Events(caseId);
        var asOf = events[1].Timestamp.UtcDateTime.ToString("O");
        var earlier = new StringWriter();
        (await ReplayCommand.ReplayAsync(App.Store, App.Keys, caseId.ToString(), asOf, Threshold, earlier)).ShouldBeTrue(earlier.ToString());
        earlier.ToString().ShouldNotContain("initial_risk_assessed");
        earlier.ToString().ShouldContain("2 of 3 events");
        earlier.ToString().ShouldContain("stage Verified, version 2");
    }

    [Fact]
    public async Task replay_refuses_a_bad_id_a_bad_instant_and_an_unknown_case()
    {
        var output = new StringWriter();
        (await ReplayCommand.ReplayAsync(App.Store, App.Keys, "nope", null, Threshold, output)).ShouldBeFalse();
        (await ReplayCommand.ReplayAsync(App.Store, App.Keys, Guid.NewGuid().ToString(), "yesterday", Threshold, output)).ShouldBeFalse();
        (await ReplayCommand.ReplayAsync(App.Store, App.Keys, Guid.NewGuid().ToString(), null, Threshold, output)).ShouldBeFalse();
        output.ToString().ShouldContain("Not a case id");
        output.ToString().ShouldContain("No case");
    }

    [Fact]
    public async Task the_built_service_runs_replay_from_the_command_line()
    {
        var caseId = await _api.RiskAssessed();
        var (code, output) = await Run("replay", caseId.ToString(), "--as-of", DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        code.ShouldBe(0, output);
        output.ShouldContain("case_reported");
        output.ShouldContain("initial_risk_assessed");
        output.ShouldContain("stage RiskAssessed, version 2");
    }

    private static Task<(int Code, string Output)> Run(params string[] args) => ServiceProcess.RunAsync(args);
}
