using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using Marten;
using Npgsql;
namespace ChildProtection.Coordination.Tests.Privacy;

/// <summary>Sealed identity and its erasure, read back through the API and straight from the database.</summary>
public sealed class ErasureTests(AppFixture app) : IntegrationContext(app)
{
    private const string Child = "Phạm Thị Hồng Nhung", School = "Trường Tiểu học Lộc Ninh 2", Reporter = "Lê Văn Tám", Phone = "0987654321",
        NewSchool = "Trường THCS Nguyễn Trãi";

    private static readonly DateOnly Born = Bodies.Today.AddYears(-9).AddDays(-40);

    // Each value whole and an ASCII part of it, in case anything stored escaped the Vietnamese letters.
    // Not a school of the demo directory, whose agency names are stored in the clear as they should be.
    private static readonly string[] Plaintext = [Child, "Nhung", School, "Lộc Ninh", Reporter, "Tám", Phone, NewSchool, "Nguyễn Trãi", Born.ToString("yyyy-MM-dd")];

    private readonly CaseApi _api = new(app);

    private async Task<Guid> ReportedWithIdentity()
    {
        var report = Bodies.Report(childName: Child) with { Reporter = new Reporter("aunt", ConsentsToIdentity: true, Name: Reporter, Phone: Phone) };
        var caseId = await _api.Report(report with { Child = report.Child with { School = School, DateOfBirth = Born, AgeYears = null } });
        await _api.Step(Roles.EducationOfficer, $"/api/cases/{caseId}/school-reintegration", Bodies.SchoolPlan() with { School = NewSchool });
        return caseId;
    }

    [Fact]
    public async Task no_plaintext_name_phone_or_school_is_stored_in_the_events_or_the_case_summaries_before_or_after_erasure()
    {
        var caseId = await ReportedWithIdentity();

        (await CountStored("enc:v1:")).ShouldBeGreaterThan(0, "the search itself finds what is stored");
        foreach (var value in Plaintext) (await CountStored(value)).ShouldBe(0, value);
        (await Scalar($"select count(*) from {Schema}.mt_doc_casekey where id = @id", caseId)).ShouldBe(1L);

        await _api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());

