using System.Text.RegularExpressions;

namespace Bench;

/// <summary>One rebuild verb's run with the service stopped: the rebuild's own time, its process's CPU and PostgreSQL's.</summary>
/// <param name="RebuildCpuSeconds">The verb's CPU over the rebuild alone, where it prints it (the service's verbs; Marten's does not).</param>
public sealed record RebuildRun(string Verb, double Seconds, double VerbSeconds, double VerbCpuSeconds, double? RebuildCpuSeconds, double PostgresCpuSeconds,
    double EventsPerSecond);

public static class Rebuilds
{
    /// <summary>
    /// Runs the verb; the time is what it prints (<c>Finished rebuilding NAME in N ms</c>, Marten's words and the service's
    /// verbs' alike: the rebuild without the verb's start-up), failing that the verb's wall time.
    /// </summary>
    public static async Task<RebuildRun> RunAsync(Service service, long caseEvents, string name, params string[] verb)
    {
        var before = CpuSample.Now();
        var (wall, printed) = await service.RunVerbAsync(verb);
        var postgres = (CpuSample.Now() - before).Postgres;
        var own = Regex.Match(printed, $@"Finished rebuilding {name} in (\d+) ms");
        var seconds = own.Success ? int.Parse(own.Groups[1].Value) / 1000.0 : wall;
        var cpu = Regex.Match(printed, @"CPU (\d+) ms\)");
        return new RebuildRun(string.Join(' ', verb), Math.Round(seconds, 2), Math.Round(wall, 2), service.LastVerbCpuSeconds,
            cpu.Success ? int.Parse(cpu.Groups[1].Value) / 1000.0 : null, Math.Round(postgres, 2), Math.Round(caseEvents / seconds));
    }
}

/// <summary>The machine's load average (1, 5 and 15 minutes) from /proc/loadavg: how shared the cores were.</summary>
public static class LoadAverage
{
    public static string Now()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "–"; }
    }
}
