using System.Net;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using JasperFx.Events;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>
/// The pathway's rules on a report decided in the report's own transaction (issue 19): the commune's first hand-off is a
/// case event of the one history, appended with the report and recorded as the pathway's; the subscription requests
/// nothing a second time and still starts its legal clock; the inbox shows it as before.
/// </summary>
public sealed class PathwayAtReportTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    [Fact]
    public async Task the_report_answers_with_the_communes_hand_off_already_in_its_history()
    {
        var response = await App.Client("hotline-operator", "hotline-111").PostJson("/api/cases", HandoffApi.Report());
        await response.ShouldHave(HttpStatusCode.Created);
        var accepted = await response.Read<StepAccepted>();

        // Read at once, before anything asynchronous could have run: the report and what the pathway called for on it.
        var history = await App.History(accepted.CaseId);
        var reported = history[0];
        ((CaseReported)reported.Data).PathwayDecided.ShouldBe(true);
        var handoff = history.Single(e => e.Data is HandoffRequested { Task: HandoffTask.VerifyAndAssess });
        var requested = (HandoffRequested)handoff.Data;
        (requested.ToAgency, requested.FromAgency, requested.RuleId).ShouldBe(("ubnd-dong-hoi", "hotline-111", "report-to-commune"));
        requested.HandoffId.ShouldBe(Pathway.HandoffId(accepted.CaseId, reported.Id, "report-to-commune"));
        requested.DueAt.ShouldBe(((CaseReported)reported.Data).ReceivedAt.AddHours(12));
        accepted.Version.ShouldBe(history.Count);
        response.Headers.ETag!.Tag.ShouldBe($"\"{history.Count}\"");

        // Who recorded what: the report is the hotline's, the hand-off the pathway's, caused by the report, in its request.
        reported.Headers!["agency"].ToString().ShouldBe("hotline-111");
        reported.Headers!["role"].ToString().ShouldBe("hotline-operator");
        handoff.Headers!["agency"].ToString().ShouldBe("system");
        handoff.Headers!["role"].ToString().ShouldBe("system");
        handoff.Headers!["user-id"].ToString().ShouldBe("system:pathway");
        handoff.UserName.ShouldBe("system:pathway");
        handoff.CorrelationId.ShouldBe(reported.CorrelationId);
        handoff.CausationId.ShouldBe(reported.Id.ToString());
        // One append: the hand-off follows the report with nothing between them.
        handoff.Sequence.ShouldBe(reported.Sequence + handoff.Version - reported.Version);
    }

    [Fact]
    public async Task the_pathway_requests_nothing_twice_starts_the_clock_and_the_inbox_shows_the_hand_off()
    {
        var caseId = await App.ReportByHotline();
        var reported = (await App.History(caseId))[0];
        var handoffId = Pathway.HandoffId(caseId, reported.Id, "report-to-commune");

        await App.InInbox("ubnd-dong-hoi", e => e.HandoffId == handoffId, "the report's hand-off in the commune's inbox");
        await HandoffApi.Eventually(async () => await ScheduledClocks(handoffId) == 1, "the hand-off's 12-hour clock scheduled");

        // The pathway decides events in order: once it has decided the assessment, it has long passed the report.
        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/risk-assessment",
            new AssessInitialRisk(RiskLevel.Medium, RiskLevel.Medium, RiskLevel.Low, RiskLevel.Medium, false));
        await App.Eventually<HandoffCompleted>(caseId, c => c.HandoffId == handoffId, "the verification completed by the assessment");

        var history = await App.History(caseId);
        history.Count(e => e.Data is HandoffRequested { RuleId: "report-to-commune" }).ShouldBe(1);
        history.Select(e => e.Data).OfType<HandoffRequested>().Select(h => h.HandoffId).ShouldBeUnique();
        (await ScheduledClocks(handoffId)).ShouldBe(1);
    }

    /// <summary>The durable scheduled messages that are <paramref name="handoffId"/>'s legal clock, in whichever schema Wolverine keeps them.</summary>
    private static async Task<long> ScheduledClocks(Guid handoffId)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync();
        var schemas = new List<string>();
        await using (var find = new NpgsqlCommand("select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'", connection))
        await using (var reader = await find.ExecuteReaderAsync())
            while (await reader.ReadAsync()) schemas.Add(reader.GetString(0));
        long count = 0;
        foreach (var schema in schemas)
        {
            await using var cmd = new NpgsqlCommand(
                $"select count(*) from \"{schema}\".wolverine_incoming_envelopes where message_type ilike '%ClockDue%' and encode(body, 'escape') like @id",
                connection);
            cmd.Parameters.AddWithValue("id", $"%{handoffId}%");
            count += (long)(await cmd.ExecuteScalarAsync())!;
        }
        return count;
    }
}
