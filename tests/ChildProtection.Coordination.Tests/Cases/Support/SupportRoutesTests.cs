using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Tests.Cases.Support;

/// <summary>/psychosocial-support and /legal-aid.</summary>
public sealed class SupportRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    // POST /api/cases/{caseId}/psychosocial-support

    [Theory]
    [InlineData(ServiceKind.PsychosocialSupport)]
    [InlineData(ServiceKind.Shelter)]
    [InlineData(ServiceKind.Counselling)]
    public async Task psychological_support_shelter_or_counselling_is_recorded(ServiceKind kind)
    {
        var caseId = await Api.Report();

        await (await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/psychosocial-support", Bodies.Psychosocial() with { Kind = kind })).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<PsychosocialSupportProvided>().Kind.ShouldBe(kind);
    }

    [Theory]
    [InlineData(ServiceKind.LegalAid)]
    [InlineData(ServiceKind.MedicalCare)]
    public async Task a_service_that_is_not_psychosocial_is_a_400_naming_kind(ServiceKind kind)
    {
        var caseId = await Api.Report();
        var response = await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/psychosocial-support", Bodies.Psychosocial() with { Kind = kind });
        (await response.ShouldBeInvalid("kind")).Field().ShouldBe("kind");
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("summary")]
    public async Task psychosocial_support_without_provider_or_summary_is_a_400_naming_it(string field)
    {
        var caseId = await Api.Report();
        var body = field == "provider" ? Bodies.Psychosocial() with { Provider = "" } : Bodies.Psychosocial() with { Summary = " " };
        (await (await Api.As(Roles.HealthWorker).PostJson($"/api/cases/{caseId}/psychosocial-support", body)).ShouldBeInvalid(field)).Field().ShouldBe(field);
    }

    [Fact]
    public async Task the_commune_officer_may_not_record_psychosocial_support()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/psychosocial-support", Bodies.Psychosocial())).ShouldHave(HttpStatusCode.Forbidden);
    }

    // POST /api/cases/{caseId}/legal-aid

    [Fact]
    public async Task legal_aid_is_recorded()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.SocialWorker).PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid())).ShouldBeAccepted(caseId);
        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<LegalAidProvided>().Provider.ShouldBe("Provincial legal aid centre");
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("summary")]
    public async Task legal_aid_without_provider_or_summary_is_a_400_naming_it(string field)
    {
        var caseId = await Api.Report();
        var body = field == "provider" ? Bodies.LegalAid() with { Provider = " " } : Bodies.LegalAid() with { Summary = "" };
        (await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/legal-aid", body)).ShouldBeInvalid(field)).Field().ShouldBe(field);
    }

    [Fact]
    public async Task police_may_not_record_legal_aid()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/legal-aid", Bodies.LegalAid())).ShouldHave(HttpStatusCode.Forbidden);
    }
}
