using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using Marten;
namespace ChildProtection.Coordination.Tests.Cases.Identity;

/// <summary>Correcting the child's identity through the HTTP API and the real store: sealed, shown, replayed, matched again, erased.</summary>
public sealed class IdentityCorrectionHttpTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<Guid> Report(string name, Sex sex = Sex.Female)
    {
        var report = Bodies.Report(childName: name);
        return await Api.Report(report with { Child = report.Child with { Sex = sex } });
    }

    private Task<StepAccepted> Correct(Guid caseId, CorrectChildIdentity correction, string role = Roles.CommuneOfficer) =>
        Api.Step(role, $"/api/cases/{caseId}/identity-corrections", correction);

    private async Task<JsonElement> Read(Guid caseId, string query = "", string role = Roles.CommuneOfficer) =>
        await (await Api.Get(role, $"/api/cases/{caseId}{query}")).ShouldHave(HttpStatusCode.OK);

    private async Task<Guid[]> Candidates(Guid caseId) =>
        (await (await Api.As(Roles.CommuneOfficer).GetAsync($"/api/cases/{caseId}/possible-duplicates")).ShouldHave(HttpStatusCode.OK))
        .GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("caseId").GetGuid()).ToArray();

    private async Task<string> StoredEventJson(Guid caseId)
    {
        await using var session = App.Store.QuerySession();
        return string.Join("\n", await session.QueryAsync<string>(
            $"select data::text from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events where stream_id = ?", caseId));
    }

    [Fact]
    public async Task the_corrected_identity_is_sealed_shown_to_those_who_read_identity_and_an_earlier_version_shows_the_old_one()
    {
        var caseId = await Report("Nguyễn Thị Mai");
        var before = await Api.Version(caseId);
        var born = Bodies.Today.AddYears(-10).AddDays(-40);

        await Correct(caseId, new CorrectChildIdentity("Birth certificate seen at the visit", Name: "Nguyễn Thị Mai Phương", DateOfBirth: born,
            Carers: [new Carer("Lê Thị Hoa", CarerRelation.Grandparent, "0912345678")]), Roles.HotlineOperator);

        var now = await Read(caseId);
        now.GetProperty("child").GetProperty("name").GetString().ShouldBe("Nguyễn Thị Mai Phương");
        now.GetProperty("child").GetProperty("dateOfBirth").GetString().ShouldBe(born.ToString("yyyy-MM-dd"));
        now.GetProperty("child").GetProperty("school").GetString().ShouldBe("Trường Tiểu học Hải Đình");
        now.GetProperty("carers")[0].GetProperty("name").GetString().ShouldBe("Lê Thị Hoa");

        var then = await Read(caseId, $"?version={before}", Roles.Auditor);
        then.GetProperty("child").GetProperty("name").GetString().ShouldBe("Nguyễn Thị Mai");
        then.GetProperty("child").GetProperty("dateOfBirth").ValueKind.ShouldBe(JsonValueKind.Null);

        var stored = await StoredEventJson(caseId);
        foreach (var clear in new[] { "Phương", "Phuong", "Hoa", "0912345678", "Birth certificate", born.ToString("yyyy-MM-dd") })
            stored.ShouldNotContain(clear, Shouldly.Case.Sensitive);
        var corrected = (await Api.RevealedEvents(caseId)).OfType<ChildIdentityCorrected>().Single();
        corrected.Parts.ShouldBe([ChildIdentityCorrected.NamePart, ChildIdentityCorrected.DateOfBirthPart, ChildIdentityCorrected.CarersPart]);
        corrected.Reason.ShouldBe("Birth certificate seen at the visit");
        var e = (await Api.Events(caseId)).Single(x => x.Data is ChildIdentityCorrected);
        e.Headers!["role"].ToString().ShouldBe(Roles.HotlineOperator);
        e.Headers!["agency"].ToString().ShouldBe("hotline-111");
    }

    [Fact]
    public async Task two_reports_that_did_not_match_match_once_one_is_corrected_to_the_other_and_part_again_when_corrected_back()
    {
        var mai = await Report("Nguyễn Thị Mai");
        var nam = await Report("Trần Văn Nam", Sex.Male);
        (await Candidates(nam)).ShouldBeEmpty();

        await Correct(nam, new CorrectChildIdentity("The caller gave the brother's name", Name: "Nguyễn Thị Mai", Sex: Sex.Female));
        (await Candidates(nam)).ShouldBe([mai]);
        (await Candidates(mai)).ShouldBe([nam]);

        await Correct(nam, new CorrectChildIdentity("It was the brother after all", Name: "Trần Văn Nam", Sex: Sex.Male));
        (await Candidates(nam)).ShouldBeEmpty();
        (await Candidates(mai)).ShouldBeEmpty();
    }

    [Fact]
    public async Task erasure_after_a_correction_removes_the_corrected_identity_and_the_match_key()
    {
        var caseId = await Report("Nguyễn Thị Mai");
        await Correct(caseId, new CorrectChildIdentity("Misspelt", Name: "Nguyễn Thị Mây"));
        await Api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());

        var after = await Read(caseId, role: Roles.Auditor);
        after.GetProperty("child").GetProperty("name").GetString().ShouldBe(IdentityVault.Erased);
        (await Api.RevealedEvents(caseId)).OfType<ChildIdentityCorrected>().Single().Name.ShouldBe(IdentityVault.Erased);
        await using (var session = App.Store.QuerySession())
        {
            (await MatchKeyStorage.LoadAsync(session, caseId, CancellationToken.None)).ShouldBeNull();
            (await session.QueryAsync<long>($"select count(*) from {MatchKeyStorage.BlockTableOf(session)} where case_id = ?", caseId)).Single().ShouldBe(0);
        }
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/identity-corrections", new CorrectChildIdentity("again", Name: "A")))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.IdentityErased);
    }

    [Fact]
    public async Task a_bad_part_is_a_400_naming_it_without_echoing_the_identity_and_only_the_reporting_agency_or_the_commune_officer_corrects()
    {
        var caseId = await Report("Nguyễn Thị Mai");
        var refused = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/identity-corrections",
            new CorrectChildIdentity("why", Name: "Hoàng Thị Bích Ngọc", AgeYears: 30));
        var problem = await refused.ShouldHave(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("ageYears");
        problem.GetRawText().ShouldNotContain("Ngọc");

        // A commune of residence no commune in force answers for, or no code at all: a 400 that does not repeat it.
        foreach (var commune in new[] { "nowhere-else", new string('x', 5000) })
        {
            var unknown = await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/identity-corrections",
                new CorrectChildIdentity("moved", CommuneOfResidence: commune))).ShouldHave(HttpStatusCode.BadRequest);
            unknown.GetProperty("field").GetString().ShouldBe("communeOfResidence");
            unknown.GetRawText().ShouldNotContain(commune[..8]);
        }
        (await Api.RevealedEvents(caseId)).OfType<ChildIdentityCorrected>().ShouldBeEmpty();
        await Correct(caseId, new CorrectChildIdentity("moved", CommuneOfResidence: "dong-son-ward"));

        // The province's social work centre reads the case (J) but did not take the report: it tells the commune.
        await (await App.Client(Roles.SocialWorker, "ctxh-quang-tri").PostJson($"/api/cases/{caseId}/identity-corrections",
            new CorrectChildIdentity("why", Name: "A"))).ShouldHave(HttpStatusCode.Forbidden);
        await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/identity-corrections",
            new CorrectChildIdentity("why", Name: "A"))).ShouldHave(HttpStatusCode.Forbidden);
        await (await Api.As(Roles.Auditor).PostJson($"/api/cases/{caseId}/identity-corrections",
            new CorrectChildIdentity("why", Name: "A"))).ShouldHave(HttpStatusCode.Forbidden);
    }
}
