namespace ChildProtection.Coordination.Cases.Identity;

// Privacy facts of a case, in the case's own stream so that the one history shows them.

/// <summary>
/// The case's identity key destroyed (crypto-shredding, Personal Data Protection Law 91/2025): every sealed
/// name, phone and school of the case reads as "[erased]" from now on. The history and the statistics stay.
/// </summary>
public sealed record IdentityErased(Guid CaseId, DateTimeOffset ErasedAt, string ErasedBy, string Reason);

/// <summary>Who gave (or withdrew) a consent: the child aged 7 or over, or a parent or guardian (Law on Children Arts. 6, 21).</summary>
public enum ConsentGiver { Child, Parent, Guardian }

/// <summary>What the child's information may be disclosed for.</summary>
public enum ConsentPurpose { CaseCoordination, SupportServices, Research }

/// <summary>
/// Who may receive the child's information. The statutory agencies (the commune, police, health, education,
/// social work, legal aid) receive it by law and are never gated; the others need consent.
/// </summary>
public enum RecipientKind
{
    CommunePeoplesCommittee, Police, Health, Education, SocialWorkCentre, JusticeLegalAid,
    MassOrganisation, Integrator, Researcher,
}

/// <summary>Sự đồng ý: consent to disclose the child's information for a purpose to kinds of recipient.</summary>
public sealed record ConsentGiven(
    Guid CaseId,
    Guid ConsentId,
    ConsentGiver GivenBy,
    ConsentPurpose Purpose,
    RecipientKind[] RecipientKinds,
    DateTimeOffset GivenAt,
    DateTimeOffset? ExpiresAt = null);

/// <summary>A consent withdrawn: disclosure under it stops from <paramref name="WithdrawnAt"/>.</summary>
public sealed record ConsentWithdrawn(
    Guid CaseId,
    Guid ConsentId,
    ConsentGiver WithdrawnBy,
    DateTimeOffset WithdrawnAt);
