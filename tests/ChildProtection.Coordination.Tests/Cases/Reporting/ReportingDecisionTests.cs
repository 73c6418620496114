using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Support.History;
namespace ChildProtection.Coordination.Tests.Cases.Reporting;

/// <summary>Form 01 and the police receipt (ND56 Art. 25).</summary>
public sealed class ReportingDecisionTests
{
    private static readonly Guid NewCaseId = Guid.CreateVersion7();

    internal static ChildDetails Child(string name = "Nguyễn Thị Mai", int? ageYears = 9, DateOnly? dateOfBirth = null, string commune = "dong-hoi-ward") =>
        new(name, Sex.Female, commune, dateOfBirth, ageYears);

    internal static IncidentDetails Incident(HarmForm[]? harm = null, DateTimeOffset? occurredAt = null, string commune = "dong-hoi-ward", string description = "beaten by stepfather") =>
        new(commune, occurredAt ?? Given.Now.AddHours(-3), harm ?? [HarmForm.Violence], description, PerpetratorRelation.StepParent);

    internal static ReportCase Report(ChildDetails? child = null, IncidentDetails? incident = null, Reporter? reporter = null, DateTimeOffset? receivedAt = null) =>
        new(ReportChannel.Hotline111, child ?? Child(), incident ?? Incident(), reporter, receivedAt);

    internal static Decision Decide(ReportCase command, CaseRulesOptions? rules = null, DateTimeOffset? now = null) =>
        ReportCaseEndpoint.Decide(NewCaseId, command, Given.InForce, Given.Context(Roles.HotlineOperator, now, rules));

    [Fact]
    public void a_complete_report_opens_the_case_received_now()
    {
        var reported = Decide(Report()).ShouldAcceptOne<CaseReported>();

        reported.CaseId.ShouldBe(NewCaseId);
        reported.ReceivedAt.ShouldBe(Given.Now);
        reported.Channel.ShouldBe(ReportChannel.Hotline111);
        reported.Incident.HarmForms.ShouldBe([HarmForm.Violence]);
    }

    [Fact]
    public void a_late_entry_keeps_the_time_the_report_was_received()
    {
        var receivedAt = Given.Now.AddDays(-2);

        var reported = Decide(Report(incident: Incident(occurredAt: receivedAt.AddHours(-1)), receivedAt: receivedAt)).ShouldAcceptOne<CaseReported>();

        reported.ReceivedAt.ShouldBe(receivedAt);
    }

    [Fact]
    public void the_reporters_name_and_phone_are_dropped_without_their_consent()
    {
        var reporter = new Reporter("neighbour", ConsentsToIdentity: false, Name: "Trần Văn Bình", Phone: "0912345678");

        var reported = Decide(Report(reporter: reporter)).ShouldAcceptOne<CaseReported>();

        reported.Reporter.ShouldBe(new Reporter("neighbour", false, null, null));
    }

    [Fact]
    public void the_reporters_name_and_phone_are_kept_with_their_consent()
    {
        var reporter = new Reporter("neighbour", ConsentsToIdentity: true, Name: "Trần Văn Bình", Phone: "0912345678");

        var reported = Decide(Report(reporter: reporter)).ShouldAcceptOne<CaseReported>();

        reported.Reporter.ShouldBe(reporter);
    }

    [Fact]
    public void an_anonymous_report_records_an_empty_reporter()
    {
        var reported = Decide(Report(reporter: null)).ShouldAcceptOne<CaseReported>();

        reported.Reporter.ShouldBe(new Reporter());
    }

    [Fact]
    public void names_of_the_child_and_communes_are_trimmed()
    {
        var reported = Decide(Report(Child(name: "  Mai  ", commune: " dong-son-ward "), Incident(commune: " dong-hoi-ward "))).ShouldAcceptOne<CaseReported>();

        reported.Child.Name.ShouldBe("Mai");
        reported.Child.CommuneOfResidence.ShouldBe("dong-son-ward");
        reported.Incident.Commune.ShouldBe("dong-hoi-ward");
    }

    public static TheoryData<string, string> MissingFields => new()
    {
        { "child.name", " " },
        { "child.communeOfResidence", "" },
        { "incident.commune", "  " },
        { "incident.description", "" },
    };

