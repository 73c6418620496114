using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Cases.Identity;
namespace ChildProtection.Coordination.Cases.Access;

/// <summary>
/// Disclosure of a case to a non-statutory recipient needs the consent of the parent or guardian and, from the age
/// of 7, of the child (Law on Children Arts. 6, 21; PDPL 91/2025), as the consent ledger holds it now; statutory
/// agencies are not gated. A mass organisation is handed work to give support services, so that is the purpose asked.
/// </summary>
public static class Disclosure
{
    public static bool NeedsConsent(string role) => RecipientOf(role) is not null;

    public static RecipientKind? RecipientOf(string role) => role == Roles.MassOrganisation ? RecipientKind.MassOrganisation : null;

    /// <summary>Whether the case may be disclosed to <paramref name="role"/> now, and why (the reason of a refusal names no person).</summary>
    /// <param name="revealed">The case as it stands now, its identity revealed: the exact age needs the sealed date of birth.</param>
    /// <param name="consents">The consents on record for the child (with those of the cases linked as the same child); null: the case's own.</param>
    public static (bool Permitted, string Reason) Check(CaseSummary revealed, string role, DateTimeOffset now, IReadOnlyList<Consent>? consents = null) =>
        RecipientOf(role) is { } recipient
            ? Permits(revealed, recipient, ConsentPurpose.SupportServices, now, consents)
            : (true, "a statutory agency receives the case by law");

    /// <summary>
    /// The consent ledger's answer for one case, the child's age counted now from the date of birth (else from the age at
    /// the report): what both a mass organisation's read and an integrator's identity release ask.
    /// </summary>
    public static (bool Permitted, string Reason) Permits(CaseSummary revealed, RecipientKind recipient, ConsentPurpose purpose, DateTimeOffset now,
        IReadOnlyList<Consent>? consents = null)
    {
        var child = revealed.Child;
        var age = Case.ChildAge(child.DateOfBirth, child.AgeYears, revealed.ReceivedAt, VietnamTime.DateOf(now));
        return ConsentLedger.Permits(consents ?? revealed.Consents, age, recipient, purpose, now);
    }
}
