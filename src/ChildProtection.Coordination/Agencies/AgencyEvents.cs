namespace ChildProtection.Coordination.Agencies;

/// <summary>Every event of an agency's stream names the agency by its slug, the id its tokens carry.</summary>
public interface IAgencyEvent
{
    string AgencyId { get; }
}

/// <summary>An agency enters the directory, serving from <paramref name="ActiveFrom"/> (and until <paramref name="ActiveTo"/>, exclusive, if known).</summary>
public sealed record AgencyRegistered(
    string AgencyId, string NameVi, string? NameEn, AgencyKind Kind, string? ProvinceCode, string? CommuneCode,
    DateOnly ActiveFrom, DateOnly? ActiveTo, string? SupervisingAgencyId) : IAgencyEvent;

/// <summary>The agency's entry as corrected or re-imported: every field, as it now stands.</summary>
public sealed record AgencyUpdated(
    string AgencyId, string NameVi, string? NameEn, AgencyKind Kind, string? ProvinceCode, string? CommuneCode,
    DateOnly ActiveFrom, DateOnly? ActiveTo, string? SupervisingAgencyId) : IAgencyEvent;

/// <summary>The agency stops serving on <paramref name="Effective"/> (its first day out of service).</summary>
public sealed record AgencyRetired(string AgencyId, DateOnly Effective, string Reason) : IAgencyEvent;
