using System.Reflection;
using ChildProtection.Coordination.Cases.GetCase;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;
namespace ChildProtection.Coordination.Audit;

/// <summary>
/// Folds a case's events again with <see cref="CaseSummaryProjection"/>'s own <c>Create</c>/<c>Apply</c> methods, the
/// same fold Marten's <c>AggregateStreamAsync</c> does, over a narrower read: Marten materialises every metadata column
/// of every event (headers, user name, correlation … each JSON or column read asynchronously), which for a case of
/// 1,000 events cost more than reading the rows. Here each row gives its version, type and data, read synchronously
/// with the store's serializer, and its headers only where <c>Create</c> reads them (the reporting agency).
/// Every event is still folded; nothing stored is reused.
/// </summary>
public static class CaseSummaryReplay
{
    private static readonly CaseSummaryProjection Projection = new();
    private static readonly Dictionary<Type, Func<IEvent, CaseSummary>> Creates = [];
    private static readonly Dictionary<Type, Action<object, CaseSummary>> Applies = [];

    static CaseSummaryReplay()
    {
        foreach (var m in typeof(CaseSummaryProjection).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            var p = m.GetParameters();
            if (m.Name == "Create" && m.IsStatic && p.Length == 1 && m.ReturnType == typeof(CaseSummary)
                && p[0].ParameterType.IsGenericType && p[0].ParameterType.GetGenericTypeDefinition() == typeof(IEvent<>))
                Creates[p[0].ParameterType.GetGenericArguments()[0]] = e => (CaseSummary)m.Invoke(null, [e])!;
            else if (m.Name == "Apply" && !m.IsStatic && p.Length == 2 && p[1].ParameterType == typeof(CaseSummary) && m.ReturnType == typeof(void)
                     && !typeof(IEvent).IsAssignableFrom(p[0].ParameterType))
                Applies[p[0].ParameterType] = (Action<object, CaseSummary>)typeof(CaseSummaryReplay).GetMethod(nameof(Bind), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(p[0].ParameterType).Invoke(null, [m])!;
            else if (m.Name is "Create" or "Apply" or "ShouldDelete" or "Evolve" or "EvolveAsync")
                // A convention this fold does not know would make it differ from the projection: fail loudly, not silently.
                throw new InvalidOperationException($"CaseSummaryReplay does not fold {m}; teach it this signature.");
        }
    }

    private static Action<object, CaseSummary> Bind<TEvent>(MethodInfo apply)
    {
        var call = apply.CreateDelegate<Action<TEvent, CaseSummary>>(Projection);
        return (e, s) => call((TEvent)e, s);
    }

    /// <summary>The summary as it stood at <paramref name="point"/> (version and/or recorded time); null before the report.</summary>
    public static async Task<CaseSummary?> AggregateAsync(IQuerySession session, Guid caseId, PointInTime point, CancellationToken ct)
    {
        var options = (StoreOptions)session.DocumentStore.Options;
        var events = (Marten.Events.EventGraph)options.Events;
        var serializer = options.Serializer();
        var types = FoldedTypes(events);
        var sql = $"select version, type, data, case when type = any($4) then headers end from {events.DatabaseSchemaName}.mt_events " +
                  "where stream_id = $1 and ($2 = 0 or version <= $2) and ($3::timestamptz is null or timestamp <= $3) order by version";
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = caseId });
        command.Parameters.Add(new NpgsqlParameter { Value = point.Version ?? 0L });
        command.Parameters.Add(new NpgsqlParameter { Value = point.AsOf is { } at ? at : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = _createAliases ??= [.. Creates.Keys.Select(t => events.EventMappingFor(t).EventTypeName)] });
        await using var reader = await command.ExecuteReaderAsync(ct);

