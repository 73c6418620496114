using ChildProtection.Coordination.Tests.Support;
using System.Net;
namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class AgencyImportHttpTests(AppFixture app) : IntegrationContext(app)
{
    protected override bool DemoDirectory => false;

    private const string Header = AgencyCsvTests.Header;

    private const string Good =
        Header + "\r\n" +
        "syt-quang-tri,Sở Y tế tỉnh Quảng Trị,Quang Tri Department of Health,ProvincialHealthDepartment,44,,2025-07-01,,\r\n" +
        "ubnd-dong-hoi,Ủy ban nhân dân phường Đồng Hới,\"People's Committee, Dong Hoi\",CommunePeoplesCommittee,44,dong-hoi-ward,2025-07-01,,syt-quang-tri\r\n";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.EstablishAsync("dong-hoi-ward");
    }

    [Fact]
    public async Task an_import_registers_new_ids_and_updates_existing_ones()
    {
        var first = await (await App.Admin().PostCsv(Good)).ShouldHave(HttpStatusCode.OK);
        first.GetProperty("created").GetInt32().ShouldBe(2);

        var changed = Good.Replace("Sở Y tế tỉnh Quảng Trị", "Sở Y tế Quảng Trị");
        var second = await (await App.Admin().PostCsv(changed)).ShouldHave(HttpStatusCode.OK);
        (second.GetProperty("created").GetInt32(), second.GetProperty("updated").GetInt32(), second.GetProperty("unchanged").GetInt32()).ShouldBe((0, 1, 1));

        var agency = await App.Directory().GetAsync("syt-quang-tri");
        agency!.NameVi.ShouldBe("Sở Y tế Quảng Trị");
        (await App.Directory().GetAsync("ubnd-dong-hoi"))!.NameEn.ShouldBe("People's Committee, Dong Hoi");
    }

    [Fact]
    public async Task one_bad_row_rejects_the_whole_file_and_lists_every_bad_row()
    {
        var csv = Good +
                  "ca-dong-hoi,Công an phường Đồng Hới,,CommunePolice,44,ghost-ward,2025-07-01,,\r\n" +
                  "th-hai-dinh,Trường Tiểu học Hải Đình,,Temple,44,dong-hoi-ward,2025-07-01,,\r\n";
        var problem = await (await App.Admin().PostCsv(csv)).ShouldHave(HttpStatusCode.BadRequest);

        problem.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString()))
            .ShouldBe([(4, "commune"), (5, "kind")]);
        problem.GetProperty("errors").TryGetProperty("rows[4].commune", out _).ShouldBeTrue();
        (await App.Directory().ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_import_is_csv_for_administrators_only()
    {
        await (await App.Admin().PostCsv(Good, "application/json")).ShouldHave(HttpStatusCode.UnsupportedMediaType);
        await (await App.Client("commune-officer").PostCsv(Good)).ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client(null).PostCsv(Good)).ShouldHave(HttpStatusCode.Unauthorized);
        (await (await App.Admin().PostCsv("")).ShouldHave(HttpStatusCode.BadRequest)).GetProperty("rows")[0].GetProperty("field").GetString().ShouldBe("header");
    }
}
