using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Bench;

/// <summary>
/// The raw-database baseline: pgbench inserting one ~1 KB JSON row per transaction (the size of a report event)
/// into a table of its own in the same database, at the same concurrency, for the same time.
/// </summary>
public sealed class Pgbench(string pgbench, string connectionString, string workDir)
{
    private readonly NpgsqlConnectionStringBuilder cs = new(connectionString);

    public const string Table = "bench_raw.reports";

    public static string Payload => System.Text.Json.JsonSerializer.Serialize(new
    {
        caseId = Guid.Empty, receivedAt = DateTimeOffset.UnixEpoch, channel = "Hotline111",
        reporter = new { consentsToIdentity = false },
        child = new { name = "Bench Child", sex = "Female", communeOfResidence = "bench-intake", ageYears = 9 },
        incident = new { commune = "bench-intake", occurredAt = "2026-01-01T00:00:00+07:00", harmForms = new[] { "Neglect" },
            description = "benchmark " + new string('x', 620), suspectedPerpetrator = "Unknown", immediateDanger = false },
    });

    public async Task PrepareAsync(Database db)
    {
        await db.ExecuteAsync($"create schema if not exists bench_raw; drop table if exists {Table}; " +
                              $"create table {Table} (id bigserial primary key, stream_id uuid not null, payload jsonb not null, recorded_at timestamptz not null default now())");
        Directory.CreateDirectory(workDir);
        await File.WriteAllTextAsync(Script, $"INSERT INTO {Table} (stream_id, payload) VALUES (gen_random_uuid(), '{Payload}');\n");
    }

    private string Script => Path.Combine(workDir, "insert.sql");

    public async Task<LoadResult> RunAsync(int clients, TimeSpan duration)
    {
        var logs = Path.Combine(workDir, $"log-{clients}");
        if (Directory.Exists(logs)) Directory.Delete(logs, true);
        Directory.CreateDirectory(logs);
        var info = new ProcessStartInfo(pgbench) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = logs };
        foreach (var a in new[] { "-n", "-f", Script, "-c", $"{clients}", "-j", $"{clients}", "-T", $"{(int)duration.TotalSeconds}",
                     "-l", "--log-prefix", Path.Combine(logs, "tx"), "-h", cs.Host!, "-p", $"{cs.Port}", "-U", cs.Username ?? "postgres", cs.Database! })
            info.ArgumentList.Add(a);
        if (cs.Password is { } password) info.Environment["PGPASSWORD"] = password;
        using var run = Process.Start(info)!;
        var output = await run.StandardOutput.ReadToEndAsync();
        var errors = await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0) throw new InvalidOperationException($"pgbench failed: {errors}{output}");

        // Per-transaction log: client_id transaction_no time(µs) script_no time_epoch time_us. pgbench 15 logs a latency
        // of 0 for many short transactions, so a transaction's latency is taken as the time since its client's previous
        // one ended: each client is a closed loop with no think time, as the bench's own clients are.
        var latencies = new List<double>();
        long failed = 0;
        var lastEnd = new Dictionary<(string, string), long>();
        foreach (var file in Directory.GetFiles(logs, "tx*"))
        foreach (var line in File.ReadLines(file))
        {
            var parts = line.Split(' ');
            if (parts.Length < 6) continue;
            var client = (file, parts[0]);
            var end = long.Parse(parts[4], CultureInfo.InvariantCulture) * 1_000_000 + long.Parse(parts[5], CultureInfo.InvariantCulture);
            var previous = lastEnd.TryGetValue(client, out var p) ? p : end - long.Parse(parts[2] is "failed" or "skipped" ? "0" : parts[2], CultureInfo.InvariantCulture);
            lastEnd[client] = end;
            if (parts[2] is "failed" or "skipped") { failed++; continue; }
            latencies.Add((end - previous) / 1000.0);
        }
        var sorted = Load.Sorted(latencies);
        return new LoadResult("pgbench insert ~1 KB row", clients, duration.TotalSeconds, sorted.Length, failed,
            sorted.Length / duration.TotalSeconds, Load.Percentile(sorted, 50), Load.Percentile(sorted, 99));
    }
}
