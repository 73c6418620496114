using System.Diagnostics;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Tests.Support;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class AgenciesCommandTests(AppFixture app) : IntegrationContext(app), IDisposable
{
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

    /// <summary>Runs the service's dll as ops/run would, against the test database.</summary>
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        // The service's own build output, not the copy beside the tests: scanning that folder would load
        // the test assembly, whose xunit attributes the service cannot resolve.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testBin.Name, testBin.Parent!.Name);
        var repo = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repo, "src", "ChildProtection.Coordination", "bin", configuration, framework, "ChildProtection.Coordination.dll");
        if (!System.IO.File.Exists(dll)) dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Marten"] = Environment.GetEnvironmentVariable("ConnectionStrings__Marten");
        start.Environment["Auth__SigningKey"] = Convert.ToBase64String(AppFixture.SigningKey);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
