using System.Buffers.Binary;
using Marten;
using Npgsql;
using NpgsqlTypes;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>
/// How the store keeps match keys, in two tables of the service's schema written and deleted together in the step's
/// transaction: <c>child_match_key (case_id, key_id, record, probes, computed_at)</c>, a row per case whose <c>record</c> is
/// the scoring parts as a compact bytea (<see cref="MatchKeyRecord"/>, about 0.5 kB: a lookup reads and decodes dozens of them,
/// not JSON documents), and its index entries — 64-bit keyed hashes of its blocks — one row each in
/// <c>child_match_block (block, case_id)</c>, whose btree primary key answers the lookup with an index-only scan.
/// </summary>
public static class MatchKeyStorage
{
    public const string KeyTable = "child_match_key", BlockTable = "child_match_block";

    /// <summary>The match keys' document table of scheme 1 (JSON documents), dropped by the backfill that replaces them.</summary>
    public const string LegacyDocumentTable = "mt_doc_childmatchkey";

    public static void Configure(StoreOptions opts)
    {
        var keys = new Weasel.Postgresql.Tables.Table(new Weasel.Postgresql.PostgresqlObjectName(opts.DatabaseSchemaName, KeyTable));
        keys.AddColumn<Guid>("case_id").AsPrimaryKey();
        keys.AddColumn("key_id", "text").NotNull();
        keys.AddColumn("record", "bytea").NotNull();
        keys.AddColumn("probes", "bigint[]").NotNull();
        keys.AddColumn("computed_at", "timestamptz").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(keys);

        var blocks = new Weasel.Postgresql.Tables.Table(new Weasel.Postgresql.PostgresqlObjectName(opts.DatabaseSchemaName, BlockTable));
        blocks.AddColumn<long>("block").AsPrimaryKey();
        blocks.AddColumn<Guid>("case_id").AsPrimaryKey();
        // Erasure deletes a case's rows by its id.
        blocks.Indexes.Add(new Weasel.Postgresql.Tables.IndexDefinition($"ix_{BlockTable}_case_id") { Columns = ["case_id"] });
        opts.Storage.ExtendedSchemaObjects.Add(blocks);
    }

    private static string Schema(IQuerySession session) => session.DocumentStore.Options.DatabaseSchemaName;

    /// <summary>The qualified name of the block table in the store's schema.</summary>
    public static string BlockTableOf(IQuerySession session) => $"{Schema(session)}.{BlockTable}";

    /// <summary>The qualified name of the key table in the store's schema.</summary>
    public static string KeyTableOf(IQuerySession session) => $"{Schema(session)}.{KeyTable}";

    /// <summary>Stores a newly computed key and replaces its index entries, in one statement.</summary>
    public static void Store(IDocumentSession session, ChildMatchKey key)
    {
        var (keys, blocks) = (KeyTableOf(session), BlockTableOf(session));
        // The entries no longer computed go, the new ones come (disjoint sets, so no row is touched twice).
        session.QueueSqlCommand(
            $"with k as (insert into {keys} (case_id, key_id, record, probes, computed_at) values (?, ?, ?, ?, ?) on conflict (case_id) do update " +
            "set key_id = excluded.key_id, record = excluded.record, probes = excluded.probes, computed_at = excluded.computed_at), " +
            $"gone as (delete from {blocks} where case_id = ? and block <> all(?)) " +
            $"insert into {blocks} (block, case_id) select distinct unnest(?), ? on conflict do nothing",
            new object[] { key.Id, key.KeyId, MatchKeyRecord.Encode(key), key.Probes, key.ComputedAt.ToUniversalTime(), key.Id, key.Blocks, key.Blocks, key.Id });
    }

    /// <summary>Stores a grown key whose index entries stay as they are (a school is no part of them).</summary>
    public static void StoreRecord(IDocumentSession session, ChildMatchKey key) =>
        session.QueueSqlCommand($"update {KeyTableOf(session)} set record = ?, computed_at = ? where case_id = ?",
            MatchKeyRecord.Encode(key), key.ComputedAt.ToUniversalTime(), key.Id);

    /// <summary>Deletes a case's match key and its index entries (erasure).</summary>
    public static void Delete(IDocumentSession session, Guid caseId) =>
        session.QueueSqlCommand($"with k as (delete from {KeyTableOf(session)} where case_id = ?) delete from {BlockTableOf(session)} where case_id = ?", caseId, caseId);

