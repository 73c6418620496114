using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Indicators;
using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Tests.Indicators;
using Marten;
using Marten.Events;
using Npgsql;
namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>
/// The fast rebuilds (Operations/FastRebuilds.cs) over random case histories (every step, late entries, transfers,
/// reopenings, erasures, hand-offs; RandomHistories): every CaseSummary is written back byte for byte as the inline projection
/// stored it, every CaseIndicatorFacts as Marten's async daemon built it, and the daemon's shard goes on from the last
/// event the rebuild read, neither skipping nor folding an event twice.
/// </summary>
[Collection(IndicatorCollection.Name)]
public sealed class FastRebuildTests(IndicatorFixture app)
{
    [Fact]
    public async Task the_fast_rebuilds_write_back_what_marten_stored_and_the_daemon_goes_on_from_where_they_stopped()
    {
        var store = app.Store;
        var histories = RandomHistories.Generate(160, seed: 19, latest: DateTimeOffset.UtcNow.AddHours(-1));
        for (var batch = 0; batch < 3; batch++)
        {
            foreach (var (chunk, n) in histories.Chunk(40).Select((c, n) => (c, n)))
            {
                await using var session = store.LightweightSession();
                // The summary reads the reporting agency from the report's headers.
                session.SetHeader(EventHeaders.Agency, $"agency-{batch}-{n}");
                foreach (var (caseId, events) in chunk)
                    if (events.Where(e => e.Batch == batch).Select(e => e.Event).ToArray() is { Length: > 0 } now)
                        session.Events.Append(caseId, now);
                await session.SaveChangesAsync();
            }
        }
        await using (var session = store.LightweightSession())
        {
            foreach (var (caseId, _) in histories.Where((_, i) => i % 5 == 0)) session.Events.Append(caseId, RandomHistories.Erasure(caseId));
            await session.SaveChangesAsync();
        }
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(2));
        var summaries = await StoredAsync(store, "mt_doc_casesummary", "version");
        var facts = await StoredAsync(store, "mt_doc_caseindicatorfacts");
        summaries.Count.ShouldBeGreaterThanOrEqualTo(histories.Count);
        facts.Count.ShouldBeGreaterThanOrEqualTo(histories.Count);

        // Three ranges of streams and batches of 7 documents: streams cut between ranges or batches would show.
        var rebuiltSummaries = await FastRebuilds.SummariesAsync(store, workers: 3, batch: 7, default);
        var rebuiltFacts = await FastRebuilds.IndicatorsAsync(store, workers: 3, batch: 7, default);

        rebuiltSummaries.Documents.ShouldBe(summaries.Count);
        rebuiltFacts.Documents.ShouldBe(facts.Count);
        // Appended here without an expected version (Marten's Quick mode numbers the events in the database), the inline summaries
        // were stored with version 0; the service's steps append with the version known (RebuildSummariesTests compares it). So the
        // summaries are compared without it, and the rebuilt version is checked against the stream's.
        ShouldBeTheSame(await StoredAsync(store, "mt_doc_casesummary", "version"), summaries, "CaseSummary");
        (await ScalarAsync(store, "select count(*) from {0}.mt_doc_casesummary d join {0}.mt_streams s on s.id = d.id where (d.data->>'version')::bigint <> s.version"))
            .ShouldBe(0, "a rebuilt summary's version is not its stream's");
        ShouldBeTheSame(await StoredAsync(store, "mt_doc_caseindicatorfacts"), facts, "CaseIndicatorFacts");
        rebuiltFacts.LastSequence.ShouldBe(await ScalarAsync(store, "select max(seq_id) from {0}.mt_events"));
        (await ScalarAsync(store, "select last_seq_id from {0}.mt_event_progression where name = 'CaseIndicatorFacts:All'")).ShouldBe(rebuiltFacts.LastSequence);

        // Later events: the daemon folds them onto the rebuilt facts, once each, as Marten's own fold of the whole stream does.
        var later = histories.Where((_, i) => i % 9 == 0).Select(h => h.CaseId).ToArray();
        await using (var session = store.LightweightSession())
        {
            foreach (var caseId in later) session.Events.Append(caseId, new CaseReopened(caseId, DateTimeOffset.UtcNow, "again, later"));
            await session.SaveChangesAsync();
        }
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(2));
        var stored = await StoredAsync(store, "mt_doc_caseindicatorfacts");
        var serializer = ((StoreOptions)store.Options).Serializer();
        await using var query = store.QuerySession();
        foreach (var caseId in later)
        {
            var folded = await query.Events.AggregateStreamAsync<CaseIndicatorFacts>(caseId);
            folded.ShouldNotBeNull();
            folded.Statuses.Count(s => s.Closed == false && s.At > DateTimeOffset.UtcNow.AddHours(-1)).ShouldBe(1);
            JsonNode.DeepEquals(JsonNode.Parse(stored[caseId]), JsonNode.Parse(serializer.ToJson(folded)))
                .ShouldBeTrue($"case {caseId}: the daemon's facts{Environment.NewLine}{stored[caseId]}{Environment.NewLine}Marten's fold{Environment.NewLine}{serializer.ToJson(folded)}");
        }
    }

    private static void ShouldBeTheSame(Dictionary<Guid, string> after, Dictionary<Guid, string> before, string what)
    {
        after.Keys.Order().ShouldBe(before.Keys.Order(), $"the {what} documents rebuilt are not those stored");
        foreach (var (id, data) in before)
            after[id].ShouldBe(data, $"{what} {id}");
    }

    /// <summary>Every document of the table as PostgreSQL stores it (jsonb's text: keys in its order, so equal documents give equal text).</summary>
    private static async Task<Dictionary<Guid, string>> StoredAsync(IDocumentStore store, string table, string? without = null)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select id, {(without is null ? "data" : $"(data - '{without}')")}::text from {IndicatorFixture.Schema}.{table}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var found = new Dictionary<Guid, string>();
        while (await reader.ReadAsync()) found[reader.GetGuid(0)] = reader.GetString(1);
        return found;
    }

    private static async Task<long> ScalarAsync(IDocumentStore store, string sql)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(string.Format(sql, IndicatorFixture.Schema), connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
