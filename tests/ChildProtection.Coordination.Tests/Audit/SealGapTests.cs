using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Audit.Integrity;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using Marten;
using Npgsql;
namespace ChildProtection.Coordination.Tests.Audit;

/// <summary>
/// Issue 18, the seal gap: every case event is sealed in the transaction that appends it, so no event is ever committed
/// without its seal. Nothing seals afterwards any more (no daemon), so a seal found at once was written in the append.
/// </summary>
[Collection(IntegrityCollection.Name)]
public sealed class SealGapTests(IntegrityFixture app)
{
    private readonly CaseApi _api = new(app);

    private async Task<JsonElement> Integrity(Guid caseId) =>
        await (await _api.As(Roles.Auditor).GetAsync($"/api/cases/{caseId}/integrity")).ShouldHave(HttpStatusCode.OK);

    private async Task<IReadOnlyList<EventSeal>> Seals(Guid caseId)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<EventSeal>().Where(s => s.StreamId == caseId).OrderBy(s => s.Version).ToListAsync();
    }

    [Fact]
    public async Task every_event_is_sealed_when_the_step_that_appends_it_answers()
    {
        var caseId = await _api.Report(Scenarios.HotlineReport());
        (await Seals(caseId)).Select(s => s.Version).ShouldBe([1L]);
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());

        // No waiting: the answer came after the commit, and the seals were in it.
        (await Seals(caseId)).Select(s => s.Version).ShouldBe([1L, 2L, 3L]);
        var body = await Integrity(caseId);
        body.GetProperty("status").GetString().ShouldBe("ok", body.ToString());
        body.GetProperty("checked").GetInt32().ShouldBe(3);
        body.GetProperty("unsealed").GetArrayLength().ShouldBe(0);
        await using var session = app.Store.QuerySession();
        var head = await session.LoadAsync<CaseChainHead>(caseId);
        head!.Version.ShouldBe(3);
        head.Hash.ShouldBe(body.GetProperty("head").GetString());
    }

    [Fact]
    public async Task concurrent_appends_to_one_case_each_seal_after_the_head_the_other_committed()
    {
        var caseId = await _api.Report(Scenarios.HotlineReport());
        const int writers = 8;
        // Straight to the store, without the case write lock: Marten's stream row is all that orders them.
        // Eight writers on one stream sometimes lose more than five races in a row, so each goes on until its event is in
        // (up to 50 attempts), and must get it in.
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
        {
            if (!await LostRace.RetryAsync(async () =>
                {
                    await using var session = app.Store.LightweightSession();
                    session.Events.Append(caseId, new SeparationEndingSoon(caseId, Guid.CreateVersion7(), DateTimeOffset.UtcNow.AddDays(i), DateTimeOffset.UtcNow));
                    await session.SaveChangesAsync();
                }, CancellationToken.None, attempts: 50))
                throw new InvalidOperationException($"Writer {i} lost every race to the others.");
        }));

        var seals = await Seals(caseId);
        seals.Select(s => s.Version).ShouldBe(Enumerable.Range(1, writers + 1).Select(v => (long)v));
        // One chain: each seal's previous hash is the hash before it.
        for (var i = 1; i < seals.Count; i++) seals[i].PreviousHash.ShouldBe(seals[i - 1].Hash);
        var body = await Integrity(caseId);
        body.GetProperty("status").GetString().ShouldBe("ok", body.ToString());
        body.GetProperty("checked").GetInt32().ShouldBe(writers + 1);
    }

    [Fact]
    public async Task a_row_put_into_the_stream_by_hand_is_never_sealed_even_when_a_later_step_chains_over_it()
    {
        var caseId = await _api.Report(Scenarios.HotlineReport());
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());
        // A copy of event 2 inserted as event 3 straight into the database, the stream's version moved to match.
        var schema = app.Store.Options.Events.DatabaseSchemaName;
        await using (var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten")))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            foreach (var statement in new[]
                     {
                         $"create temp table forged on commit drop as select * from {schema}.mt_events where stream_id = @id and version = 2",
                         $"update forged set seq_id = nextval('{schema}.mt_events_sequence'), id = gen_random_uuid(), version = 3",
                         $"insert into {schema}.mt_events select * from forged",
                         $"update {schema}.mt_streams set version = 3 where id = @id",
                     })
            {
                await using var command = new NpgsqlCommand(statement, connection, tx);
                command.Parameters.AddWithValue("id", caseId);
                await command.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }

        // The next step through the service is sealed, chained over the forged row, but does not seal it.
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());
        (await Seals(caseId)).Select(s => s.Version).ShouldBe([1L, 2L, 4L]);
        var body = await Integrity(caseId);
        body.GetProperty("status").GetString().ShouldBe("broken", body.ToString());
        var broken = body.GetProperty("firstBreak");
        broken.GetProperty("kind").GetString().ShouldBe("altered");
        broken.GetProperty("version").GetInt64().ShouldBe(3);
        body.GetProperty("unsealed").EnumerateArray().Select(u => u.GetProperty("version").GetInt64()).ShouldBe([3L]);
    }
}
