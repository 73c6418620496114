using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;
namespace ChildProtection.Coordination.Tests.Cases.Reporting;

/// <summary>POST /api/cases and /crime-report.</summary>
public sealed class ReportingRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private const string ValidReport = """
        {"channel":"Hotline111",
         "child":{"name":"Mai","sex":"Female","communeOfResidence":"dong-hoi-ward","ageYears":9},
         "incident":{"commune":"dong-hoi-ward","occurredAt":"2026-01-01T00:00:00Z","harmForms":["Violence"],"description":"Beaten"}}
        """;

    // POST /api/cases

    [Fact]
    public async Task a_report_opens_a_case_at_version_1_with_location_and_etag()
    {
        var response = await Api.As(Roles.HotlineOperator).PostJson("/api/cases", Bodies.Report());

        await response.ShouldHave(HttpStatusCode.Created);
        var body = await response.Read<StepAccepted>();
        body.Version.ShouldBe(1);
        body.Id.ShouldBeNull();
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        response.Headers.Location!.ToString().ShouldBe($"/api/cases/{body.CaseId}");
        var events = await Api.Events(body.CaseId);
        events.Count.ShouldBe(1);
        events[0].Data.ShouldBeOfType<CaseReported>().Child.Name.ShouldStartWith("enc:v1:");
        (await Api.RevealedEvents(body.CaseId))[0].ShouldBeOfType<CaseReported>().Child.Name.ShouldBe("Nguyễn Thị Mai");
    }

    [Fact]
    public async Task every_receiving_role_may_report_a_case()
    {
        foreach (var role in CasePermissions.RolesFor(CaseAction.Report))
            await (await Api.As(role).PostJson("/api/cases", Bodies.Report())).ShouldHave(HttpStatusCode.Created);
    }

    [Fact]
    public async Task the_reporters_identity_is_kept_only_with_consent()
    {
        var withoutConsent = await Api.Report(Bodies.Report() with { Reporter = new Reporter("neighbour", false, "Trần Văn Bình", "0912345678") });
        var withConsent = await Api.Report(Bodies.Report() with { Reporter = new Reporter("neighbour", true, "Trần Văn Bình", "0912345678") });

        var kept = (CaseReported)(await Api.RevealedEvents(withConsent))[0];
        kept.Reporter.Name.ShouldBe("Trần Văn Bình");
        var dropped = (CaseReported)(await Api.RevealedEvents(withoutConsent))[0];
        dropped.Reporter.Name.ShouldBeNull();
        dropped.Reporter.Phone.ShouldBeNull();
    }

    [Fact]
    public async Task a_report_with_malformed_json_is_a_400_problem()
    {
        await (await Api.As(Roles.HotlineOperator).PostRaw("/api/cases", "{\"channel\":")).ShouldHave(HttpStatusCode.BadRequest);
        await (await Api.As(Roles.HotlineOperator).PostRaw("/api/cases", "")).ShouldHave(HttpStatusCode.BadRequest);
        (await (await Api.As(Roles.HotlineOperator).PostRaw("/api/cases", "null")).ShouldBeInvalid("body")).Field().ShouldBe("body");
        (await Api.AllEventCount()).ShouldBe(0);
    }

    [Theory]
    [InlineData("channel", "\"Fax\"")]
    [InlineData("channel", "0")]
    [InlineData("child.sex", "\"Girl\"")]
    [InlineData("incident.harmForms.0", "\"Bullying\"")]
    [InlineData("incident.suspectedPerpetrator", "\"Neighbour\"")]
    public async Task a_report_with_an_unknown_enum_value_is_a_400_naming_the_field(string path, string value)
    {
        var body = JsonEdit.Set(ValidReport, path, System.Text.Json.Nodes.JsonNode.Parse(value));
        await (await Api.As(Roles.HotlineOperator).PostRaw("/api/cases", body)).ShouldBeInvalid(JsonEdit.ErrorPath(path));
    }

    [Theory]
    [InlineData("channel")]
    [InlineData("child")]
    [InlineData("incident")]
    [InlineData("child.name")]
    [InlineData("child.sex")]
    [InlineData("incident.harmForms")]
    [InlineData("incident.description")]
    public async Task a_report_missing_a_required_field_is_a_400_naming_it(string path)
    {
        var response = await Api.As(Roles.HotlineOperator).PostRaw("/api/cases", JsonEdit.Remove(ValidReport, path));
        await response.ShouldBeInvalid(path.Split('.')[^1]);
        (await Api.AllEventCount()).ShouldBe(0);
    }

    [Theory]
    [InlineData("child.ageYears", "\"nine\"")]
    [InlineData("child.name", "42")]
    [InlineData("incident.occurredAt", "true")]
    [InlineData("incident.harmForms", "\"Violence\"")]
    [InlineData("child", "\"Mai\"")]
    [InlineData("child.dateOfBirth", "\"31/12/2017\"")]
    public async Task a_report_with_a_field_of_the_wrong_type_is_a_400_naming_it(string path, string value)
    {
        var body = JsonEdit.Set(ValidReport, path, System.Text.Json.Nodes.JsonNode.Parse(value));
        await (await Api.As(Roles.HotlineOperator).PostRaw("/api/cases", body)).ShouldBeInvalid(path);
    }

    public static TheoryData<string, Func<ReportCase, ReportCase>> InvalidReports => new()
    {
        { "child.name", r => r with { Child = r.Child with { Name = "  " } } },
        { "child.communeOfResidence", r => r with { Child = r.Child with { CommuneOfResidence = "" } } },
        { "child.ageYears", r => r with { Child = r.Child with { AgeYears = 16 } } },
        { "child.ageYears", r => r with { Child = r.Child with { AgeYears = -1 } } },
        { "child.dateOfBirth", r => r with { Child = r.Child with { AgeYears = null, DateOfBirth = null } } },
        { "child.dateOfBirth", r => r with { Child = r.Child with { AgeYears = null, DateOfBirth = Bodies.Today.AddDays(5) } } },
        { "child.dateOfBirth", r => r with { Child = r.Child with { AgeYears = null, DateOfBirth = Bodies.Today.AddYears(-17) } } },
        { "incident.commune", r => r with { Incident = r.Incident with { Commune = " " } } },
        // A commune no commune in force answers for would leave the report with no one to act on it (or to see it).
        { "incident.commune", r => r with { Incident = r.Incident with { Commune = "nowhere" } } },
        { "incident.commune", r => r with { Incident = r.Incident with { Commune = new string('x', 5000) } } },
        { "child.communeOfResidence", r => r with { Child = r.Child with { CommuneOfResidence = "nowhere-else" } } },
        { "child.communeOfResidence", r => r with { Child = r.Child with { CommuneOfResidence = new string('x', 5000) } } },
        { "incident.description", r => r with { Incident = r.Incident with { Description = "" } } },
        { "incident.harmForms", r => r with { Incident = r.Incident with { HarmForms = [] } } },
        { "incident.occurredAt", r => r with { Incident = r.Incident with { OccurredAt = r.ReceivedAt!.Value.AddHours(2) } } },
        { "receivedAt", r => r with { ReceivedAt = DateTimeOffset.UtcNow.AddHours(1) } },
    };

    [Theory, MemberData(nameof(InvalidReports))]
    public async Task a_report_the_law_does_not_allow_is_a_400_naming_the_field(string field, Func<ReportCase, ReportCase> change)
    {
        var response = await Api.As(Roles.HotlineOperator).PostJson("/api/cases", change(Bodies.Report()));

        (await response.ShouldBeInvalid(field)).Field().ShouldBe(field);
        (await Api.AllEventCount()).ShouldBe(0);
    }

    [Fact]
    public async Task a_report_without_a_token_is_a_401()
    {
        await (await App.Client(null).PostJson("/api/cases", Bodies.Report())).ShouldHave(HttpStatusCode.Unauthorized);
        (await Api.AllEventCount()).ShouldBe(0);
    }

    [Theory]
    [InlineData(Roles.MassOrganisation)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Integrator)]
    [InlineData(Roles.Admin)]
    public async Task a_role_that_does_not_receive_reports_is_forbidden_to_report(string role)
    {
        var problem = await (await Api.As(role).PostJson("/api/cases", Bodies.Report())).ShouldHave(HttpStatusCode.Forbidden);
        problem.Detail().ShouldContain(role);
        (await Api.AllEventCount()).ShouldBe(0);
    }

    // POST /api/cases/{caseId}/crime-report

    [Fact]
    public async Task police_record_the_crime_report_and_its_clock_is_met()
    {
        var caseId = await Api.Report(Bodies.Report(harm: [HarmForm.SexualAbuse]));

        var body = await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/crime-report",
            Bodies.CrimeReport() with { ReceiptNumber = "  CA-DH-7  " })).ShouldBeAccepted(caseId);

        var recorded = (await Api.Events(caseId))[^1].Data.ShouldBeOfType<CrimeReportRecorded>();
        recorded.ReceiptNumber.ShouldBe("CA-DH-7");
        recorded.ForwardedToInvestigation.ShouldBeTrue();
        var summary = await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Read<CaseSummary>();
        summary.OpenWork.ShouldNotContain(w => w.Kind == "crime-report");
        summary.Clocks.Single(c => c.Name == "crime-report").MetAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task a_crime_report_without_a_receipt_number_is_a_400_naming_it()
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/crime-report", Bodies.CrimeReport() with { ReceiptNumber = " " });
        (await response.ShouldBeInvalid("receiptNumber")).Field().ShouldBe("receiptNumber");
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Fact]
    public async Task only_police_record_a_crime_report()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/crime-report", Bodies.CrimeReport())).ShouldHave(HttpStatusCode.Forbidden);
        (await Api.Version(caseId)).ShouldBe(1);
    }
}
