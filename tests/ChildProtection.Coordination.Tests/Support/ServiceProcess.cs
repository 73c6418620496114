using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>The built service run as a separate process, as ops/run runs it, against the test database.</summary>
public static class ServiceProcess
{
    public static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args, new Dictionary<string, string>()))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts the service as a web host on <paramref name="port"/>, with extra settings (as environment variables), until disposed or killed.</summary>
    public static RunningService Start(int port, IReadOnlyDictionary<string, string> settings) =>
        new(Process.Start(StartInfo(["--urls", $"http://127.0.0.1:{port}"], settings))!, port);

    /// <summary>As <see cref="Start(int, IReadOnlyDictionary{string, string})"/>, but the service in <paramref name="dll"/> (a release folder), run from its folder.</summary>
    public static RunningService Start(string dll, int port, IReadOnlyDictionary<string, string> settings) =>
        new(Process.Start(StartInfo(["--urls", $"http://127.0.0.1:{port}"], settings, dll))!, port);

    /// <summary>The repository this test build belongs to, and the build configuration (Debug, Release) it was made in.</summary>
    public static (string Repo, string Configuration) Build()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return (testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName, testBin.Parent!.Name);
    }

    /// <summary>A port nothing listens on now.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string> settings, string? dll = null)
    {
        // The service's own build output, not the copy beside the tests: scanning that folder would load
        // the test assembly, whose xunit attributes the service cannot resolve.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var (repo, configuration) = Build();
        dll ??= Path.Combine(repo, "src", "ChildProtection.Coordination", "bin", configuration, framework, "ChildProtection.Coordination.dll");
        if (!File.Exists(dll)) dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Marten"] = Environment.GetEnvironmentVariable("ConnectionStrings__Marten");
        start.Environment["Auth__SigningKey"] = Convert.ToBase64String(AppFixture.SigningKey);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in AppFixture.TestGrants.Concat(settings)) start.Environment[key.Replace(":", "__")] = value;
        return start;
    }
}

/// <summary>A service process started by <see cref="ServiceProcess.Start"/>; its output is kept for a failing test's message.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    public RunningService(Process process, int port)
    {
        this.process = process;
        Url = $"http://127.0.0.1:{port}";
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Url { get; }
    public bool Running => !process.HasExited;
    public string Output => string.Join(Environment.NewLine, output);

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 5000) output.TryDequeue(out _);
    }

    /// <summary>SIGKILL: a crash, with no chance to hand its agents over.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}

/// <summary>Hosts that keep a schema of their own start from an empty one.</summary>
public static class TestDatabase
{
    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