        CaseSummary? summary = null;
        while (await reader.ReadAsync(ct))
            summary = Fold(summary, caseId, reader.GetInt64(0), reader.GetString(1), reader, 2, types, serializer);
        return summary;
    }

    /// <summary>
    /// One event of the case folded into <paramref name="summary"/>: the event's data at column <paramref name="data"/> of the
    /// reader, its headers at the next column (read only for <c>Create</c>). Null until the report.
    /// </summary>
    private static CaseSummary? Fold(CaseSummary? summary, Guid caseId, long version, string alias, NpgsqlDataReader reader, int data,
        Dictionary<string, Type> types, Marten.ISerializer serializer)
    {
        var type = types.GetValueOrDefault(alias);
        if (type is not null && summary is null && Creates.TryGetValue(type, out var create))
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(type), serializer.FromJson(type, reader, data))!;
            e.StreamId = caseId;
            e.Version = version;
            if (!reader.IsDBNull(data + 1)) e.Headers = (Dictionary<string, object>)serializer.FromJson(typeof(Dictionary<string, object>), reader, data + 1);
            summary = create(e);
        }
        else if (type is not null && Applies.TryGetValue(type, out var apply))
        {
            summary ??= new CaseSummary { Id = caseId };
            apply(serializer.FromJson(type, reader, data), summary);
        }
        // As Marten's fold: the summary's version is that of the last event read, folded or not.
        if (summary is not null) summary.Version = version;
        return summary;
    }

    /// <summary>
    /// Every case summary built again from the events, for <c>rebuild-summaries</c> (Operations/RebuildSummaries.cs): the
    /// same fold as above over one ordered read of the whole event table (only the data of folded types and the headers of
    /// the report are read), and the summaries written with PostgreSQL's COPY in batches, after the old ones are deleted.
    /// What Marten's <c>projections rebuild</c> does per page of events (load the page's summaries, fold, upsert each
    /// one) is here one write per case. The service must be stopped, as for Marten's rebuild. Returns (events, cases).
    /// </summary>
    public static async Task<(long Events, long Cases)> RebuildAllAsync(IDocumentStore store, int batch, CancellationToken ct)
    {
        var options = (StoreOptions)store.Options;
        var events = (Marten.Events.EventGraph)options.Events;
        var serializer = options.Serializer();
        var types = FoldedTypes(events);
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(CaseSummary), ct);

        var sql = $"select stream_id, version, type, case when type = any($1) then data end, case when type = any($2) then headers end " +
                  $"from {events.DatabaseSchemaName}.mt_events where is_archived = false order by stream_id, version";
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = types.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = _createAliases ??= [.. Creates.Keys.Select(t => events.EventMappingFor(t).EventTypeName)] });
        await using var reader = await command.ExecuteReaderAsync(ct);

        var done = new List<CaseSummary>(batch);
        long read = 0, cases = 0;
        Guid current = default;
        CaseSummary? summary = null;
        while (await reader.ReadAsync(ct))
        {
            var streamId = reader.GetGuid(0);
            if (streamId != current)
            {
                if (summary is not null) done.Add(summary);
                if (done.Count >= batch) { cases += done.Count; await store.BulkInsertDocumentsAsync(done, BulkInsertMode.InsertsOnly, batch, ct); done.Clear(); }
                (current, summary) = (streamId, null);
            }
            summary = Fold(summary, streamId, reader.GetInt64(1), reader.GetString(2), reader, 3, types, serializer);
            read++;
        }
        if (summary is not null) done.Add(summary);
        cases += done.Count;
        if (done.Count > 0) await store.BulkInsertDocumentsAsync(done, BulkInsertMode.InsertsOnly, batch, ct);
        return (read, cases);
    }

    /// <summary>The stored type name (alias) of every event the projection folds; the others are read past, as Marten does.</summary>
    private static Dictionary<string, Type> FoldedTypes(Marten.Events.EventGraph events) =>
        _types ??= Creates.Keys.Concat(Applies.Keys).ToDictionary(t => events.EventMappingFor(t).EventTypeName);

    private static Dictionary<string, Type>? _types;

    /// <summary>The stored type names of the events <c>Create</c> reads, whose headers (only) are read.</summary>
    private static string[]? _createAliases;
}
