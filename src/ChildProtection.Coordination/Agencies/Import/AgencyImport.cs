using Marten;

namespace ChildProtection.Coordination.Agencies;

/// <summary>Upsert: a row for an existing id updates it. CreateMissing: existing ids are left as they are (seeding).</summary>
public enum ImportMode { Upsert, CreateMissing }

/// <summary>What an import did (or, with errors, would not do: nothing is saved when any row is bad).</summary>
public sealed record ImportResult(int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// The one import used by <c>POST /api/agencies/import</c>, the <c>agencies import</c> command and the demo
/// seed: all rows are checked against the directory (and each other: a supervisor may be a row of the
/// same file) and either every change is appended or none.
/// </summary>
public static class AgencyImport
{
    public const int MaxRows = 20_000;

    /// <summary>Reads, checks and, when every row is good, appends the changes to <paramref name="session"/> (the caller stamps and saves).</summary>
    public static async Task<ImportResult> PrepareAsync(IDocumentSession session, string csv, ImportMode mode, CancellationToken ct)
    {
        var (rows, readErrors) = AgencyCsv.Read(csv);
        if (readErrors.Any(e => e.Row == 1) || rows.Count == 0 && readErrors.Count > 0) return new ImportResult(0, 0, 0, readErrors);
        if (rows.Count > MaxRows) return new ImportResult(0, 0, 0, [new ImportError(MaxRows + 2, "row", $"At most {MaxRows} rows per import.")]);

        var entries = rows.Select(r => r.Agency).OfType<RegisterAgency>().ToList();
        var agencyIds = entries.SelectMany(a => new[] { a.Id, a.SupervisingAgencyId })
            .OfType<string>().Where(Jurisdictions.IsValidCode).Distinct().ToArray();
        var communeCodes = entries.Select(a => a.CommuneCode).OfType<string>().Distinct().ToArray();
        var existing = agencyIds.Length == 0 ? [] : (await session.LoadManyAsync<Agency>(ct, agencyIds)).ToDictionary(a => a.Id);
        var communes = communeCodes.Length == 0 ? [] : (await session.LoadManyAsync<Commune>(ct, communeCodes)).ToDictionary(c => c.Code);

        var (planned, changes) = Plan(rows, existing, code => communes.GetValueOrDefault(code), mode);
        if (readErrors.Count > 0 || !planned.Ok)
            return new ImportResult(0, 0, 0, readErrors.Concat(planned.Errors).OrderBy(e => e.Row).ToList());
        foreach (var (agencyId, isNew, change) in changes)
        {
            if (isNew) session.Events.StartStream<Agency>(DirectoryStreams.Agency(agencyId), change);
            else session.Events.Append(DirectoryStreams.Agency(agencyId), change);
        }
        return planned;
    }

    /// <summary>
    /// The pure part: every row's errors, or the events that bring the directory to the file. Rows whose fields
    /// could not be read count as present (for duplicate ids and supervisors) but are not checked further.
    /// </summary>
    public static (ImportResult Result, IReadOnlyList<(string AgencyId, bool IsNew, object Event)> Changes) Plan(
        IReadOnlyList<CsvAgencyRow> rows, IReadOnlyDictionary<string, Agency> existing,
        Func<string, Commune?> findCommune, ImportMode mode)
    {
        var errors = new List<ImportError>();
        var inFile = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<(string, bool, object)>();
        int created = 0, updated = 0, unchanged = 0;

        foreach (var (row, id, agency) in rows)
        {
            var before = errors.Count;
            if (id.Length > 0 && !firstRowOf.TryAdd(id, row))
                errors.Add(new ImportError(row, "id", $"The id '{id}' is already on row {firstRowOf[id]}."));
            if (agency is null) continue;
            foreach (var e in AgencyRules.Check(agency, findCommune, other => inFile.Contains(other) || existing.ContainsKey(other)))
                errors.Add(new ImportError(row, AgencyCsv.ColumnOf.GetValueOrDefault(e.Field, e.Field), e.Message));
            if (errors.Count > before) continue;

            if (!existing.TryGetValue(agency.Id, out var current))
            {
                changes.Add((agency.Id, true, AgencyRules.Registered(agency)));
                created++;
            }
            else if (mode == ImportMode.Upsert && AgencyRules.Update(current, agency) is { } update)
            {
                changes.Add((agency.Id, false, update));
                updated++;
            }
            else unchanged++;
        }
        return errors.Count > 0
            ? (new ImportResult(0, 0, 0, errors), [])
            : (new ImportResult(created, updated, unchanged, []), changes);
    }
}
