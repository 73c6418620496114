using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Privacy;
using CaseAgencies = ChildProtection.Coordination.Tests.Support.RoleAgencies;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Cases;

namespace ChildProtection.Coordination.Tests.Privacy;

/// <summary>
/// A mass organisation (not a statutory agency) handed work on a case reads it only with consent in force: the
/// parent's or guardian's, and the child's own from the age of 7. Statutory agencies are never gated.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DisclosureConsentTests(AppFixture app) : IntegrationContext(app)
{
    private const string ChildName = "Nguyễn Thị Mai";
    private readonly CaseApi api = new(app);
    private static readonly string WomensUnion = CaseAgencies.Of(Roles.MassOrganisation);

    private async Task<Guid> CaseHandedToTheWomensUnion(int ageYears = 9, DateOnly? bornOn = null)
    {
        var report = Bodies.Report(ageYears: ageYears, childName: ChildName);
        if (bornOn is { } born) report = report with { Child = report.Child with { DateOfBirth = born, AgeYears = null } };
        var caseId = await api.Report(report);
        await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/handoffs",
            new RequestHandoff(WomensUnion, HandoffTask.ProvideService, "Home visits and parenting support", DateTimeOffset.UtcNow.AddDays(5)));
        return caseId;
    }

    private Task<Guid> Consent(Guid caseId, ConsentGiver by, RecipientKind to = RecipientKind.MassOrganisation,
        ConsentPurpose purpose = ConsentPurpose.SupportServices) =>
        api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/consents", new GiveConsent(by, purpose, [to])).ContinueWith(t => t.Result.Id!.Value);

    private Task<HttpResponseMessage> ReadAsWomensUnion(Guid caseId) =>
        app.Client(Roles.MassOrganisation, WomensUnion).GetAsync($"/api/cases/{caseId}");

    [Fact]
    public async Task without_any_consent_the_mass_organisation_is_refused_with_the_reason()
    {
        var caseId = await CaseHandedToTheWomensUnion();

        var problem = await (await ReadAsWomensUnion(caseId)).ShouldHave(HttpStatusCode.Forbidden);

        problem.Detail().ShouldContain("needs consent");
        problem.Detail().ShouldContain("no consent in force of a parent or guardian");
        problem.Detail().ShouldNotContain(ChildName);
    }

    [Fact]
    public async Task a_parents_consent_alone_is_not_enough_for_a_child_of_seven_or_over()
    {
        var caseId = await CaseHandedToTheWomensUnion(ageYears: 9);
        await Consent(caseId, ConsentGiver.Parent);

        var problem = await (await ReadAsWomensUnion(caseId)).ShouldHave(HttpStatusCode.Forbidden);

        problem.Detail().ShouldContain("has not consented");
    }

    [Fact]
    public async Task with_the_parent_and_the_child_consenting_the_mass_organisation_reads_the_childs_name_and_its_task()
    {
        var caseId = await CaseHandedToTheWomensUnion(ageYears: 9);
        await Consent(caseId, ConsentGiver.Parent);
        await Consent(caseId, ConsentGiver.Child);

        var body = await (await ReadAsWomensUnion(caseId)).ShouldHave(HttpStatusCode.OK);

        body.GetProperty("child").GetProperty("name").GetString().ShouldBe(ChildName);
        body.TryGetProperty("harmForms", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task a_parents_consent_suffices_for_a_child_under_seven()
    {
        var caseId = await CaseHandedToTheWomensUnion(ageYears: 5);
        await Consent(caseId, ConsentGiver.Parent);

        await (await ReadAsWomensUnion(caseId)).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task consent_for_another_recipient_or_purpose_does_not_count_and_withdrawal_closes_the_case_again()
    {
        var caseId = await CaseHandedToTheWomensUnion(ageYears: 5);
        await Consent(caseId, ConsentGiver.Parent, to: RecipientKind.Integrator);
        await Consent(caseId, ConsentGiver.Parent, purpose: ConsentPurpose.Research);
        await (await ReadAsWomensUnion(caseId)).ShouldHave(HttpStatusCode.Forbidden);

        var consentId = await Consent(caseId, ConsentGiver.Parent);
        await (await ReadAsWomensUnion(caseId)).ShouldHave(HttpStatusCode.OK);

        await api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/consents/{consentId}/withdrawal", new WithdrawConsent(ConsentGiver.Parent));
        await (await ReadAsWomensUnion(caseId)).ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task statutory_agencies_read_without_consent()
    {
        var caseId = await CaseHandedToTheWomensUnion();

        var body = await (await app.Client(Roles.PoliceOfficer, CaseAgencies.Of(Roles.PoliceOfficer)).GetAsync($"/api/cases/{caseId}"))
            .ShouldHave(HttpStatusCode.OK);

        body.GetProperty("child").GetProperty("name").GetString().ShouldBe(ChildName);
    }

    [Fact]
    public async Task a_child_who_turned_seven_since_the_report_must_now_consent_too()
    {
        // Reported yesterday at 6; 7 today. The date of birth is sealed, and the age is counted from it.
        var caseId = await CaseHandedToTheWomensUnion(bornOn: Bodies.Today.AddYears(-7));
        await Consent(caseId, ConsentGiver.Parent);

        var problem = await (await ReadAsWomensUnion(caseId)).ShouldHave(HttpStatusCode.Forbidden);

        problem.Detail().ShouldContain("has not consented");
    }
}
