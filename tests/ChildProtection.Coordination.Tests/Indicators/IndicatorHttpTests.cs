using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Indicators;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Tests.Support;
using Marten.Events;
namespace ChildProtection.Coordination.Tests.Indicators;

/// <summary>
/// The indicator routes through the real host: who reads which unit, the formats, the refusals, suppression and filing.
/// The cases are reported through the API in dong-son-ward, which the random histories of the collection leave alone.
/// </summary>
[Collection(IndicatorCollection.Name)]
public sealed class IndicatorHttpTests(IndicatorFixture app)
{
    private const string Commune = "dong-son-ward";
    private static string ThisMonth => $"{VietnamTime.DateOf(DateTimeOffset.UtcNow):yyyy-MM}";
    private static string Url(string level, string unit, string period, string more = "") => $"/api/indicators?level={level}&unit={unit}&period={period}{more}";

    private HttpClient As(string role, string agency) => app.Client(role, agency);

    private async Task<Guid> ReportAndVerify(DateTimeOffset receivedAt, bool substantiated = true)
    {
        var report = Bodies.Report(Commune, receivedAt: receivedAt);
        var response = await As(Roles.HotlineOperator, "hotline-111").PostJson("/api/cases", report);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var caseId = (await response.ReadJson()).GetProperty("caseId").GetGuid();
        (await As(Roles.CommuneOfficer, "ubnd-dong-son").PostJson($"/api/cases/{caseId}/verification",
            new VerifyReport(substantiated, "seen", receivedAt.AddHours(1)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        return caseId;
    }

    private static long? Cell(JsonElement report, string indicator, string dimension, string category) =>
        report.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == indicator)
            .GetProperty("cells").EnumerateArray()
            .Single(c => c.GetProperty("dimension").GetString() == dimension && c.GetProperty("category").GetString() == category)
            .GetProperty("count") is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : null;

    [Fact]
    public async Task a_report_walked_through_the_real_steps_is_counted_for_its_commune_its_province_and_the_nation()
    {
        var before = await (await As(Roles.CommuneOfficer, "ubnd-dong-son").GetAsync(Url("commune", Commune, ThisMonth))).ReadJson();
        await ReportAndVerify(DateTimeOffset.UtcNow.AddHours(-3));

        var commune = await (await As(Roles.CommuneOfficer, "ubnd-dong-son").GetAsync(Url("commune", Commune, ThisMonth))).ReadJson();
        Cell(commune, "reports-received", "channel", "Hotline111").ShouldBe(Cell(before, "reports-received", "channel", "Hotline111") + 1);
        Cell(commune, "abused-children", "sex", "Female").ShouldBe(Cell(before, "abused-children", "sex", "Female") + 1);
        Cell(commune, "abused-children", "age-group", "6-10").ShouldBe(Cell(before, "abused-children", "age-group", "6-10") + 1);
        commune.GetProperty("suppressed").GetBoolean().ShouldBeFalse();

        var province = await (await As(Roles.HealthWorker, "syt-quang-tri").GetAsync(Url("province", "44", ThisMonth[..4]))).ReadJson();
        Cell(province, "abused-children", "total", "all").ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(1);
        var nation = await As(Roles.MinistryOfficer, "bo-y-te").GetAsync(Url("nation", "vn", ThisMonth[..4]));
        nation.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Roles.CommuneOfficer, "ubnd-dong-son", "commune", Commune, HttpStatusCode.OK)]
    [InlineData(Roles.CommuneChair, "ubnd-dong-son", "commune", "dong-hoi-ward", HttpStatusCode.Forbidden)]
    [InlineData(Roles.CommuneChair, "ubnd-dong-son", "province", "44", HttpStatusCode.Forbidden)]
    [InlineData(Roles.HealthWorker, "syt-quang-tri", "province", "44", HttpStatusCode.OK)]
    [InlineData(Roles.HealthWorker, "syt-quang-tri", "commune", Commune, HttpStatusCode.OK)]
    [InlineData(Roles.HealthWorker, "syt-quang-tri", "province", "31", HttpStatusCode.Forbidden)]
    [InlineData(Roles.HealthWorker, "tyt-dong-hoi", "province", "44", HttpStatusCode.Forbidden)]
    [InlineData(Roles.HealthWorker, "syt-quang-tri", "nation", "vn", HttpStatusCode.Forbidden)]
    [InlineData(Roles.MinistryOfficer, "bo-y-te", "nation", "vn", HttpStatusCode.OK)]
    [InlineData(Roles.MinistryOfficer, "bo-y-te", "province", "31", HttpStatusCode.OK)]
    [InlineData(Roles.Auditor, "syt-quang-tri", "province", "44", HttpStatusCode.OK)]
    [InlineData(Roles.Auditor, "syt-quang-tri", "nation", "vn", HttpStatusCode.Forbidden)]
    [InlineData(Roles.PoliceOfficer, "ca-dong-son", "commune", Commune, HttpStatusCode.Forbidden)]
    [InlineData(Roles.HotlineOperator, "hotline-111", "nation", "vn", HttpStatusCode.Forbidden)]
    public async Task each_role_reads_the_units_its_reach_covers(string role, string agency, string level, string unit, HttpStatusCode status)
    {
        var response = await As(role, agency).GetAsync(Url(level, unit, "2026"));
        if (status == HttpStatusCode.OK) response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        else await response.ShouldHave(status);
    }

    [Theory]
    [InlineData("district", "x", "2026", "level")]
    [InlineData("province", "99", "2026", "unit")]
    [InlineData("commune", "Dong Son", "2026", "unit")]
    [InlineData("nation", "fr", "2026", "unit")]
    [InlineData("province", "44", "2026-H3", "period")]
    [InlineData("province", "44", "2026-13", "period")]
    [InlineData("province", "44", "26", "period")]
    public async Task a_bad_level_unit_or_period_is_a_400_naming_the_field(string level, string unit, string period, string field) =>
        await (await As(Roles.MinistryOfficer, "bo-y-te").GetAsync(Url(level, Uri.EscapeDataString(unit), period))).ShouldBeInvalid(field);

    [Fact]
    public async Task an_as_of_before_the_period_or_an_unknown_format_is_a_400()
    {
        var ministry = As(Roles.MinistryOfficer, "bo-y-te");
        await (await ministry.GetAsync(Url("nation", "vn", "2026", "&asOf=2025-06-01T00:00:00Z"))).ShouldBeInvalid("asOf");
        await (await ministry.GetAsync(Url("nation", "vn", "2026", "&asOf=yesterday"))).ShouldBeInvalid("asOf");
        await (await ministry.GetAsync(Url("nation", "vn", "2026", "&format=pdf"))).ShouldBeInvalid("format");
        await (await ministry.GetAsync(Url("nation", "vn", "2026", "&publish=maybe"))).ShouldBeInvalid("publish");
    }

    [Fact]
    public async Task the_report_comes_as_csv_and_as_an_xlsx_workbook()
    {
        var client = As(Roles.HealthWorker, "syt-quang-tri");
        var request = new HttpRequestMessage(HttpMethod.Get, Url("province", "44", "2026-H2"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await client.SendAsync(request);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(string.Join(',', IndicatorFormats.CsvColumns));
        lines.ShouldContain(l => l.StartsWith("abused-children,0101,sex,Female,", StringComparison.Ordinal));

        var xlsx = await client.GetAsync(Url("province", "44", "2026-H2", "&format=xlsx"));
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe(IndicatorFormats.Xlsx);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        bytes[..2].ShouldBe("PK"u8.ToArray());
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), sheetName: "Báo cáo").Cast<IDictionary<string, object?>>().ToList();
        rows.ShouldContain(r => Equals(r["C"], "Số trẻ em bị xâm hại / Abused children"));
    }

    [Fact]
    public async Task a_non_statutory_reader_gets_small_cells_withheld_and_a_statutory_one_every_cell()
    {
        await ReportAndVerify(DateTimeOffset.UtcNow.AddHours(-2));
        var statutory = await (await As(Roles.CommuneOfficer, "ubnd-dong-son").GetAsync(Url("commune", Commune, ThisMonth))).ReadJson();
        var total = Cell(statutory, "abused-children", "total", "all");
        total.ShouldNotBeNull().ShouldBeGreaterThan(0);

        var published = await (await As(Roles.CommuneOfficer, "ubnd-dong-son").GetAsync(Url("commune", Commune, ThisMonth, "&publish=true"))).ReadJson();
        published.GetProperty("suppressed").GetBoolean().ShouldBeTrue();
        if (total < 5) Cell(published, "abused-children", "total", "all").ShouldBeNull();
        var integrator = await (await As(Roles.Integrator, "some-integrator").GetAsync(Url("commune", Commune, ThisMonth))).ReadJson();
        integrator.GetProperty("suppressed").GetBoolean().ShouldBeTrue();
        integrator.GetProperty("indicators").EnumerateArray().SelectMany(i => i.GetProperty("cells").EnumerateArray())
            .Select(c => c.GetProperty("count")).Where(n => n.ValueKind == JsonValueKind.Number)
            .ShouldAllBe(n => n.GetInt64() == 0 || n.GetInt64() >= 5);
    }

    [Fact]
    public async Task a_filed_report_is_frozen_and_a_late_entry_shows_as_a_revision_beside_it()
    {
        var lastMonth = VietnamTime.DateOf(DateTimeOffset.UtcNow).AddMonths(-1);
        var period = $"{lastMonth:yyyy-MM}";
        var chair = As(Roles.CommuneChair, "ubnd-dong-son");
        var filed = await chair.PostJson("/api/indicators/filings", new FileIndicatorReport("commune", Commune, period));
        filed.StatusCode.ShouldBe(HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        var filing = await filed.ReadJson();
        filing.GetProperty("digest").GetString()!.ShouldStartWith("sha256:");

        var atFiling = await (await chair.GetAsync(Url("commune", Commune, period))).ReadJson();
        atFiling.GetProperty("filed").GetProperty("revised").GetBoolean().ShouldBeFalse();
        var filedCount = Cell(atFiling, "reports-received", "total", "all");

        // A report from last month entered late, after the filing.
        await ReportAndVerify(VietnamTime.StartOf(new DateOnly(lastMonth.Year, lastMonth.Month, 15)).AddHours(10));
        var later = await (await chair.GetAsync(Url("commune", Commune, period))).ReadJson();
        later.GetProperty("filed").GetProperty("revised").GetBoolean().ShouldBeTrue();
        var cell = later.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "reports-received")
            .GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("dimension").GetString() == "total");
        cell.GetProperty("filedCount").GetInt64().ShouldBe(filedCount!.Value);
        cell.GetProperty("count").GetInt64().ShouldBe(filedCount.Value + 1);
        cell.GetProperty("difference").GetInt64().ShouldBe(1);

        var thisMonth = await chair.PostJson("/api/indicators/filings", new FileIndicatorReport("commune", Commune, ThisMonth));
        await thisMonth.ShouldHave(HttpStatusCode.Conflict, ProblemKinds.PeriodNotEnded);
        await (await As(Roles.Auditor, "syt-quang-tri").PostJson("/api/indicators/filings", new FileIndicatorReport("commune", Commune, period)))
            .ShouldHave(HttpStatusCode.Forbidden);
        // Who may file comes before when: another unit's unfinished period is a 403, not a 409.
        await (await chair.PostJson("/api/indicators/filings", new FileIndicatorReport("province", "44", ThisMonth[..4])))
            .ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_commune_no_directory_knows_is_a_404_not_a_report_of_zeros()
    {
        var ministry = As(Roles.MinistryOfficer, "bo-y-te");
        await (await ministry.GetAsync(Url("commune", "nowhere", "2026"))).ShouldHave(HttpStatusCode.NotFound);
        await (await ministry.PostJson("/api/indicators/filings", new FileIndicatorReport("commune", "nowhere", "2025"))).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_case_moved_to_another_province_counts_its_report_where_it_was_received_and_what_follows_where_it_went()
    {
        const string newCommune = "le-chan-ward";   // Hải Phòng (31); the random histories leave it alone
        var ministry = As(Roles.MinistryOfficer, "bo-y-te");
        async Task<(long? Reports, long? Abused)> Read(string commune)
        {
            var report = await (await ministry.GetAsync(Url("commune", commune, ThisMonth))).ReadJson();
            return (Cell(report, "reports-received", "total", "all"), Cell(report, "abused-children", "total", "all"));
        }
        var (oldBefore, newBefore) = (await Read(Commune), await Read(newCommune));

        var response = await As(Roles.HotlineOperator, "hotline-111").PostJson("/api/cases", Bodies.Report(Commune, receivedAt: DateTimeOffset.UtcNow.AddHours(-3)));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var caseId = (await response.ReadJson()).GetProperty("caseId").GetGuid();
        var moved = await As(Roles.CommuneOfficer, "ubnd-dong-son").PostJson($"/api/cases/{caseId}/transfer", Bodies.Transfer(newCommune));
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        // The commune that now holds the case finds the abuse.
        (await As(Roles.CommuneOfficer, "ubnd-le-chan").PostJson($"/api/cases/{caseId}/verification", new VerifyReport(true, "seen"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        (await Read(Commune)).ShouldBe((oldBefore.Reports + 1, oldBefore.Abused));
        (await Read(newCommune)).ShouldBe((newBefore.Reports, newBefore.Abused + 1));
    }

    [Fact]
    public async Task the_definitions_are_the_table_in_the_data()
    {
        var definitions = await (await As(Roles.Integrator, "some-integrator").GetAsync("/api/indicators/definitions")).ReadJson();
        definitions.GetProperty("indicators").GetArrayLength().ShouldBe(IndicatorDefinitions.Current.Indicators.Count);
    }
}
