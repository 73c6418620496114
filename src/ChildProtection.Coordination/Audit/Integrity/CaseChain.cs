using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;

namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>One row of <c>mt_events</c> exactly as stored: what a seal is computed from.</summary>
public sealed record EventRow(long Sequence, Guid Id, Guid StreamId, long Version, string Type, string Data,
    DateTime TimestampUtc, string? CorrelationId, string? CausationId, string? Headers);

/// <summary>
/// The hash chain of a case stream. Each event's hash is SHA-256 over the previous event's hash (hex), a line feed
/// and the event's canonical form; a chain starts from <see cref="Genesis"/>. The form is reproducible by anyone
/// holding a copy of the rows, so seals and anchors can be checked outside the service.
/// Chain version 1 (cases sealed before RFC 8785) writes the form with System.Text.Json's relaxed escaping;
/// version 2, that of every case begun since, is RFC 8785 (<see cref="JsonCanonicalization"/>), which other
/// languages reproduce exactly. A case keeps the version its chain began with, so old chains still verify.
/// </summary>
public static class CaseChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>The chain version of cases whose first event is sealed from now on.</summary>
    public const int Current = 2;

    private static readonly JsonSerializerOptions Strings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A stored version of 0 is a seal written before versions were recorded: version 1.</summary>
    public static int Version(int stored) => stored == 0 ? 1 : stored;

    public static string Hash(EventRow row, string previous, int chainVersion) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + "\n" + Canonical(row, chainVersion))));

    /// <summary>The event as one canonical JSON object: keys sorted by ordinal at every depth, no whitespace.</summary>
    public static string Canonical(EventRow row, int chainVersion)
    {
        var form = new JsonObject
        {
            ["id"] = row.Id.ToString("D"),
            ["streamId"] = row.StreamId.ToString("D"),
            ["version"] = row.Version,
            ["type"] = row.Type,
            ["data"] = JsonNode.Parse(row.Data),
            ["timestamp"] = TimestampForm(row.TimestampUtc),
            ["correlationId"] = row.CorrelationId,
            ["causationId"] = row.CausationId,
            ["headers"] = row.Headers is null ? null : JsonNode.Parse(row.Headers),
        };
        return Version(chainVersion) >= 2
            ? JsonCanonicalization.Serialize(form)
            : JsonCanonicalization.Sorted(form, (name, text) => text.Append(JsonSerializer.Serialize(name, Strings)),
                (value, text) => text.Append(value.ToJsonString(Strings)));
    }

    /// <summary>The stored timestamp as the canonical form writes it: UTC, microseconds, as PostgreSQL keeps them.</summary>
    public static string TimestampForm(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The stream's rows in version order, read raw (archived ones too) so nothing is lost or upcast on the way.</summary>
    public static async Task<IReadOnlyList<EventRow>> ReadAsync(IQuerySession session, Guid streamId, CancellationToken ct, long? upToVersion = null)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select seq_id, id, stream_id, version, type, data::text, timestamp, correlation_id, causation_id, headers::text " +
            $"from {schema}.mt_events where stream_id = @id and (@upTo::bigint is null or version <= @upTo) order by version, seq_id", connection);
        command.Parameters.AddWithValue("id", streamId);
        command.Parameters.Add(new NpgsqlParameter("upTo", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)upToVersion ?? DBNull.Value });
        return await ReadRowsAsync(command, ct);
    }

    /// <summary>
    /// The chain heads of several streams and each stream's rows after its head, in one round trip on a connection (and
    /// transaction) already open: what the sealer needs to chain the rows its own transaction inserted.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<Guid, CaseChainHead> Heads, IReadOnlyList<EventRow> Rows)> ReadHeadsAndRowsAfterAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string eventSchema, string documentSchema, IReadOnlyCollection<Guid> streamIds,
        CancellationToken ct)
    {
        var ids = streamIds.Distinct().ToArray();
        var heads = $"{documentSchema}.mt_doc_casechainhead";
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    $"select id, (data ->> 'version')::bigint, data ->> 'hash', coalesce((data ->> 'chainVersion')::int, 0) from {heads} where id = any($1)")
                    { Parameters = { new NpgsqlParameter { Value = ids } } },
                new NpgsqlBatchCommand(
                    $"select e.seq_id, e.id, e.stream_id, e.version, e.type, e.data::text, e.timestamp, e.correlation_id, e.causation_id, e.headers::text " +
                    $"from unnest($1::uuid[]) as s(id) join {eventSchema}.mt_events e on e.stream_id = s.id " +
                    $"and e.version > coalesce((select (h.data ->> 'version')::bigint from {heads} h where h.id = s.id), 0) " +
                    "order by e.stream_id, e.version, e.seq_id")
                    { Parameters = { new NpgsqlParameter { Value = ids } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var found = new Dictionary<Guid, CaseChainHead>();
        while (await reader.ReadAsync(ct))
            found[reader.GetGuid(0)] = new CaseChainHead
            {
                Id = reader.GetGuid(0), Version = reader.GetInt64(1), Hash = reader.GetString(2), ChainVersion = reader.GetInt32(3),
            };
        await reader.NextResultAsync(ct);
        return (found, await ReadRowsAsync(reader, ct));
    }

    private static async Task<List<EventRow>> ReadRowsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadRowsAsync(reader, ct);
    }

    private static async Task<List<EventRow>> ReadRowsAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var rows = new List<EventRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(new EventRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetString(5), reader.GetFieldValue<DateTime>(6).ToUniversalTime(), Text(reader, 7), Text(reader, 8), Text(reader, 9)));
        return rows;
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    /// <summary>Only case streams are sealed: those whose first event is a report.</summary>
    public static bool IsCase(IReadOnlyList<EventRow> rows) => rows.Count > 0 && rows[0].Version == 1 && rows[0].Type == "case_reported";
}
