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
    /// The corrected parts replace the report's, as stored (sealed): the answers open them like the report's. A date of birth
    /// corrected replaces the sealed one; an age without one leaves the date unknown.
    /// </summary>
    public void Apply(ChildIdentityCorrected e, CaseSummary s)
    {
        (s.Child, s.Carers) = e.ApplyTo(s.Child, s.Carers);
        if (e.Corrects(ChildIdentityCorrected.DateOfBirthPart) || e.Corrects(ChildIdentityCorrected.AgePart))
            s.SealedChildDateOfBirth = e.SealedDateOfBirth;
        Touch(s, e.CorrectedAt);
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
