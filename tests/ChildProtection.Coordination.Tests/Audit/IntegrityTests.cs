using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
using Marten;
using Npgsql;
namespace ChildProtection.Coordination.Tests.Audit;

/// <summary>A host in its own schema that is never reset under the running sealing daemon; anchors every few seconds.</summary>
public sealed class IntegrityFixture : AppFixture
{
    public const string Schema = "cp_integrity_tests";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "false",
        ["Marten:Schema"] = Schema,
        ["Audit:AnchorInterval"] = "00:00:03",
        ["Directory:SeedDemo"] = "true",
    };

    protected override Task PrepareDatabaseAsync() => TestDatabase.DropSchemaAsync(Schema);
}

[CollectionDefinition(Name)]
public sealed class IntegrityCollection : ICollectionFixture<IntegrityFixture>
{
    public const string Name = "integrity";
}

[Collection(IntegrityCollection.Name)]
public sealed class IntegrityTests(IntegrityFixture app)
{
    private readonly CaseApi _api = new(app);

    /// <summary>A reported, verified and risk-assessed case (three events), once all three are sealed.</summary>
    private async Task<Guid> SealedCase()
    {
        var caseId = await _api.Report(Scenarios.HotlineReport());
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());
        await _api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());
        await HandoffApi.Eventually(async () =>
        {
            var body = await Integrity(caseId);
            return body.GetProperty("unsealed").GetArrayLength() == 0 && body.GetProperty("checked").GetInt32() == 3;
        }, "all three events sealed", seconds: 30);
        return caseId;
    }

    private async Task<JsonElement> Integrity(Guid caseId, string role = Roles.Auditor, HttpStatusCode status = HttpStatusCode.OK) =>
        await (await _api.As(role).GetAsync($"/api/cases/{caseId}/integrity")).ShouldHave(status);

    private async Task Sql(Guid caseId, params string[] statements)
    {
        var schema = app.Store.Options.Events.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement.Replace("{events}", $"{schema}.mt_events"), connection, tx);
            command.Parameters.AddWithValue("id", caseId);
            (await command.ExecuteNonQueryAsync()).ShouldBe(1, statement);
        }
        await tx.CommitAsync();
    }

    private static JsonElement FirstBreak(JsonElement body, string kind, long version)
    {
        body.GetProperty("status").GetString().ShouldBe("broken", body.ToString());
        var broken = body.GetProperty("firstBreak");
        broken.GetProperty("kind").GetString().ShouldBe(kind, body.ToString());
        broken.GetProperty("version").GetInt64().ShouldBe(version, body.ToString());
        return broken;
    }

    [Fact]
    public async Task an_untouched_case_checks_out_with_every_event_sealed()
    {
        var caseId = await SealedCase();
        var body = await Integrity(caseId);
        body.GetProperty("status").GetString().ShouldBe("ok");
        body.GetProperty("checked").GetInt32().ShouldBe(3);
        body.GetProperty("headVersion").GetInt64().ShouldBe(3);
        body.GetProperty("head").GetString()!.Length.ShouldBe(64);
        body.GetProperty("firstBreak").ValueKind.ShouldBe(JsonValueKind.Null);
        // The same roles as reading the case.
        await Integrity(caseId, Roles.CommuneOfficer);
        await Integrity(caseId, Roles.Integrator, HttpStatusCode.Forbidden);
        await Integrity(Guid.CreateVersion7(), status: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task erasing_the_identity_leaves_the_chain_intact_because_it_hashes_the_sealed_events_that_stay()
    {
        var caseId = await SealedCase();

        await _api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());

        await HandoffApi.Eventually(async () => (await Integrity(caseId)).GetProperty("checked").GetInt32() == 4, "the erasure sealed", seconds: 30);
        var body = await Integrity(caseId);
        body.GetProperty("status").GetString().ShouldBe("ok", body.ToString());
        body.GetProperty("headVersion").GetInt64().ShouldBe(4);
        body.GetProperty("unsealed").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task changing_the_data_of_an_event_is_named_as_altered_at_its_version()
    {
        var caseId = await SealedCase();
        await Sql(caseId, "update {events} set data = jsonb_set(data, '{findings}', '\"Nothing was found.\"') where stream_id = @id and version = 2");
        FirstBreak(await Integrity(caseId), "altered", 2);
    }

    [Fact]
    public async Task changing_only_the_metadata_of_an_event_is_named_as_altered_too()
    {
        var caseId = await SealedCase();
        await Sql(caseId, "update {events} set headers = jsonb_set(headers, '{agency}', '\"someone-else\"') where stream_id = @id and version = 3");
        FirstBreak(await Integrity(caseId), "altered", 3);
    }

    [Fact]
    public async Task deleting_an_event_is_named_as_missing_at_its_version()
    {
        var caseId = await SealedCase();
        await Sql(caseId, "delete from {events} where stream_id = @id and version = 2");
        var broken = FirstBreak(await Integrity(caseId), "missing", 2);
        broken.GetProperty("sequence").ValueKind.ShouldBe(JsonValueKind.Number);
    }

    [Fact]
    public async Task swapping_the_versions_of_two_events_is_named_as_reordered_at_the_first()
    {
        var caseId = await SealedCase();
        await Sql(caseId,
            "update {events} set version = -2 where stream_id = @id and version = 2",
            "update {events} set version = 2 where stream_id = @id and version = 3",
            "update {events} set version = 3 where stream_id = @id and version = -2");
        FirstBreak(await Integrity(caseId), "reordered", 2);
    }

    [Fact]
    public async Task an_anchor_cut_now_covers_the_case_and_a_later_change_no_longer_matches_it()
    {
        var caseId = await SealedCase();
        var head = (await Integrity(caseId)).GetProperty("head").GetString();
        (await _api.As(Roles.Auditor).PostAsync("/api/audit/anchors", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var cut = await (await _api.As(Roles.Admin).PostAsync("/api/audit/anchors", null)).ShouldHave(HttpStatusCode.Created);
        var covered = cut.GetProperty("covered").EnumerateArray().Single(c => c.GetProperty("caseId").GetGuid() == caseId);
        covered.GetProperty("head").GetString().ShouldBe(head);
        covered.GetProperty("version").GetInt64().ShouldBe(3);
        cut.GetProperty("digest").GetString()!.Length.ShouldBe(64);

        var list = await (await _api.As(Roles.Auditor).GetAsync("/api/audit/anchors?pageSize=5")).ShouldHave(HttpStatusCode.OK);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("cutAt").GetDateTimeOffset()).ShouldBeInOrder(SortDirection.Descending);
        items.ShouldContain(i => i.GetProperty("id").GetGuid() == cut.GetProperty("id").GetGuid());
        (await _api.As(Roles.CommuneOfficer).GetAsync("/api/audit/anchors")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var anchor = (await Integrity(caseId)).GetProperty("anchor");
        anchor.GetProperty("matches").GetBoolean().ShouldBeTrue();
        anchor.GetProperty("head").GetString().ShouldBe(head);

        await Sql(caseId, "update {events} set data = jsonb_set(data, '{findings}', '\"Nothing was found.\"') where stream_id = @id and version = 2");
        var after = await Integrity(caseId);
        FirstBreak(after, "altered", 2);
        after.GetProperty("anchor").GetProperty("matches").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task anchors_are_cut_on_schedule()
    {
        var caseId = await SealedCase();
        await HandoffApi.Eventually(async () =>
        {
            var list = await (await _api.As(Roles.Admin).GetAsync("/api/audit/anchors?pageSize=1")).ShouldHave(HttpStatusCode.OK);
            return list.GetProperty("items").EnumerateArray().Any(a => a.GetProperty("cutBy").GetString() == "schedule" &&
                a.GetProperty("covered").EnumerateArray().Any(c => c.GetProperty("caseId").GetGuid() == caseId));
        }, "a scheduled anchor covering the case", seconds: 30);
    }
}
