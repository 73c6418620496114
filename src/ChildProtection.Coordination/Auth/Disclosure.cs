namespace ChildProtection.Coordination.Auth;

/// <summary>
/// Disclosure of the child's identity to a non-statutory recipient needs the consent of the child (aged 7 or
/// over) and of the parent or guardian (Law on Children Art. 6, 21; PDPL 91/2025); statutory agencies are not
/// gated. This is the one seam where the consent ledger decides: today it only says who needs consent.
/// </summary>
public static class Disclosure
{
    public static bool NeedsConsent(string role) => role == Roles.MassOrganisation;

    /// <summary>
    /// Whether valid consent to disclose the child's identity to <paramref name="role"/> is on record for the case.
    /// THE CONSENT LEDGER PLUGS IN HERE; until it does, no consent is on record, so a recipient that needs consent
    /// gets no identity field.
    /// </summary>
    public static bool ConsentOnRecord(Cases.GetCase.CaseSummary summary, string role) => false;
}
