using System.Diagnostics;

namespace Bench;

/// <summary>
/// CPU seconds used so far by the service process, by the PostgreSQL cluster (its postmaster and backends) and by
/// the bench itself (load generator and plain Marten loop), read from /proc. The difference over a measurement,
/// divided by its operations, says where the time of one operation goes on a machine whose cores are all busy.
/// </summary>
public sealed record CpuSample(double Service, double Postgres, double Bench)
{
    public static Func<int?> ServicePid = () => null;
    public static int? PostmasterPid;
    private static readonly double Tick = 100;   // USER_HZ on Linux

    public static CpuSample Now()
    {
        var service = ServicePid() is { } pid ? Read(pid) : 0;
        double postgres = 0;
        if (PostmasterPid is { } pm)
        {
            // The postmaster's own time and that of its exited children (pgbench's backends end with pgbench) …
            if (Stat(pm) is { } f0 && f0.Length > 14)
                postgres = (double.Parse(f0[11]) + double.Parse(f0[12]) + double.Parse(f0[13]) + double.Parse(f0[14])) / Tick;
            // … and of the backends still running.
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var child)) continue;
                if (Stat(child) is { } f && f.Length > 14 && f[1] == pm.ToString()) postgres += (double.Parse(f[11]) + double.Parse(f[12])) / Tick;
            }
        }
        return new CpuSample(service, postgres, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    }

    public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.Service - b.Service, a.Postgres - b.Postgres, a.Bench - b.Bench);

    /// <summary>CPU milliseconds per operation, by process.</summary>
    public Dictionary<string, double> PerOperation(long operations) => operations == 0
        ? new()
        : new()
        {
            ["serviceCpuMsPerOp"] = Math.Round(Service * 1000 / operations, 2),
            ["postgresCpuMsPerOp"] = Math.Round(Postgres * 1000 / operations, 2),
            ["benchCpuMsPerOp"] = Math.Round(Bench * 1000 / operations, 2),
        };

    private static double Read(int pid) => Stat(pid) is { } f && f.Length > 14 ? (double.Parse(f[11]) + double.Parse(f[12])) / Tick : 0;

    /// <summary>The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