    /// <summary>A case's match key with its probes (not its index entries); null when it has none.</summary>
    public static async Task<ChildMatchKey?> LoadAsync(IQuerySession session, Guid caseId, CancellationToken ct)
    {
        var command = new NpgsqlCommand($"select key_id, record, probes, computed_at from {KeyTableOf(session)} where case_id = $1")
        {
            Parameters = { new NpgsqlParameter { Value = caseId, NpgsqlDbType = NpgsqlDbType.Uuid } },
        };
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        if (!await reader.ReadAsync(ct)) return null;
        var key = MatchKeyRecord.Decode(caseId, reader.GetString(0), (byte[])reader[1]);
        key.Probes = (long[])reader[2];
        key.ComputedAt = reader.GetFieldValue<DateTimeOffset>(3);
        return key;
    }

    /// <summary>Which of <paramref name="caseIds"/> have a key of <paramref name="keyId"/>.</summary>
    public static async Task<HashSet<Guid>> WithKeyAsync(IQuerySession session, IReadOnlyList<Guid> caseIds, string keyId, CancellationToken ct)
    {
        var command = new NpgsqlCommand($"select case_id from {KeyTableOf(session)} where case_id = any($1) and key_id = $2")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = caseIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new NpgsqlParameter { Value = keyId, NpgsqlDbType = NpgsqlDbType.Text },
            },
        };
        var found = new HashSet<Guid>();
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }
}

/// <summary>
/// The scoring parts of a match key as bytes: a scheme byte, then each part in a fixed order — an optional hash as a flag byte
/// and 8 bytes, a list as a count byte and 8 bytes each. Keyed hashes only, as in the key itself.
/// </summary>
public static class MatchKeyRecord
{
    public static byte[] Encode(ChildMatchKey k)
    {
        var size = 1 + 8 * 9 + 10 + 1 + k.TokenForms.Sum(f => 1 + 8 * f.Length)
                   + 8 * (k.Tokens.Length + k.GivenForms.Length + k.Middles.Length + k.MiddleForms.Length + k.FamilyForms.Length
                          + k.BirthYears.Length + k.BirthMonths.Length + k.BirthYearsNear.Length + k.Schools.Length + k.Carers.Length);
        var writer = new Writer(new byte[size]);
        writer.Byte(ChildMatchKey.Scheme);
        writer.One(k.Family); writer.One(k.Given); writer.Many(k.Tokens);
        writer.Byte((byte)k.TokenForms.Length);
        foreach (var forms in k.TokenForms) writer.Many(forms);
        writer.Many(k.GivenForms); writer.Many(k.Middles); writer.Many(k.MiddleForms); writer.Many(k.FamilyForms);
        writer.One(k.BirthDate); writer.One(k.BirthMonth); writer.One(k.BirthDayMonth); writer.One(k.BirthDay);
        writer.Many(k.BirthYears); writer.Many(k.BirthMonths); writer.Many(k.BirthYearsNear);
        writer.One(k.Sex); writer.One(k.Commune); writer.Many(k.Schools); writer.Many(k.Carers);
        return writer.Bytes[..writer.At];
    }

    public static ChildMatchKey Decode(Guid id, string keyId, byte[] bytes)
    {
        var r = new Reader(bytes);
        if (r.Byte() != ChildMatchKey.Scheme) return new ChildMatchKey { Id = id, KeyId = $"{keyId}?" };
        var k = new ChildMatchKey { Id = id, KeyId = keyId, Family = r.One(), Given = r.One(), Tokens = r.Many() };
        var forms = new long[r.Byte()][];
        for (var i = 0; i < forms.Length; i++) forms[i] = r.Many();
        k.TokenForms = forms;
        k.GivenForms = r.Many(); k.Middles = r.Many(); k.MiddleForms = r.Many(); k.FamilyForms = r.Many();
        k.BirthDate = r.One(); k.BirthMonth = r.One(); k.BirthDayMonth = r.One(); k.BirthDay = r.One();
        k.BirthYears = r.Many(); k.BirthMonths = r.Many(); k.BirthYearsNear = r.Many();
        k.Sex = r.One(); k.Commune = r.One(); k.Schools = r.Many(); k.Carers = r.Many();
        return k;
    }

    private sealed class Writer(byte[] bytes)
    {
        public byte[] Bytes => bytes;
        public int At { get; private set; }
        public void Byte(int b) => bytes[At++] = checked((byte)b);
        public void Long(long v) { BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(At), v); At += 8; }
        public void One(long? v) { Byte(v is null ? 0 : 1); if (v is { } x) Long(x); }
        public void Many(long[] vs) { Byte(vs.Length); foreach (var v in vs) Long(v); }
    }

    private sealed class Reader(byte[] bytes)
    {
        private int _at;
        public byte Byte() => bytes[_at++];
        private long Long() { var v = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(_at)); _at += 8; return v; }
        public long? One() => Byte() == 0 ? null : Long();
        public long[] Many()
        {
            var vs = new long[Byte()];
            for (var i = 0; i < vs.Length; i++) vs[i] = Long();
            return vs;
        }
    }
}
