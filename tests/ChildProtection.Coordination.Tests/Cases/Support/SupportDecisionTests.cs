using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Support;
using static ChildProtection.Coordination.Tests.Support.History;
namespace ChildProtection.Coordination.Tests.Cases.Support;

/// <summary>Psychosocial support and legal aid a plan hands out.</summary>
public sealed class SupportDecisionTests
{
    private static readonly StepContext SocialWorker = Given.Context(Roles.SocialWorker);

    public static TheoryData<ServiceKind> PsychosocialKinds => new(ServiceKind.PsychosocialSupport, ServiceKind.Shelter, ServiceKind.Counselling);

    public static TheoryData<ServiceKind> OtherKinds =>
        new(Enum.GetValues<ServiceKind>().Except([ServiceKind.PsychosocialSupport, ServiceKind.Shelter, ServiceKind.Counselling]));

    [Theory, MemberData(nameof(PsychosocialKinds))]
    public void psychological_support_shelter_or_counselling_given_is_recorded(ServiceKind kind)
    {
        ProvidePsychosocialSupportEndpoint.Decide(Given.Case(PlanInForce()), new ProvidePsychosocialSupport(kind, "social work centre", "sessions"), SocialWorker)
            .ShouldAcceptOne<PsychosocialSupportProvided>()
            .ShouldBe(new PsychosocialSupportProvided(Given.CaseId, Given.Now, kind, "social work centre", "sessions"));
    }

    [Theory, MemberData(nameof(OtherKinds))]
    public void another_kind_of_service_recorded_as_psychosocial_support_is_invalid(ServiceKind kind)
    {
        ProvidePsychosocialSupportEndpoint.Decide(Given.Case(PlanInForce()), new ProvidePsychosocialSupport(kind, "centre", "sessions"), SocialWorker)
            .ShouldReject(400, "kind");
    }

    [Theory]
    [InlineData("", "sessions", "provider")]
    [InlineData("centre", " ", "summary")]
    public void psychosocial_support_without_a_provider_or_summary_is_invalid(string provider, string summary, string field)
    {
        ProvidePsychosocialSupportEndpoint.Decide(Given.Case(PlanInForce()), new ProvidePsychosocialSupport(ServiceKind.Shelter, provider, summary), SocialWorker)
            .ShouldReject(400, field);
    }

    [Fact]
    public void legal_aid_given_is_recorded()
    {
        ProvideLegalAidEndpoint.Decide(Given.Case(PlanInForce()), new ProvideLegalAid("legal aid centre", "advice to the mother"), SocialWorker)
            .ShouldAcceptOne<LegalAidProvided>()
            .ShouldBe(new LegalAidProvided(Given.CaseId, Given.Now, "legal aid centre", "advice to the mother"));
    }

    [Theory]
    [InlineData(" ", "advice", "provider")]
    [InlineData("centre", "", "summary")]
    public void legal_aid_without_a_provider_or_summary_is_invalid(string provider, string summary, string field)
    {
        ProvideLegalAidEndpoint.Decide(Given.Case(PlanInForce()), new ProvideLegalAid(provider, summary), SocialWorker).ShouldReject(400, field);
    }
}
