namespace ChildProtection.Coordination.Agencies;

/// <summary>Kinds of agency that can be handed work.</summary>
public enum AgencyKind
{
    Hotline, CommunePeoplesCommittee, CommunePolice, ProvincialPolice, HealthFacility,
    ProvincialHealthDepartment, SocialWorkCentre, Education, JusticeLegalAid, MassOrganisation
}
