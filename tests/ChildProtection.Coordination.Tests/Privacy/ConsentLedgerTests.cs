using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases.Identity;

namespace ChildProtection.Coordination.Tests.Privacy;

/// <summary>Disclosure to non-statutory recipients: the parent or guardian consents, and the child too from the age of 7.</summary>
public sealed class ConsentLedgerTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    private static Consent By(ConsentGiver giver, RecipientKind to = RecipientKind.Integrator, ConsentPurpose purpose = ConsentPurpose.CaseCoordination,
        DateTimeOffset? given = null, DateTimeOffset? expires = null, DateTimeOffset? withdrawn = null) =>
        new(Guid.NewGuid(), giver, purpose, [to], given ?? Now.AddDays(-1), expires, withdrawn);

    private static (bool Permitted, string Reason) Integrator(int? age, params Consent[] consents) =>
        ConsentLedger.Permits(consents, age, RecipientKind.Integrator, ConsentPurpose.CaseCoordination, Now);

    [Theory]
    [InlineData(RecipientKind.CommunePeoplesCommittee)]
    [InlineData(RecipientKind.Police)]
    [InlineData(RecipientKind.Health)]
    [InlineData(RecipientKind.Education)]
    [InlineData(RecipientKind.SocialWorkCentre)]
    [InlineData(RecipientKind.JusticeLegalAid)]
    public void statutory_agencies_are_never_gated(RecipientKind kind)
    {
        var (permitted, reason) = ConsentLedger.Permits([], 12, kind, ConsentPurpose.CaseCoordination, Now);
        permitted.ShouldBeTrue();
        reason.ShouldContain("statutory");
    }

    [Fact]
    public void without_any_consent_a_non_statutory_recipient_gets_nothing()
    {
        foreach (var kind in new[] { RecipientKind.Integrator, RecipientKind.MassOrganisation, RecipientKind.Researcher })
            ConsentLedger.Permits([], 5, kind, ConsentPurpose.CaseCoordination, Now).Permitted.ShouldBeFalse();
    }

    [Fact]
    public void under_7_the_parent_or_guardian_alone_consents()
    {
        Integrator(6, By(ConsentGiver.Parent)).Permitted.ShouldBeTrue();
        Integrator(3, By(ConsentGiver.Guardian)).Permitted.ShouldBeTrue();
    }

    [Fact]
    public void from_7_both_the_child_and_a_parent_or_guardian_consent()
    {
        var (parentOnly, why) = Integrator(7, By(ConsentGiver.Parent));
        parentOnly.ShouldBeFalse();
        why.ShouldContain("the child is 7 or over");
        var (childOnly, whyNot) = Integrator(12, By(ConsentGiver.Child));
        childOnly.ShouldBeFalse();
        whyNot.ShouldContain("no parent or guardian");
        Integrator(12, By(ConsentGiver.Child), By(ConsentGiver.Guardian)).Permitted.ShouldBeTrue();
    }

    [Fact]
    public void an_unknown_age_asks_for_the_childs_consent_too()
    {
        Integrator(null, By(ConsentGiver.Parent)).Permitted.ShouldBeFalse();
        Integrator(null, By(ConsentGiver.Parent), By(ConsentGiver.Child)).Permitted.ShouldBeTrue();
    }

    [Fact]
    public void a_consent_counts_only_for_its_own_purpose_and_recipient_kinds()
    {
        Integrator(5, By(ConsentGiver.Parent, to: RecipientKind.MassOrganisation)).Permitted.ShouldBeFalse();
        Integrator(5, By(ConsentGiver.Parent, purpose: ConsentPurpose.Research)).Permitted.ShouldBeFalse();
    }

    [Fact]
    public void a_withdrawn_expired_or_not_yet_given_consent_permits_nothing()
    {
        Integrator(5, By(ConsentGiver.Parent, withdrawn: Now.AddHours(-1))).Permitted.ShouldBeFalse();
        Integrator(5, By(ConsentGiver.Parent, expires: Now)).Permitted.ShouldBeFalse();
        Integrator(5, By(ConsentGiver.Parent, given: Now.AddMinutes(1))).Permitted.ShouldBeFalse();
        // Withdrawn later than now: still in force now.
        Integrator(5, By(ConsentGiver.Parent, withdrawn: Now.AddHours(1), expires: Now.AddDays(30))).Permitted.ShouldBeTrue();
    }

    [Fact]
    public void the_withdrawal_of_the_childs_consent_stops_disclosure_even_with_the_parents_in_force()
    {
        Integrator(10, By(ConsentGiver.Parent), By(ConsentGiver.Child, withdrawn: Now.AddMinutes(-5))).Permitted.ShouldBeFalse();
    }
}
