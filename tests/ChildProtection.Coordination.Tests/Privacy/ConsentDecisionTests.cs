using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Privacy;
using ChildProtection.Coordination.Cases.Identity;

namespace ChildProtection.Coordination.Tests.Privacy;

/// <summary>Recording and withdrawing consent, and erasure, decided on the case alone.</summary>
public sealed class ConsentDecisionTests
{
    private static GiveConsent Consent(ConsentGiver by = ConsentGiver.Parent, RecipientKind[]? to = null, DateTimeOffset? expires = null) =>
        new(by, ConsentPurpose.CaseCoordination, to ?? [RecipientKind.Integrator, RecipientKind.Integrator], expires);

    [Fact]
    public void a_consent_is_recorded_with_its_own_id_once_per_recipient_kind()
    {
        var decision = GiveConsentEndpoint.Decide(Given.Case(Given.Reported()), Consent(), Given.Context());
        var given = decision.ShouldAccept().ShouldHaveSingleItem().ShouldBeOfType<ConsentGiven>();
        given.RecipientKinds.ShouldBe([RecipientKind.Integrator]);
        given.GivenAt.ShouldBe(Given.Now);
        ((ChildProtection.Coordination.Common.Decision.Accepted)decision).ResourceId.ShouldBe(given.ConsentId);
    }

    [Fact]
    public void a_child_gives_consent_from_the_age_of_7()
    {
        GiveConsentEndpoint.Decide(Given.Case(Given.Reported(ageYears: 6)), Consent(ConsentGiver.Child), Given.Context()).ShouldReject(400, "givenBy");
        GiveConsentEndpoint.Decide(Given.Case(Given.Reported(ageYears: 7)), Consent(ConsentGiver.Child), Given.Context()).ShouldAccept();
        // Reported at 6 a year and more ago: 7 now.
        var reportedAtSix = Given.Reported(ageYears: 6, at: Given.Now.AddDays(-400));
        GiveConsentEndpoint.Decide(Given.Case(reportedAtSix), Consent(ConsentGiver.Child), Given.Context()).ShouldAccept();
    }

    [Fact]
    public void consent_names_a_non_statutory_recipient_and_ends_after_it_begins()
    {
        var current = Given.Case(Given.Reported());
        GiveConsentEndpoint.Decide(current, Consent(to: []), Given.Context()).ShouldReject(400, "recipientKinds");
        GiveConsentEndpoint.Decide(current, Consent(to: [RecipientKind.Integrator, RecipientKind.Police]), Given.Context())
            .ShouldReject(400, "recipientKinds").Detail.ShouldContain("Police");
        GiveConsentEndpoint.Decide(current, Consent(expires: Given.Now), Given.Context()).ShouldReject(400, "expiresAt");
    }

    [Fact]
    public void a_consent_is_withdrawn_once_and_only_one_that_exists()
    {
        var consentId = Guid.NewGuid();
        var given = new ConsentGiven(Given.CaseId, consentId, ConsentGiver.Parent, ConsentPurpose.CaseCoordination, [RecipientKind.Integrator], Given.Now.AddHours(-2));
        var current = Given.Case(Given.Reported(), given);

        WithdrawConsentEndpoint.Decide(current, Guid.NewGuid(), new WithdrawConsent(ConsentGiver.Parent), Given.Context()).ShouldReject(404);
        WithdrawConsentEndpoint.Decide(current, consentId, new WithdrawConsent(ConsentGiver.Parent, Given.Now.AddHours(-3)), Given.Context())
            .ShouldReject(400, "occurredAt");
        var withdrawn = WithdrawConsentEndpoint.Decide(current, consentId, new WithdrawConsent(ConsentGiver.Child), Given.Context())
            .ShouldAccept().ShouldHaveSingleItem().ShouldBeOfType<ConsentWithdrawn>();
        withdrawn.WithdrawnBy.ShouldBe(ConsentGiver.Child);

        var after = Given.Case(Given.Reported(), given, withdrawn);
        after.Consents.ShouldHaveSingleItem().WithdrawnAt.ShouldBe(Given.Now);
        WithdrawConsentEndpoint.Decide(after, consentId, new WithdrawConsent(ConsentGiver.Parent), Given.Context()).ShouldReject(409, ProblemKinds.ConsentWithdrawn);
    }

    [Fact]
    public void erasure_records_who_and_why_once()
    {
        var current = Given.Case(Given.Reported());
        EraseIdentityEndpoint.Decide(current, new EraseIdentity(" "), Given.Context()).ShouldReject(400, "reason");
        var erased = EraseIdentityEndpoint.Decide(current, new EraseIdentity(" Retention ended "), Given.Context("admin"))
            .ShouldAccept().ShouldHaveSingleItem().ShouldBeOfType<IdentityErased>();
        (erased.ErasedBy, erased.Reason, erased.ErasedAt).ShouldBe(("user-1", "Retention ended", Given.Now));

        EraseIdentityEndpoint.Decide(Given.Case(Given.Reported(), erased), new EraseIdentity("again"), Given.Context("admin")).ShouldReject(409, ProblemKinds.IdentityErased);
    }
}
