using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Cases.Identity;
namespace ChildProtection.Coordination.Cases.GetCase;

public partial class CaseSummaryProjection
{
    public void Apply(ConsentGiven e, CaseSummary s) =>
        s.Consents.Add(new Consent(e.ConsentId, e.GivenBy, e.Purpose, e.RecipientKinds, e.GivenAt, e.ExpiresAt));

    public void Apply(ConsentWithdrawn e, CaseSummary s)
    {
        var i = s.Consents.FindIndex(c => c.ConsentId == e.ConsentId);
        if (i >= 0) s.Consents[i] = s.Consents[i] with { WithdrawnAt = e.WithdrawnAt };
    }

    /// <summary>
    /// The summary forgets the identity outright rather than keeping sealed values nobody can open; the age at the
    /// report, which the statistics need, stays.
    /// </summary>
    public void Apply(IdentityErased e, CaseSummary s)
    {
        var child = s.Child;
        var age = Case.ChildAge(child.DateOfBirth, child.AgeYears, s.ReceivedAt, VietnamTime.DateOf(s.ReceivedAt));
        // The free text and health data it copied from the events go too: what was sealed reads "[erased]".
        IdentityFields.Summary(s, v => v.Contains(IdentityVault.Prefix, StringComparison.Ordinal) ? IdentityVault.Erased : v);
        s.Child = IdentityFields.Child(child, _ => IdentityVault.Erased) with { DateOfBirth = null, AgeYears = age };
        s.Carers = IdentityFields.Carers(s.Carers, _ => IdentityVault.Erased);
        s.SealedChildDateOfBirth = null;
        s.IdentityErased = true;
    }
}
