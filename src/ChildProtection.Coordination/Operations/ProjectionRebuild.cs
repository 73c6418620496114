using ChildProtection.Coordination.Common;
using Marten;
using Npgsql;
using Weasel.Core;
namespace ChildProtection.Coordination.Operations;

/// <summary>
/// One single-stream projection's documents built again from the events, several times as fast as Marten's
/// <c>projections rebuild</c> (which loads, folds and upserts the documents of every page of events): the streams are cut
/// into <c>workers</c> ranges of stream ids, each read in one ordered query of only the columns the fold needs
/// (<see cref="ProjectionFold{TDoc}"/>: the projection's own methods), and each stream's document is written once, with
/// PostgreSQL's binary COPY in batches, the next batch read and folded while the last one is written. The old documents
/// go first (TRUNCATE). For an async projection the shard's position is then set to the last event read, so the daemon
/// goes on from there. The service must be stopped, as for Marten's rebuild: nothing else may write these documents or
/// append events meanwhile.
/// </summary>
public static class ProjectionRebuild
{
    public sealed record Outcome(long Events, long Documents, long LastSequence);

    public static async Task<Outcome> RunAsync<TDoc>(IDocumentStore store, ProjectionFold<TDoc> fold, string? asyncShard, int workers, int batch,
        CancellationToken ct) where TDoc : class, new()
    {
        var options = (StoreOptions)store.Options;
        var schema = options.Events.DatabaseSchemaName;
        long last;
        List<Guid> bounds = [];
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using var head = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {schema}.mt_events", connection);
            last = (long)(await head.ExecuteScalarAsync(ct))!;
            // The first stream id of each of `workers` ranges holding about as many streams each.
            await using var cut = new NpgsqlCommand($"select distinct on (part) id from (select id, ntile($1) over (order by id) part from {schema}.mt_streams) s order by part, id", connection);
            cut.Parameters.Add(new NpgsqlParameter { Value = Math.Max(1, workers) });
            await using var reader = await cut.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) bounds.Add(reader.GetGuid(0));
        }

        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(TDoc), ct);
        var parts = await Task.WhenAll(bounds.Select((from, i) =>
            Task.Run(() => RangeAsync(store, fold, from, i + 1 < bounds.Count ? bounds[i + 1] : null, last, batch, ct), ct)));

        if (asyncShard is not null)
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var position = new NpgsqlCommand(
                $"insert into {schema}.mt_event_progression (name, last_seq_id, last_updated) values ($1, $2, now()) " +
                "on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated", connection);
            position.Parameters.Add(new NpgsqlParameter { Value = asyncShard });
            position.Parameters.Add(new NpgsqlParameter { Value = last });
            await position.ExecuteNonQueryAsync(ct);
        }
        return new Outcome(parts.Sum(p => p.Events), parts.Sum(p => p.Documents), last);
    }

    /// <summary>The streams from <paramref name="from"/> up to (not including) <paramref name="to"/>: read, folded, written.</summary>
    private static async Task<(long Events, long Documents)> RangeAsync<TDoc>(IDocumentStore store, ProjectionFold<TDoc> fold, Guid from, Guid? to,
        long last, int batch, CancellationToken ct) where TDoc : class, new()
    {
        var options = (StoreOptions)store.Options;
        var sql = $"select {ProjectionFold<TDoc>.Columns("$1", "$2")} from {options.Events.DatabaseSchemaName}.mt_events " +
                  $"where stream_id >= $3 {(to is null ? "" : "and stream_id < $5")} and seq_id <= $4 and is_archived = false " +
                  $"{(fold.ReadsEveryEvent ? "" : "and type = any($1)")} order by stream_id, version";
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        fold.AddParameters(command, options);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = last });
        if (to is { } end) command.Parameters.Add(new NpgsqlParameter { Value = end });
        await using var reader = await command.ExecuteReaderAsync(ct);

        var done = new List<TDoc>(batch);
        Task writing = Task.CompletedTask;
        long events = 0, documents = 0;
        Guid current = default;
        TDoc? doc = null;
        async Task Flush()
        {
            // One batch written while the next is read: wait for the one before, then hand this one over.
            await writing;
            documents += done.Count;
            writing = store.BulkInsertAsync(done, BulkInsertMode.InsertsOnly, batch, ct);
            done = new List<TDoc>(batch);
        }
        while (await reader.ReadAsync(ct))
        {
            var streamId = reader.GetGuid(0);
            if (streamId != current)
            {
                if (doc is not null) done.Add(doc);
                if (done.Count >= batch) await Flush();
                (current, doc) = (streamId, null);
            }
            doc = fold.Fold(doc, reader, 0, options);
            events++;
        }
        if (doc is not null) done.Add(doc);
        if (done.Count > 0) await Flush();
        await writing;
        return (events, documents);
    }
}
