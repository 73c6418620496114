using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Common;
using Marten;
using Npgsql;
namespace ChildProtection.Coordination.Audit;

/// <summary>
/// Folds a case's events again with <see cref="CaseSummaryProjection"/>'s own <c>Create</c>/<c>Apply</c> methods
/// (<see cref="ProjectionFold{TDoc}"/>), the same fold Marten's <c>AggregateStreamAsync</c> does, over a narrower read:
/// Marten materialises every metadata column of every event (headers, user name, correlation … each JSON or column read
/// asynchronously), which for a case of 1,000 events cost more than reading the rows. Here each row gives its version,
/// type, time and data, read synchronously with the store's serializer, and its headers only where <c>Create</c> reads
/// them (the reporting agency). Every event is still folded; nothing stored is reused.
/// </summary>
public static class CaseSummaryReplay
{
    /// <summary>The summary's fold; the report's headers name the reporting agency.</summary>
    public static readonly ProjectionFold<CaseSummary> Fold = new(new CaseSummaryProjection(), typeof(CaseReported));

    /// <summary>The summary as it stood at <paramref name="point"/> (version and/or recorded time); null before the report.</summary>
    public static async Task<CaseSummary?> AggregateAsync(IQuerySession session, Guid caseId, PointInTime point, CancellationToken ct)
    {
        var options = (StoreOptions)session.DocumentStore.Options;
        var sql = $"select {ProjectionFold<CaseSummary>.Columns("$1", "$2")} from {options.Events.DatabaseSchemaName}.mt_events " +
                  "where stream_id = $3 and ($4 = 0 or version <= $4) and ($5::timestamptz is null or timestamp <= $5) order by version";
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        Fold.AddParameters(command, options);
        command.Parameters.Add(new NpgsqlParameter { Value = caseId });
        command.Parameters.Add(new NpgsqlParameter { Value = point.Version ?? 0L });
        command.Parameters.Add(new NpgsqlParameter { Value = point.AsOf is { } at ? at : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(ct);

        CaseSummary? summary = null;
        while (await reader.ReadAsync(ct)) summary = Fold.Fold(summary, reader, 0, options);
        return summary;
    }
}
