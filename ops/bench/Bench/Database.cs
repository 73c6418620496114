using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Bench;

/// <summary>Direct SQL against the bench database: the service's schema (cp), its progress, and the raw baselines.</summary>
public sealed class Database(NpgsqlDataSource source, string schema)
{
    public string Schema => schema;

    public async Task<long> ScalarAsync(string sql, params object[] args)
    {
        await using var cmd = source.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql, int timeoutSeconds = 600)
    {
        await using var cmd = source.CreateCommand(sql);
        cmd.CommandTimeout = timeoutSeconds;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Starts counting statements afresh; false where pg_stat_statements is not loaded (a server of your own).</summary>
    public async Task<bool> ResetStatementsAsync()
    {
        try
        {
            await ExecuteAsync("create extension if not exists pg_stat_statements");
            await ExecuteAsync("select pg_stat_statements_reset()");
            return true;
        }
        catch (PostgresException) { return false; }
    }

    /// <summary>What this database's statements cost since the reset, per operation, costliest first.</summary>
    public async Task<List<StatementCost>> StatementsAsync(long operations, int top)
    {
        await using var cmd = source.CreateCommand("""
            select regexp_replace(query, '\s+', ' ', 'g'), calls, total_exec_time, rows from pg_stat_statements
            where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_statements%'
            order by total_exec_time desc limit $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = top });
        var list = new List<StatementCost>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var text = r.GetString(0);
            list.Add(new StatementCost(text.Length > 110 ? text[..110] + "…" : text,
                Math.Round(r.GetInt64(1) / (double)operations, 2), Math.Round(r.GetDouble(2) / operations, 3),
                Math.Round(r.GetInt64(3) / (double)operations, 2)));
        }
        return list;
    }

    public sealed record StatementCost(string Statement, double CallsPerOp, double MsPerOp, double RowsPerOp);

    /// <summary>Reads every row of a query to the client, as text; the characters read.</summary>
    public async Task<long> ReadAllAsync(string sql)
    {
        await using var cmd = source.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        long chars = 0;
        while (await reader.ReadAsync()) chars += reader.GetString(0).Length;
        return chars;
    }

    public Task<long> EventCountAsync() => ScalarAsync($"select count(*) from {schema}.mt_events");
    public Task<long> MaxSequenceAsync() => ScalarAsync($"select coalesce(max(seq_id), 0) from {schema}.mt_events");

    /// <summary>
    /// Waits until every async shard (the pathway, the inboxes, the integrity seals) has caught up with the newest
    /// event, so that background work left by one measurement does not run during the next. Returns the seconds waited.
    /// </summary>
    public async Task<double> QuiesceAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var steady = 0;
        while (clock.Elapsed < timeout)
        {
            var max = await MaxSequenceAsync();
            var behind = (await ShardsAsync()).Count(s => s.Sequence < max);
            // Twice in a row: the pathway appends hand-offs of its own after it has read an event.
            if (behind == 0 && ++steady >= 2) return Math.Round(clock.Elapsed.TotalSeconds, 1);
            if (behind > 0) steady = 0;
            await Task.Delay(250);
        }
        Failures.Note("quiesce", $"async shards still behind after {timeout.TotalSeconds} s");
        return Math.Round(clock.Elapsed.TotalSeconds, 1);
    }

    /// <summary>Each async shard's position (mt_event_progression, the high-water mark left out).</summary>
    public async Task<List<(string Name, long Sequence)>> ShardsAsync()
    {
        await using var cmd = source.CreateCommand($"select name, last_seq_id from {schema}.mt_event_progression where name not like 'HighWater%'");
        await using var r = await cmd.ExecuteReaderAsync();
        var shards = new List<(string, long)>();
        while (await r.ReadAsync()) shards.Add((r.GetString(0), r.GetInt64(1)));
        return shards;
    }

    /// <summary>Commits, inserted and updated rows of the whole database, to divide by the operations of a measurement.</summary>
    public async Task<DbCounters> CountersAsync()
    {
        await using var cmd = source.CreateCommand(
            "select xact_commit, tup_inserted, tup_updated, tup_fetched from pg_stat_database where datname = current_database()");
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var c = new DbCounters(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
        // The statistics collector publishes at most every 500 ms (PostgreSQL 15 keeps them in shared memory, flushed per backend).
        return c;
    }

    /// <summary>Each async shard's lag in seconds: the age of the oldest event it has not done yet (0 when it has done them all).</summary>
    public async Task<List<(string Name, double Lag)>> ShardLagSecondsAsync()
    {
        await using var cmd = source.CreateCommand(
            $"select p.name, coalesce((select extract(epoch from now() - e.timestamp)::float8 from {schema}.mt_events e " +
            $"where e.seq_id > p.last_seq_id order by e.seq_id limit 1), 0) from {schema}.mt_event_progression p where p.name not like 'HighWater%'");
        await using var r = await cmd.ExecuteReaderAsync();
        var shards = new List<(string, double)>();
        while (await r.ReadAsync()) shards.Add((r.GetString(0), Math.Max(0, r.GetDouble(1))));
        return shards;
    }

    /// <summary>Rows inserted, updated and deleted so far in each table of the database (pg_stat_user_tables).</summary>
    public async Task<Dictionary<string, (long Inserted, long Updated, long Deleted)>> TableCountersAsync()
    {
        await using var cmd = source.CreateCommand("select schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables");
        await using var r = await cmd.ExecuteReaderAsync();
        var tables = new Dictionary<string, (long, long, long)>();
        while (await r.ReadAsync()) tables[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
        return tables;
    }

    /// <summary>Per operation, the rows each table gained, changed and lost between two <see cref="TableCountersAsync"/> readings; quiet tables left out.</summary>
    public static Dictionary<string, string> TablesPerOperation(Dictionary<string, (long Inserted, long Updated, long Deleted)> before,
        Dictionary<string, (long Inserted, long Updated, long Deleted)> after, long operations) =>
        after.Select(t =>
            {
                var b = before.GetValueOrDefault(t.Key);
                return (t.Key, Ins: (double)(t.Value.Inserted - b.Inserted) / operations, Upd: (double)(t.Value.Updated - b.Updated) / operations,
                    Del: (double)(t.Value.Deleted - b.Deleted) / operations);
            })
            .Where(t => t.Ins >= 0.005 || t.Upd >= 0.005 || t.Del >= 0.005)
            .OrderByDescending(t => t.Ins + t.Upd + t.Del)
            .ToDictionary(t => t.Key, t => $"ins {t.Ins:F2} upd {t.Upd:F2} del {t.Del:F2}");

    /// <summary>The raw read of one stream's rows, every column, as the baseline of an as-of replay.</summary>
    public async Task<int> ReadStreamRawAsync(Guid streamId, long upToVersion)
    {
        await using var cmd = source.CreateCommand(
            $"select seq_id, id, stream_id, version, data::text, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, " +
            $"headers::text, user_name from {schema}.mt_events where stream_id = $1 and version <= $2 order by version");
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = upToVersion });
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = 0;
        while (await r.ReadAsync())
        {
            for (var i = 0; i < r.FieldCount; i++) _ = r.IsDBNull(i) ? null : r.GetValue(i);
            rows++;
        }
        return rows;
    }

    /// <summary>Raw read of the whole event table in pages of <paramref name="page"/>, every column: the feed's and the rebuild's baseline.</summary>
    public async Task<(long Events, double Seconds)> ScanRawAsync(int page, TimeSpan limit, string? streamType = null)
    {
        var clock = Stopwatch.StartNew();
        long after = 0, events = 0;
        var filter = streamType is null ? "" : $" and stream_id in (select id from {schema}.mt_streams where type = '{streamType}')";
        while (clock.Elapsed < limit)
        {
            await using var cmd = source.CreateCommand(
                $"select seq_id, id, stream_id, version, data::text, type, timestamp, correlation_id, headers::text from {schema}.mt_events " +
                $"where seq_id > $1{filter} order by seq_id limit {page}");
            cmd.Parameters.Add(new NpgsqlParameter { Value = after });
            await using var r = await cmd.ExecuteReaderAsync();
            var rows = 0;
            while (await r.ReadAsync())
            {
                for (var i = 0; i < r.FieldCount; i++) _ = r.IsDBNull(i) ? null : r.GetValue(i);
                after = r.GetInt64(0);
                rows++;
            }
            events += rows;
            if (rows < page) break;
        }
        return (events, clock.Elapsed.TotalSeconds);
    }
}

public sealed record DbCounters(long Commits, long Inserted, long Updated, long Fetched)
{
    public static DbCounters operator -(DbCounters a, DbCounters b) =>
        new(a.Commits - b.Commits, a.Inserted - b.Inserted, a.Updated - b.Updated, a.Fetched - b.Fetched);

    public Dictionary<string, double> PerOperation(long operations) => operations == 0
        ? new()
        : new()
        {
            ["transactionsPerOp"] = Math.Round((double)Commits / operations, 2),
            ["rowsInsertedPerOp"] = Math.Round((double)Inserted / operations, 2),
            ["rowsUpdatedPerOp"] = Math.Round((double)Updated / operations, 2),
            ["rowsFetchedPerOp"] = Math.Round((double)Fetched / operations, 2),
        };
}

public static class BenchDatabase
{
    /// <summary>Drops and creates <paramref name="name"/> on the server of <paramref name="connectionString"/>; its connection string.</summary>
    public static async Task<string> RecreateAsync(string connectionString, string name)
    {
        if (!name.StartsWith("childprotection_bench", StringComparison.Ordinal))
            throw new InvalidOperationException($"refusing to drop '{name}': the bench only recreates databases named childprotection_bench*");
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Database = name };
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", conn)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"create database \"{name}\"", conn)) await create.ExecuteNonQueryAsync();
        return target.ConnectionString;
    }
}