        foreach (var value in Plaintext) (await CountStored(value)).ShouldBe(0, value);
        (await Scalar($"select count(*) from {Schema}.mt_doc_casekey where id = @id", caseId)).ShouldBe(0L, "the key is destroyed");
    }

    [Fact]
    public async Task the_case_shows_the_identity_until_erasure_and_erased_everywhere_after_while_history_and_statistics_stay()
    {
        var caseId = await ReportedWithIdentity();
        var before = await Case(caseId);
        before.GetProperty("child").GetProperty("name").GetString().ShouldBe(Child);
        before.GetProperty("child").GetProperty("school").GetString().ShouldBe(School);
        before.GetProperty("child").GetProperty("dateOfBirth").GetString().ShouldBe(Born.ToString("yyyy-MM-dd"));
        var reported = (await History(caseId))[0].GetProperty("data");
        reported.GetProperty("reporter").GetProperty("phone").GetString().ShouldBe(Phone);
        reported.GetProperty("child").GetProperty("dateOfBirth").GetString().ShouldBe(Born.ToString("yyyy-MM-dd"));

        await _api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());

        var after = await Case(caseId);
        after.GetProperty("child").GetProperty("name").GetString().ShouldBe("[erased]");
        after.GetProperty("child").GetProperty("school").GetString().ShouldBe("[erased]");
        after.GetProperty("identityErased").GetBoolean().ShouldBeTrue();
        // What the statistics count stays: status, harm, where, the child's age and sex.
        foreach (var kept in new[] { "status", "stage", "harmForms", "incidentCommune", "receivedAt" })
            after.GetProperty(kept).GetRawText().ShouldBe(before.GetProperty(kept).GetRawText(), kept);
        after.GetProperty("child").GetProperty("ageYears").GetInt32().ShouldBe(9);
        after.GetProperty("child").GetProperty("dateOfBirth").ValueKind.ShouldBe(JsonValueKind.Null);
        after.GetProperty("child").GetProperty("sex").GetString().ShouldBe("Female");

        var history = await History(caseId);
        history.Select(e => e.GetProperty("type").GetString()).ShouldBe(["case_reported", "school_reintegration_planned", "identity_erased"]);
        var data = history[0].GetProperty("data");
        data.GetProperty("child").GetProperty("name").GetString().ShouldBe("[erased]");
        data.GetProperty("reporter").GetProperty("name").GetString().ShouldBe("[erased]");
        data.GetProperty("reporter").GetProperty("phone").GetString().ShouldBe("[erased]");
        data.GetProperty("child").GetProperty("dateOfBirth").ValueKind.ShouldBe(JsonValueKind.Null);
        history[1].GetProperty("data").GetProperty("school").GetString().ShouldBe("[erased]");
        var erased = history[2].GetProperty("data");
        erased.GetProperty("reason").GetString().ShouldBe(Bodies.Erase().Reason);
        erased.GetProperty("erasedBy").GetString().ShouldBe("user-admin");
        history[2].GetProperty("stepAt").ValueKind.ShouldBe(JsonValueKind.String);
        history[2].GetProperty("actor").GetProperty("role").GetString().ShouldBe(Roles.Admin);

        // As it stood before the erasure: the events are the same, the key is not.
        var asOf = await (await _api.Get(Roles.Auditor, $"/api/cases/{caseId}?version=1")).ShouldHave(HttpStatusCode.OK);
        asOf.GetProperty("child").GetProperty("name").GetString().ShouldBe("[erased]");
        var export = await (await _api.Get(Roles.Auditor, $"/api/cases/{caseId}/export?format=html")).Content.ReadAsStringAsync();
        export.ShouldNotContain("Nhung");
        export.ShouldContain("[erased]");
    }

    [Fact]
    public async Task identity_recorded_after_the_erasure_is_not_kept()
    {
        var caseId = await _api.Report();
        await _api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());

        await _api.Step(Roles.EducationOfficer, $"/api/cases/{caseId}/school-reintegration", Bodies.SchoolPlan() with { School = NewSchool });

        var planned = (await _api.Events(caseId))[^1].Data.ShouldBeOfType<SchoolReintegrationPlanned>();
        planned.School.ShouldBe("[erased]");
    }

    [Fact]
    public async Task a_rebuilt_case_summary_still_reads_erased()
    {
        var caseId = await ReportedWithIdentity();
        await _api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());
        var live = (await Case(caseId)).GetRawText();

        using (var daemon = await App.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync("CaseSummary", CancellationToken.None);

        var rebuilt = await Case(caseId);
        rebuilt.GetProperty("child").GetProperty("name").GetString().ShouldBe("[erased]");
        rebuilt.GetRawText().ShouldBe(live);
        foreach (var value in Plaintext) (await CountStored(value)).ShouldBe(0, value);
    }

    [Fact]
    public async Task erasure_is_for_admins_needs_a_reason_and_happens_once()
    {
        var caseId = await _api.Report();
        var url = $"/api/cases/{caseId}/erasure";

        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
            await (await _api.As(role).PostJson(url, Bodies.Erase())).ShouldHave(HttpStatusCode.Forbidden);
        await (await _api.As(Roles.Admin).PostJson(url, Bodies.Erase() with { Reason = "  " })).ShouldBeInvalid("reason");
        await (await _api.As(Roles.Admin).PostRaw(url, "{}")).ShouldBeInvalid("reason");

        await _api.Step(Roles.Admin, url, Bodies.Erase());
        await (await _api.As(Roles.Admin).PostJson(url, Bodies.Erase())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.IdentityErased);
        await (await _api.As(Roles.Admin).PostJson($"/api/cases/{Guid.NewGuid()}/erasure", Bodies.Erase())).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_closed_case_can_be_erased()
    {
        var caseId = await _api.Closed();
        await _api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());
        (await Case(caseId)).GetProperty("child").GetProperty("name").GetString().ShouldBe("[erased]");
    }

    private string Schema => App.Store.Options.Events.DatabaseSchemaName;

    private async Task<JsonElement> Case(Guid caseId) =>
        await (await _api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);

    private async Task<JsonElement[]> History(Guid caseId) =>
        (await (await _api.Get(Roles.Auditor, $"/api/cases/{caseId}/history")).ShouldHave(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();

    /// <summary>Rows of the events table (data and headers), the case summaries and the case snapshots that contain the text.</summary>
    private async Task<long> CountStored(string text) =>
        (long)(await Scalar($"""
            select (select count(*) from {Schema}.mt_events where data::text like @p or coalesce(headers::text, '') like @p)
                 + (select count(*) from {Schema}.mt_doc_casesummary where data::text like @p)
                 + (select count(*) from {Schema}.mt_doc_case where data::text like @p)
            """, text: $"%{text}%"))!;

    private static async Task<object?> Scalar(string sql, Guid? id = null, string? text = null)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is { } i) command.Parameters.AddWithValue("id", i);
        if (text is not null) command.Parameters.AddWithValue("p", text);
        return await command.ExecuteScalarAsync();
    }
}
