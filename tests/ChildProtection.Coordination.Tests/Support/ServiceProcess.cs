using System.Diagnostics;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>The built service run as a separate process, as ops/run runs it, against the test database.</summary>
public static class ServiceProcess
{
    public static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        // The service's own build output, not the copy beside the tests: scanning that folder would load
        // the test assembly, whose xunit attributes the service cannot resolve.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testBin.Name, testBin.Parent!.Name);
        var repo = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repo, "src", "ChildProtection.Coordination", "bin", configuration, framework, "ChildProtection.Coordination.dll");
        if (!File.Exists(dll)) dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Marten"] = Environment.GetEnvironmentVariable("ConnectionStrings__Marten");
        start.Environment["Auth__SigningKey"] = Convert.ToBase64String(AppFixture.SigningKey);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
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