    [Theory, MemberData(nameof(MissingFields))]
    public void a_report_missing_a_required_field_is_invalid_naming_it(string field, string blank)
    {
        var command = field switch
        {
            "child.name" => Report(Child(name: blank)),
            "child.communeOfResidence" => Report(Child(commune: blank)),
            "incident.commune" => Report(incident: Incident(commune: blank)),
            _ => Report(incident: Incident(description: blank)),
        };

        Decide(command).ShouldReject(400, field);
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("Dong-Hoi-Ward")]
    [InlineData("dong hoi")]
    public void an_incident_commune_no_commune_in_force_answers_for_is_invalid(string commune)
    {
        // No agency would be handed the report, nor see it, while its 12-hour clock ran.
        var refused = Decide(Report(incident: Incident(commune: commune))).ShouldReject(400, "incident.commune");
        refused.Detail!.ShouldContain("agency directory");
    }

    [Fact]
    public void a_child_living_in_no_commune_in_force_is_invalid_and_the_refusal_does_not_repeat_it()
    {
        var refused = Decide(Report(Child(commune: "nowhere-else"))).ShouldReject(400, "child.communeOfResidence");
        refused.Detail!.ShouldNotContain("nowhere-else");
    }

    [Fact]
    public void a_commune_code_of_thousands_of_characters_is_invalid_and_not_repeated()
    {
        var endless = new string('x', 5000);
        Decide(Report(incident: Incident(commune: endless))).ShouldReject(400, "incident.commune").Detail!.Length.ShouldBeLessThan(300);
        Decide(Report(Child(commune: endless))).ShouldReject(400, "child.communeOfResidence").Detail!.Length.ShouldBeLessThan(300);
    }

    [Fact]
    public void a_report_naming_a_merged_communes_code_keeps_the_code_it_was_given()
    {
        // The endpoint resolves a merged commune's code to its successor before the decision: the report names the place as
        // the reporter did, and the directory answers for it.
        var successor = new Commune { Code = "dong-hoi-ward", ProvinceCode = "44" };
        var reported = ReportCaseEndpoint.Decide(NewCaseId, Report(incident: Incident(commune: "old-ward")),
                code => code is "old-ward" ? successor : Given.InForce(code), Given.Context(Roles.HotlineOperator))
            .ShouldAcceptOne<CaseReported>();
        reported.Incident.Commune.ShouldBe("old-ward");
    }

    [Fact]
    public void a_child_with_neither_date_of_birth_nor_age_is_invalid()
    {
        Decide(Report(Child(ageYears: null))).ShouldReject(400, "child.dateOfBirth");
    }

    [Fact]
    public void a_date_of_birth_after_the_report_is_invalid()
    {
        Decide(Report(Child(ageYears: null, dateOfBirth: new DateOnly(2026, 12, 1)))).ShouldReject(400, "child.dateOfBirth");
    }

    [Fact]
    public void an_incident_after_the_report_was_received_is_invalid()
    {
        Decide(Report(incident: Incident(occurredAt: Given.Now.AddMinutes(3)))).ShouldReject(400, "incident.occurredAt");
    }

    [Fact]
    public void an_incident_within_the_clock_skew_of_the_report_is_accepted()
    {
        Decide(Report(incident: Incident(occurredAt: Given.Now.AddMinutes(2)))).ShouldAccept();
    }

    [Fact]
    public void the_police_receipt_of_a_crime_report_is_recorded_trimmed()
    {
        var recorded = RecordCrimeReportEndpoint.Decide(Given.Case(Reported()), new RecordCrimeReport(" CA-2026/17 ", true), Police())
            .ShouldAcceptOne<CrimeReportRecorded>();

        recorded.ShouldBe(new CrimeReportRecorded(Given.CaseId, Given.Now, "CA-2026/17", true));
    }

    [Fact]
    public void a_crime_report_without_a_receipt_number_is_invalid()
    {
        RecordCrimeReportEndpoint.Decide(Given.Case(Reported()), new RecordCrimeReport(" ", false), Police())
            .ShouldReject(400, "receiptNumber");
    }
}
