using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Support;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Audit.Integrity;
using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Tests.Audit;

/// <summary>A host whose anchors are signed with a key file and published to a directory, both outside the database.</summary>
public sealed class AnchorFixture : AppFixture
{
    public const string Schema = "cp_anchor_tests";
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "cp-anchors-" + Guid.NewGuid().ToString("N"));
    public static string KeyFile => Path.Combine(Folder, "anchor-signing-key.pem");
    public static string Sink => Path.Combine(Folder, "sink");

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "false",
        ["Marten:Schema"] = Schema,
        ["Directory:SeedDemo"] = "true",
        ["Audit:AnchorKeyFile"] = KeyFile,
        ["Audit:AnchorSinkDirectory"] = Sink,
    };

    protected override Task PrepareDatabaseAsync() => TestDatabase.DropSchemaAsync(Schema);
}

/// <summary>
/// A case checked from outside: the anchor is signed with a key that is not in the database and published to a
/// directory; ops/verify-export (Node.js, its own RFC 8785) checks the exported case against that file and the
/// public key alone, free text with U+2028 and emoji included, and catches a changed history or a forged anchor.
/// </summary>
public sealed class AnchorVerificationTests : IClassFixture<AnchorFixture>
{
    private readonly AnchorFixture app;
    private readonly CaseApi api;

    public AnchorVerificationTests(AnchorFixture app) => (this.app, api) = (app, new CaseApi(app));

    private static (int Exit, string Output) Verify(string export, string anchor, string key)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ChildProtection.Coordination.sln"))) root = root.Parent!;
        var run = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root.FullName, "ops", "verify-export"), export, anchor, key])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = run.StandardOutput.ReadToEnd() + run.StandardError.ReadToEnd();
        run.WaitForExit();
        return (run.ExitCode, output);
    }

    [Fact]
    public async Task an_exported_case_verifies_offline_against_the_published_signed_anchor_and_a_change_does_not()
    {
        var report = Bodies.Report();
        report = report with { Incident = report.Incident with { Description = "Cháu kể:\u2028“bố đánh” 👧🏻 <b>&amp;</b> \u00e9\u0065\u0301 \t tab" } };
        var caseId = await api.Report(report);
        await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/verification", Bodies.Verify());
        await HandoffApi.Eventually(async () =>
        {
            var body = await (await api.As(Roles.Auditor).GetAsync($"/api/cases/{caseId}/integrity")).ShouldHave(HttpStatusCode.OK);
            return body.GetProperty("unsealed").GetArrayLength() == 0 && body.GetProperty("checked").GetInt32() == 2;
        }, "both events sealed", seconds: 30);

        var cut = await (await api.As(Roles.Admin).PostAsync("/api/audit/anchors", null)).ShouldHave(HttpStatusCode.Created);
        var anchorId = cut.GetProperty("id").GetGuid();
        var key = await (await api.As(Roles.Auditor).GetAsync("/api/audit/anchors/public-key")).ShouldHave(HttpStatusCode.OK);
        var pem = key.GetProperty("publicKeyPem").GetString()!;
        AnchorSigner.Verifies(cut.GetProperty("statement").GetString()!, cut.GetProperty("signature").GetString()!, pem).ShouldBeTrue();
        File.ReadAllText(AnchorFixture.KeyFile).ShouldContain("PRIVATE KEY");

        // Published outside the database as it was cut.
        string? published = null;
        await HandoffApi.Eventually(() =>
        {
            published = Directory.Exists(AnchorFixture.Sink) ? Directory.GetFiles(AnchorFixture.Sink, $"*{anchorId:N}.json").SingleOrDefault() : null;
            return Task.FromResult(published is not null);
        }, "the anchor file in the sink", seconds: 30);

        var export = await (await api.As(Roles.Auditor).GetAsync($"/api/cases/{caseId}/export?include=chain")).ShouldHave(HttpStatusCode.OK);
        export.GetProperty("chain").GetProperty("version").GetInt32().ShouldBe(2);
        var folder = Directory.CreateTempSubdirectory("cp-verify-").FullName;
        var exportFile = Path.Combine(folder, "case.json");
        var keyFile = Path.Combine(folder, "anchor-public.pem");
        await File.WriteAllTextAsync(exportFile, export.GetRawText());
        await File.WriteAllTextAsync(keyFile, pem);

        var (exit, output) = Verify(exportFile, published!, keyFile);
        output.ShouldContain("VERIFIED: case");
        exit.ShouldBe(0);

        // The history changed after the anchor: the report's description (sealed, so replaced whole).
        var changed = JsonNode.Parse(export.GetRawText())!;
        var first = changed["chain"]!["rows"]![0]!;
        var data = JsonNode.Parse(first["data"]!.GetValue<string>())!;
        var description = data["incident"]!["description"]!.GetValue<string>();
        data["incident"]!["description"] = description + " bố mắng";
        first["data"] = data.ToJsonString();
        var changedFile = Path.Combine(folder, "changed.json");
        await File.WriteAllTextAsync(changedFile, changed.ToJsonString());
        (exit, output) = Verify(changedFile, published!, keyFile);
        output.ShouldContain("history was changed");
        exit.ShouldBe(1);

        // An anchor rewritten to match a changed history no longer carries a valid signature.
        var forged = JsonNode.Parse(await File.ReadAllTextAsync(published!))!;
        forged["statement"] = forged["statement"]!.GetValue<string>().Replace("\"cases\":", "\"cases\": ");
        var forgedFile = Path.Combine(folder, "forged.json");
        await File.WriteAllTextAsync(forgedFile, forged.ToJsonString());
        (exit, output) = Verify(exportFile, forgedFile, keyFile);
        output.ShouldContain("signature does not verify");
        exit.ShouldBe(1);
    }

    [Fact]
    public async Task the_stored_rows_are_for_auditors_and_admins_and_a_bad_include_is_a_400()
    {
        var caseId = await api.Report(Bodies.Report());
        await (await api.As(Roles.CommuneOfficer).GetAsync($"/api/cases/{caseId}/export?include=chain")).ShouldHave(HttpStatusCode.Forbidden);
        var bad = await (await api.As(Roles.Auditor).GetAsync($"/api/cases/{caseId}/export?include=everything")).ShouldHave(HttpStatusCode.BadRequest);
        bad.GetProperty("field").GetString().ShouldBe("include");
        (await api.As(Roles.Auditor).GetAsync($"/api/cases/{caseId}/export")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
