using System.Diagnostics;

namespace Bench;

/// <summary>The service under test: its Release build as a child process, as ops/run starts it, on the bench port.</summary>
public sealed class Service(string dll, string contentRoot, string url, string logPath, string pidFile) : IAsyncDisposable
{
    private Process? process;

    public double LastVerbCpuSeconds { get; private set; }

    public int? Pid => process is { HasExited: false } p ? p.Id : null;

    /// <param name="settings">Configuration for this start only (environment variables such as <c>Intake__GroupCommit</c>).</param>
    public async Task<double> StartAsync(HttpClient http, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = Stopwatch.StartNew();
        var info = Start(["--urls", url]);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) info.Environment[name] = value;
        // Its log goes to a file; the bench's own output stays readable.
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        process = Process.Start(info)!;
        await File.WriteAllTextAsync(pidFile, process.Id.ToString());
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited) throw new InvalidOperationException($"the service stopped while starting; see {logPath}");
            try
            {
                using var ready = await http.GetAsync($"{url}/health/ready");
                // Healthy, not merely listening: the leader must run the pathway and the inbox projection.
                if (ready.IsSuccessStatusCode && (await ready.Content.ReadAsStringAsync()).Contains("Healthy"))
                    return Math.Round(clock.Elapsed.TotalSeconds, 1);
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the service was not ready within 120 s; see {logPath}");
    }

    public async Task StopAsync()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            // SIGTERM: the host stops gracefully (Wolverine releases its agents and node record).
            Process.Start("kill", ["-TERM", process.Id.ToString()])?.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        }
        process.Dispose();
        process = null;
        File.Delete(pidFile);
    }

    /// <summary>Runs one of the service's command-line verbs to its end; the wall time in seconds and what it printed.</summary>
    public async Task<(double Seconds, string Output)> RunVerbAsync(params string[] args)
    {
        var info = Start(args);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        var clock = Stopwatch.StartNew();
        using var verb = Process.Start(info)!;
        var output = verb.StandardOutput.ReadToEndAsync();
        var errors = verb.StandardError.ReadToEndAsync();
        // Its CPU time, read from /proc while it runs (nothing is left to read once it has exited).
        double cpu = 0;
        while (!verb.HasExited)
        {
            try
            {
                var stat = await File.ReadAllTextAsync($"/proc/{verb.Id}/stat");
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                cpu = (double.Parse(f[11]) + double.Parse(f[12])) / 100;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { }
            await Task.Delay(100);
        }
        await verb.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        LastVerbCpuSeconds = cpu;
        await File.AppendAllTextAsync(logPath, $"--- {string.Join(' ', args)} (exit {verb.ExitCode}, {seconds:F1} s)\n{await output}{await errors}\n");
        if (verb.ExitCode != 0) throw new InvalidOperationException($"'{string.Join(' ', args)}' failed (exit {verb.ExitCode}); see {logPath}");
        return (seconds, await output);
    }

    private ProcessStartInfo Start(IReadOnlyList<string> args)
    {
        // A self-contained release (BENCH_RELEASE) starts with its own executable, as ops/run --release does.
        var apphost = Path.ChangeExtension(dll, null);
        var selfContained = File.Exists(Path.Combine(Path.GetDirectoryName(dll)!, "libcoreclr.so")) && File.Exists(apphost);
        var info = new ProcessStartInfo(selfContained ? apphost : "dotnet") { WorkingDirectory = contentRoot, UseShellExecute = false };
        if (!selfContained) info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        // A verb's runtime settings as ops/run gives them (ops/lib.sh, cp_verb_env, passed on by ops/bench/run as
        // BENCH_VERB_ENV_<verb>="NAME=value …"): the rebuilds' JIT settings, for the verb's process only.
        if (args.Count > 0 && Environment.GetEnvironmentVariable($"BENCH_VERB_ENV_{args[0].Replace('-', '_')}") is { Length: > 0 } verbEnv)
            foreach (var setting in verbEnv.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                info.Environment[setting[..setting.IndexOf('=')]] = setting[(setting.IndexOf('=') + 1)..];
        // Diagnosis: BENCH_SERVICE_ENV_<NAME>=value sets <NAME> for the service's processes only (a runtime knob, a JIT log).
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string name && name.StartsWith("BENCH_SERVICE_ENV_", StringComparison.Ordinal))
                info.Environment[name["BENCH_SERVICE_ENV_".Length..]] = (string?)e.Value;
        return info;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
