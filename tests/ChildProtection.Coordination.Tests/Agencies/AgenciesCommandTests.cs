using ChildProtection.Coordination.Tests.Support;
using System.Diagnostics;
using ChildProtection.Coordination.Agencies;
namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class AgenciesCommandTests(AppFixture app) : IntegrationContext(app), IDisposable
{
    protected override bool DemoDirectory => false;

    private const string Good =
        AgencyCsvTests.Header + "\n" +
        "syt-quang-tri,Sở Y tế tỉnh Quảng Trị,,ProvincialHealthDepartment,44,,2025-07-01,,\n" +
        "ubnd-dong-hoi,Ủy ban nhân dân phường Đồng Hới,,CommunePeoplesCommittee,44,dong-hoi-ward,2025-07-01,,\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("cp-agencies-").FullName;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.EstablishAsync("dong-hoi-ward");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string text)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task the_import_verb_imports_a_file_with_the_apis_rules()
    {
        var output = new StringWriter();
        (await AgenciesCommand.ImportAsync(App.Store, File(Good), output)).ShouldBeTrue(output.ToString());
        output.ToString().ShouldContain("2 created, 0 updated, 0 unchanged");

        var listing = new StringWriter();
        (await AgenciesCommand.ListAsync(App.Store, "44", listing)).ShouldBeTrue();
        listing.ToString().ShouldContain("ubnd-dong-hoi");
        listing.ToString().ShouldContain("2 agencies.");
    }

    [Fact]
    public async Task a_bad_file_is_refused_whole_with_its_rows()
    {
        var output = new StringWriter();
        var bad = Good + "ca-dong-hoi,Công an,,CommunePolice,44,ghost-ward,2025-07-01,,\n";
        (await AgenciesCommand.ImportAsync(App.Store, File(bad), output)).ShouldBeFalse();
        output.ToString().ShouldContain("row 4, commune: Unknown commune 'ghost-ward'.");
        (await App.Directory().ListAsync()).ShouldBeEmpty();

        (await AgenciesCommand.ImportAsync(App.Store, Path.Combine(_dir, "missing.csv"), output)).ShouldBeFalse();
    }

    [Fact]
    public async Task the_built_service_runs_agencies_import_from_the_command_line()
    {
        var (code, output) = await Run("agencies", "import", File(Good));
        code.ShouldBe(0, output);
        output.ShouldContain("2 created");
        (await App.Directory().GetAsync("ubnd-dong-hoi"))!.Kind.ShouldBe(AgencyKind.CommunePeoplesCommittee);

        var (failed, failure) = await Run("agencies", "import", File(Good.Replace("ProvincialHealthDepartment", "Ministry")));
        failed.ShouldNotBe(0, failure);
        failure.ShouldContain("row 2, kind");
    }

    private static Task<(int Code, string Output)> Run(params string[] args) => ServiceProcess.RunAsync(args);
}
