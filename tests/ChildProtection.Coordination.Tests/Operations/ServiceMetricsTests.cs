using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>Every measurement of the service's own meter, as an exporter would see it.</summary>
public sealed class MeterCapture : IDisposable
{
    private readonly MeterListener listener = new();

    public ConcurrentQueue<(string Instrument, long Value, KeyValuePair<string, object?>[] Tags)> Measurements { get; } = new();

    public MeterCapture()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ServiceMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        listener.Start();
    }

    public long Sum(string instrument, string? tag = null, string? value = null) =>
        Measurements.Where(m => m.Instrument == instrument && (tag is null || m.Tags.Any(t => t.Key == tag && t.Value?.ToString() == value))).Sum(m => m.Value);

    /// <summary>The gauges' current values (an exporter's collection).</summary>
    public long Gauge(string instrument)
    {
        listener.RecordObservableInstruments();
        return Measurements.Where(m => m.Instrument == instrument).Select(m => m.Value).LastOrDefault();
    }

    public void Dispose() => listener.Dispose();
}

public sealed class ServiceMetricsTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    [Fact]
    public async Task reports_hand_offs_answers_and_breaches_move_the_counters_and_the_gauges_see_the_open_and_overdue_work()
    {
        using var metrics = new MeterCapture();
        const string child = "Đặng Thị Thu Hà";

        var created = await App.Client("hotline-operator", "hotline-111").PostJson("/api/cases",
            HandoffApi.Report() with { Child = HandoffApi.Report().Child with { Name = child } });
        var caseId = (await created.Read<ChildProtection.Coordination.Cases.Steps.StepAccepted>()).CaseId;
        var verify = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, "ubnd-dong-hoi");
        await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/handoffs/{verify.HandoffId}/accept", new AcceptHandoff());
        var referral = await App.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/handoffs",
            new RequestHandoff("ca-dong-hoi", HandoffTask.CrimeReport, "Record the crime report", DateTimeOffset.UtcNow.AddSeconds(2), "Test referral"));
        await App.Eventually<ClockBreached>(caseId, b => b.HandoffId == referral.Id, "the breach");

        metrics.Sum("cp.cases.reported", "channel", nameof(ReportChannel.Hotline111)).ShouldBeGreaterThanOrEqualTo(1);
        metrics.Sum("cp.handoffs.requested", "task", nameof(HandoffTask.VerifyAndAssess)).ShouldBeGreaterThanOrEqualTo(1);
        metrics.Sum("cp.handoffs.requested", "task", nameof(HandoffTask.CrimeReport)).ShouldBeGreaterThanOrEqualTo(1);
        metrics.Sum("cp.handoffs.requested", "task", nameof(HandoffTask.Escalation)).ShouldBeGreaterThanOrEqualTo(1, "the breach escalates");
        metrics.Sum("cp.handoffs.answered", "outcome", "accepted").ShouldBeGreaterThanOrEqualTo(1);
        metrics.Sum("cp.clocks.breached", "task", nameof(HandoffTask.CrimeReport)).ShouldBeGreaterThanOrEqualTo(1);

        // The gauges count the inboxes in the database (every node sees the same), refreshed every few seconds.
        await App.InInbox("ca-dong-hoi", e => e.HandoffId == referral.Id && e.Breached, "the breach in the inbox", "police-officer");
        await HandoffApi.Eventually(() => Task.FromResult(metrics.Gauge("cp.handoffs.overdue") >= 1), "an overdue hand-off in the gauge");
        metrics.Gauge("cp.handoffs.open").ShouldBeGreaterThanOrEqualTo(metrics.Gauge("cp.handoffs.overdue"));

        metrics.Measurements.SelectMany(m => m.Tags).ShouldNotContain(t => $"{t.Key}={t.Value}".Contains(child) || $"{t.Key}={t.Value}".Contains(caseId.ToString()),
            "no metric tag names the child or the case");
    }
}
