using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>
/// A release made by ops/publish runs on its own: started from its folder (its content root), it serves, writes
/// JSON log lines when asked to, and exports its logs to the OTLP endpoint that takes its traces and metrics.
/// One test, because the publish and the process start are the slow part: the release is framework-dependent and
/// published from this test run's own build of the service (<c>--no-build</c>), which takes seconds; ops/publish's
/// default (self-contained, ReadyToRun) goes through the same script with a build of its own.
/// </summary>
public sealed class ReleaseTests
{
    private const string Schema = "cp_release";

    [Fact]
    public async Task a_published_release_serves_from_its_own_folder_with_json_logs_and_exports_its_logs_over_otlp()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Marten")))
            Environment.SetEnvironmentVariable("ConnectionStrings__Marten", AppFixture.DefaultConnection);
        var (repo, configuration) = ServiceProcess.Build();
        var release = Path.Combine(Path.GetTempPath(), $"cp-release-{Guid.NewGuid():N}");
        using var collector = new OtlpCollector();
        try
        {
            var (code, output) = await Publish(repo, configuration, release);
            code.ShouldBe(0, output);
            File.Exists(Path.Combine(release, "RELEASE")).ShouldBeTrue(output);
            File.Exists(Path.Combine(release, "appsettings.json")).ShouldBeTrue("the release carries its configuration");

            await TestDatabase.DropSchemaAsync(Schema);
            await using var service = ServiceProcess.Start(Path.Combine(release, "ChildProtection.Coordination.dll"), ServiceProcess.FreePort(), new Dictionary<string, string>
            {
                ["Marten:Schema"] = Schema,
                ["Pathway:Enabled"] = "false",
                ["Logging:Console:FormatterName"] = "json",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            });
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await HandoffApi.Eventually(async () =>
            {
                if (!service.Running) throw new InvalidOperationException($"the release exited:{Environment.NewLine}{service.Output}");
                try { return (await http.GetAsync($"{service.Url}/health/live")).StatusCode == HttpStatusCode.OK; }
                catch (HttpRequestException) { return false; }
                catch (TaskCanceledException) { return false; }
            }, "the release answering /health/live", 180);
            // Real Kestrel here (the other tests use a test server): it does not name itself, not even on its own bare 400.
            (await http.GetAsync($"{service.Url}/health/live")).Headers.Contains("Server").ShouldBeFalse();
            (await http.GetAsync($"{service.Url}/api/cases/%00")).Headers.Contains("Server").ShouldBeFalse();

            // Hosting's "Now listening on" line, as one JSON object per line.
            await HandoffApi.Eventually(() => Task.FromResult(service.Output.Split(Environment.NewLine).Any(IsListeningLine)),
                $"a JSON log line saying the release listens; output:{Environment.NewLine}{service.Output}", 30);
            await HandoffApi.Eventually(() => Task.FromResult(collector.Paths.Contains("/v1/logs")),
                $"log records posted to the collector (it saw {string.Join(", ", collector.Paths.Distinct())})", 60);
        }
        finally
        {
            if (Directory.Exists(release)) Directory.Delete(release, recursive: true);
        }
    }

    private static bool IsListeningLine(string line)
    {
        if (!line.StartsWith('{')) return false;
        using var json = JsonDocument.Parse(line);
        return json.RootElement.TryGetProperty("Category", out var category) && category.GetString() == "Microsoft.Hosting.Lifetime"
            && json.RootElement.GetProperty("Message").GetString()!.Contains("Now listening on");
    }

    private static async Task<(int Code, string Output)> Publish(string repo, string configuration, string release)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repo };
        foreach (var arg in new[] { Path.Combine(repo, "ops", "publish"), "--framework-dependent", "--no-build", "-c", configuration, "--no-archive", "--out", release })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>An OTLP/HTTP endpoint on loopback that accepts everything and remembers which signals came.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly ConcurrentQueue<string> paths = new();

        public OtlpCollector()
        {
            var port = ServiceProcess.FreePort();
            Url = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add($"{Url}/");
            listener.Start();
            _ = Task.Run(Accept);
        }

        public string Url { get; }
        public IReadOnlyCollection<string> Paths => paths.ToArray();

        private async Task Accept()
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    paths.Enqueue(context.Request.Url!.AbsolutePath);
                    await context.Request.InputStream.CopyToAsync(Stream.Null);
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception) when (!listener.IsListening) { return; }
                catch (HttpListenerException) { }
            }
        }

        public void Dispose() => listener.Close();
    }
}
