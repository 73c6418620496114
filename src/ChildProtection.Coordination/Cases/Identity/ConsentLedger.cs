namespace ChildProtection.Coordination.Cases.Identity;

/// <summary>One consent as the case holds it: what was given, and whether and when it was withdrawn.</summary>
public sealed record Consent(Guid ConsentId, ConsentGiver GivenBy, ConsentPurpose Purpose, RecipientKind[] RecipientKinds,
    DateTimeOffset GivenAt, DateTimeOffset? ExpiresAt = null, DateTimeOffset? WithdrawnAt = null)
{
    public bool InForceAt(DateTimeOffset at) => GivenAt <= at && (WithdrawnAt is null || WithdrawnAt > at) && (ExpiresAt is null || ExpiresAt > at);
}

/// <summary>
/// Whether the child's information may go to a kind of recipient for a purpose (Law on Children Arts. 6 and 21;
/// Personal Data Protection Law 91/2025): the parent or guardian must consent, and so must the child once aged 7.
/// Statutory agencies receive it by law and are never gated.
/// </summary>
public static class ConsentLedger
{
    /// <summary>From this age the child's own consent is needed as well as the parent's or guardian's (Law on Children Art. 6).</summary>
    public const int ChildConsentAge = 7;

    public static readonly IReadOnlySet<RecipientKind> Statutory = new HashSet<RecipientKind>
    {
        RecipientKind.CommunePeoplesCommittee, RecipientKind.Police, RecipientKind.Health, RecipientKind.Education,
        RecipientKind.SocialWorkCentre, RecipientKind.JusticeLegalAid,
    };

    /// <param name="childAgeYears">The child's age now; unknown counts as 7 or over, so the child's consent is asked.</param>
    public static (bool Permitted, string Reason) Permits(IEnumerable<Consent> consents, int? childAgeYears, RecipientKind recipientKind,
        ConsentPurpose purpose, DateTimeOffset now)
    {
        if (Statutory.Contains(recipientKind)) return (true, $"{recipientKind} is a statutory agency");

        var valid = consents.Where(c => c.Purpose == purpose && c.RecipientKinds.Contains(recipientKind) && c.InForceAt(now)).ToList();
        var adult = valid.Any(c => c.GivenBy is ConsentGiver.Parent or ConsentGiver.Guardian);
        var childNeeded = childAgeYears is not { } age || age >= ChildConsentAge;
        var child = valid.Any(c => c.GivenBy == ConsentGiver.Child);

        if (!adult)
            return (false, child
                ? $"the child consented but no parent or guardian did, for {recipientKind} / {purpose}"
                : $"no consent in force of a parent or guardian for {recipientKind} / {purpose}");
        if (childNeeded && !child)
            return (false, $"the child is {ChildConsentAge} or over and has not consented, for {recipientKind} / {purpose}");
        return (true, childNeeded ? "consent of the child and of a parent or guardian" : "consent of a parent or guardian (the child is under 7)");
    }
}
