using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Handoffs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Tests.Privacy;

/// <summary>Every log line the service writes, at every level.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);
    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>A host logging everything to a capture, with the pathway running.</summary>
public sealed class TelemetryCaptureHost : AppFixture
{
    public const string Schema = "cp_privacy";
    public readonly CapturingLoggerProvider Logs = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "true", ["Marten:Schema"] = Schema, ["Directory:SeedDemo"] = "true",
        ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:ChildProtection.Coordination"] = "Trace",
    };

    protected override Task PrepareDatabaseAsync() => TestDatabase.DropSchemaAsync(Schema);

    protected override void Configure(IServiceCollection services) =>
        services.AddLogging(l => l.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
}

[Collection(PathwayCollection.Name)]
public sealed class NoIdentityInTelemetryTests
{
    [Fact]
    public async Task the_childs_name_and_the_reporters_phone_appear_in_no_log_line_and_no_span()
    {
        var spans = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spans.Enqueue(string.Join(" | ", new[] { a.Source.Name, a.DisplayName, a.StatusDescription ?? "" }
                .Concat(a.TagObjects.Select(t => $"{t.Key}={t.Value}"))
                .Concat(a.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}"))))),
        };
        ActivitySource.AddActivityListener(listener);

        var host = new TelemetryCaptureHost();
        await host.InitializeAsync();
        try
        {
            const string name = "Phạm Thị Hồng Nhung", phone = "0987654321", corrected = "Phạm Thị Hồng Nhuận", refused = "Vũ Thị Thanh Xuân";
            var report = HandoffApi.Report([HarmForm.SexualAbuse]) with
            {
                Child = HandoffApi.Report().Child with { Name = name },
                Reporter = new Reporter("aunt", ConsentsToIdentity: true, Name: "Lê Văn Tám", Phone: phone),
            };
            var created = await host.Client("hotline-operator", "hotline-111").PostJson("/api/cases", report);
            await created.ShouldHave(HttpStatusCode.Created);
            var caseId = (await created.Read<ChildProtection.Coordination.Cases.Steps.StepAccepted>()).CaseId;
            await host.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/verification", new VerifyReport(true, $"Saw {name} at home"));
            await host.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/risk-assessment",
                new AssessInitialRisk(RiskLevel.High, RiskLevel.High, RiskLevel.High, RiskLevel.High, true));
            var exam = await host.Handoff(caseId, HandoffTask.MedicalExamination);
            await host.Post("health-worker", exam.ToAgency, $"/api/cases/{caseId}/handoffs/{exam.HandoffId}/decline", new DeclineHandoff("No capacity"));
            await host.Eventually<HandoffRequested>(caseId, h => h.ReplacesHandoffId == exam.HandoffId, "sent on");
            // A correction of the identity, and one refused: neither the corrected name nor the refused one is logged or traced.
            await host.Post("commune-officer", "ubnd-dong-hoi", $"/api/cases/{caseId}/identity-corrections",
                new ChildProtection.Coordination.Cases.Identity.CorrectChildIdentity("Birth certificate", Name: corrected));
            await host.Client("commune-officer", "ubnd-dong-hoi").PostJson($"/api/cases/{caseId}/identity-corrections",
                new ChildProtection.Coordination.Cases.Identity.CorrectChildIdentity("Birth certificate", Name: refused, AgeYears: 40));
            // A client error that echoes the body back through the error path.
            await host.Client("hotline-operator", "hotline-111").PostRaw("/api/cases", $"{{\"channel\":\"Nope\",\"child\":{{\"name\":\"{name}\"}}}}");
            await (await host.Client("auditor", "inspectorate").GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);

            host.Logs.Lines.Count.ShouldBeGreaterThan(50, "the capture should see the service's logging");
            spans.Count.ShouldBeGreaterThan(5, "the listener should see the service's spans");
            spans.ShouldContain(s => s.StartsWith(ChildProtection.Coordination.Common.EventTrace.SourceName + " | pathway"),
                "the pathway's own spans are among those checked");
            foreach (var secret in new[] { name, phone, "Lê Văn Tám", corrected, refused })
            {
                host.Logs.Lines.Where(l => l.Contains(secret)).ShouldBeEmpty($"'{secret}' was logged");
                spans.Where(s => s.Contains(secret)).ShouldBeEmpty($"'{secret}' was in a span");
            }
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
