using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Common.Keys;
using ChildProtection.Coordination.Integration.Webhooks;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChildProtection.Coordination.Operations;

/// <summary>How many stored keys were wrapped again, and by which key-encryption key version.</summary>
/// <param name="Version">The version added by a rotation; null when none was added.</param>
/// <param name="CaseKeys">Case keys re-wrapped.</param>
/// <param name="WebhookSecrets">Webhook subscriptions whose secrets were re-wrapped.</param>
/// <param name="Unopenable">Rows whose key the ring cannot open (wrapped by a key-encryption key it does not hold): left as they are.</param>
public sealed record RewrapCount(string? Version, int CaseKeys, int WebhookSecrets, int Unopenable = 0);

/// <summary>
/// Re-wraps the stored data keys (each case's identity key, each webhook subscription's secrets) with the current key-encryption
/// key, a batch per transaction, while the service keeps running: reads accept every version the ring holds, so a key is
/// readable before, during and after. Each row is rewritten only if it still holds what was read (an erasure deleting a
/// case's key in the meantime is never undone), so two nodes doing it at once is harmless. With <c>onlyClear</c> it wraps
/// only what earlier versions stored in clear: what every node does at start-up.
/// </summary>
public static class KeyRotation
{
    public static async Task<RewrapCount> RewrapAsync(IDocumentStore store, IKeyEncryptionKeys keys, int batchSize, bool onlyClear, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        var caseKeys = await RewrapTableAsync(store, $"{schema}.mt_doc_casekey", ["key", "wrapped"], batchSize, ct, async (id, values) =>
        {
            var (legacy, wrapped) = (values[0], values[1]);
            if (wrapped is not null && (onlyClear || keys.IsCurrent(wrapped))) return null;
            var key = wrapped is not null
                ? await keys.UnwrapAsync(wrapped, CaseKey.Context(id), ct)
                : legacy is not null ? Convert.FromBase64String(legacy) : null;
            return key is null ? null : ["", await keys.WrapAsync(key, CaseKey.Context(id), ct)];
        });
        var secrets = await RewrapTableAsync(store, $"{schema}.mt_doc_webhooksubscription", ["secret", "previousSecret"], batchSize, ct, async (id, values) =>
        {
            var subscription = new WebhookSubscription { Id = id };
            var changed = false;
            var next = new string?[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                next[i] = values[i];
                if (values[i] is not { Length: > 0 } stored || (WrappedKey.IsWrapped(stored) && (onlyClear || keys.IsCurrent(stored)))) continue;
                next[i] = await subscription.WrapAsync(keys, await subscription.OpenAsync(keys, stored, ct), ct);
                changed = true;
            }
            return changed ? next : null;
        });
        return new RewrapCount(null, caseKeys.Rewrapped, secrets.Rewrapped, caseKeys.Unopenable + secrets.Unopenable);
    }

    /// <summary>
    /// Walks a document table by id, a batch at a time; <paramref name="rewrap"/> returns the new values of the named JSON
    /// members (an empty string removes one, null leaves it), or null to leave the row as it is.
    /// </summary>
    private static async Task<(int Rewrapped, int Unopenable)> RewrapTableAsync(IDocumentStore store, string table, string[] members, int batchSize, CancellationToken ct,
        Func<Guid, string?[], Task<string?[]?>> rewrap)
    {
        var (count, unopenable) = (0, 0);
        var after = Guid.Empty;
        var select = $"select id, {string.Join(", ", members.Select(m => $"data->>'{m}'"))} from {table} where id > $1 order by id limit $2";
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        while (true)
        {
            var rows = new List<(Guid Id, string?[] Values)>();
            await using (var read = new NpgsqlCommand(select, connection) { Parameters = { new() { Value = after }, new() { Value = batchSize } } })
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    rows.Add((reader.GetGuid(0), [.. members.Select((_, i) => reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1))]));
            if (rows.Count == 0) return (count, unopenable);
            after = rows[^1].Id;

            await using var transaction = await connection.BeginTransactionAsync(ct);
            foreach (var (id, values) in rows)
            {
                string?[]? next;
                try { next = await rewrap(id, values); }
                catch (KeyUnavailableException) { unopenable++; continue; }
                if (next is null) continue;
                // data with each changed member set (or removed), only where the row still holds what was read.
                var set = "data";
                var where = new List<string> { "id = $1" };
                var update = new NpgsqlCommand { Connection = connection, Transaction = transaction };
                update.Parameters.Add(new() { Value = id });
                for (var i = 0; i < members.Length; i++)
                {
                    update.Parameters.Add(new() { Value = (object?)values[i] ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                    where.Add($"data->>'{members[i]}' is not distinct from ${update.Parameters.Count}");
                    if (next[i] == values[i] || next[i] is null) continue;
                    if (next[i] == "") { set = $"({set}) - '{members[i]}'"; continue; }
                    update.Parameters.Add(new() { Value = next[i], NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                    set = $"jsonb_set({set}, '{{{members[i]}}}', to_jsonb(${update.Parameters.Count}::text))";
                }
                update.CommandText = $"update {table} set data = {set} where {string.Join(" and ", where)}";
                await using (update) count += await update.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }
}

/// <summary>At start-up, wraps what an earlier version stored in clear (case keys, webhook secrets); safe on every node at once.</summary>
public sealed class KeyWrapMigration(IDocumentStore store, IKeyEncryptionKeys keys, IOptions<KeyOptions> options, ILogger<KeyWrapMigration> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var done = await KeyRotation.RewrapAsync(store, keys, options.Value.RotationBatchSize, onlyClear: true, stoppingToken);
            if (done.CaseKeys + done.WebhookSecrets > 0)
                log.LogInformation("Wrapped {CaseKeys} case keys and {Secrets} webhook subscriptions stored in clear by an earlier version", done.CaseKeys, done.WebhookSecrets);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogError(e, "Wrapping the keys stored in clear failed; the next start (or ops/rotate-keys) tries again");
        }
    }
}
