using System.Collections.Concurrent;
using Marten;
using Npgsql;
namespace ChildProtection.Coordination.Indicators;

/// <summary>
/// Folded figures kept between reads. An entry answers while the facts it was folded from are unchanged: the facts
/// projection has not moved (its progress), or it moved but the unit's own cases did not (their count and latest
/// change); and, for a read as of now, while no clock has fallen due and no open case has passed into an older age band
/// since (<see cref="IndicatorTally.Until"/>). A read as of an earlier moment is a fixed question: only changed facts
/// (a late entry projected) end its entry. So the cache never answers what a fresh fold would not.
/// </summary>
public sealed class IndicatorCache
{
    private const int MaxEntries = 512;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>What the facts looked like before the fold read them: the projection's progress, the unit's count and latest change.</summary>
    public sealed record Stamp(long Progress, string? Unit);

    private sealed record Entry(Stamp Stamp, DateTimeOffset? Until, IReadOnlyList<IndicatorCell> Cells);

    /// <param name="asOf">Null for a read as of now.</param>
    public static string Key(ReportingUnit unit, ReportingPeriod period, DateTimeOffset? asOf, IReadOnlyList<string>? communes) =>
        $"{unit}|{period.Name}|{asOf?.UtcTicks.ToString() ?? "now"}|{(communes is null ? "*" : string.Join(",", communes))}";

    /// <summary>The kept cells, if the facts are as they were: same progress, or (when <paramref name="unit"/> is given) the same unit stamp.</summary>
    public IReadOnlyList<IndicatorCell>? Find(string key, long progress, string? unit, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry) || entry.Until is { } until && now >= until) return null;
        if (entry.Stamp.Progress == progress) return entry.Cells;
        if (unit is null || entry.Stamp.Unit != unit) return null;
        _entries[key] = entry with { Stamp = entry.Stamp with { Progress = progress } };
        return entry.Cells;
    }

    public void Keep(string key, Stamp stamp, DateTimeOffset? until, IReadOnlyList<IndicatorCell> cells)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(stamp, until, cells);
    }
}

/// <summary>The facts documents' table, read directly: the projection's progress, a unit's stamp, and a period's cases.</summary>
internal sealed class FactsTable(IQuerySession session) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private const string Shard = "CaseIndicatorFacts:All";
    private readonly string _schema = session.DocumentStore.Options.DatabaseSchemaName;
    private string Table => $"{_schema}.mt_doc_caseindicatorfacts";

    public async Task<long> ProgressAsync(CancellationToken ct)
    {
        await using var command = await CommandAsync($"select coalesce((select last_seq_id from {_schema}.mt_event_progression where name = @shard), -1)", ct);
        command.Parameters.AddWithValue("shard", Shard);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>How many cases have been in the unit's communes and when the latest of them last changed.</summary>
    public async Task<string> UnitStampAsync(string[] communes, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            $"select count(*)::text || '@' || coalesce(max(mt_last_modified)::text, '') from {Table} where communes && @communes", ct);
        command.Parameters.AddWithValue("communes", communes);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The cases that can count: in the unit's communes at some time, reported before the period ends, and open, or with a
    /// step since it began, or with a change of status recorded after the moment asked for (it may have been open then).
    /// </summary>
    public async Task<List<CaseIndicatorFacts>> ForPeriodAsync(string[]? communes, ReportingPeriod period, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            $"select data from {Table} where received_at < @end and (open or last_at >= @start or status_rec > @at)" +
            (communes is null ? "" : " and communes && @communes"), ct);
        command.Parameters.AddWithValue("end", period.End.ToUniversalTime());
        command.Parameters.AddWithValue("start", period.Start.ToUniversalTime());
        command.Parameters.AddWithValue("at", asOf.ToUniversalTime());
        if (communes is not null) command.Parameters.AddWithValue("communes", communes);
        var serializer = session.DocumentStore.Options.Serializer();
        var cases = new List<CaseIndicatorFacts>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) cases.Add((CaseIndicatorFacts)serializer.FromJson(typeof(CaseIndicatorFacts), reader, 0));
        return cases;
    }

    /// <summary>One connection from the store's pool for the whole read.</summary>
    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken ct)
    {
        if (_connection is null)
        {
            _connection = session.Database.CreateConnection();
            await _connection.OpenAsync(ct);
        }
        return new NpgsqlCommand(sql, _connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
