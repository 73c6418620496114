using Marten.Events.Projections;
namespace ChildProtection.Coordination.Agencies;

/// <summary>
/// An organisation at a level, in a jurisdiction (cơ quan, đơn vị): who can be handed work. Serves from
/// <see cref="ActiveFrom"/> up to, not including, <see cref="ActiveTo"/>. Commune-level agencies name their
/// commune; provincial ones only their province; the national hotline neither.
/// </summary>
public sealed class Agency
{
    /// <summary>The slug the agency's tokens carry in their <c>agency</c> claim, e.g. "ubnd-dong-hoi".</summary>
    public string Id { get; set; } = "";
    public string NameVi { get; set; } = "";
    public string? NameEn { get; set; }
    public AgencyKind Kind { get; set; }
    public string? ProvinceCode { get; set; }
    public string? CommuneCode { get; set; }
    public DateOnly ActiveFrom { get; set; }
    public DateOnly? ActiveTo { get; set; }
    /// <summary>An explicit supervisor; when absent, the rule of <see cref="SupervisionRules"/> applies.</summary>
    public string? SupervisingAgencyId { get; set; }
    public string? RetirementReason { get; set; }

    public bool IsActiveOn(DateOnly day) => ActiveFrom <= day && (ActiveTo is null || day < ActiveTo);
}

/// <summary>Builds <see cref="Agency"/> inline from each agency's stream, keyed by its slug.</summary>
public partial class AgencyProjection : MultiStreamProjection<Agency, string>
{
    public AgencyProjection()
    {
        Name = "Agencies";
        Identity<IAgencyEvent>(e => e.AgencyId);
    }

    public static Agency Create(AgencyRegistered e) => new()
    {
        Id = e.AgencyId, NameVi = e.NameVi, NameEn = e.NameEn, Kind = e.Kind, ProvinceCode = e.ProvinceCode,
        CommuneCode = e.CommuneCode, ActiveFrom = e.ActiveFrom, ActiveTo = e.ActiveTo, SupervisingAgencyId = e.SupervisingAgencyId,
    };

    public void Apply(AgencyUpdated e, Agency a)
    {
        a.NameVi = e.NameVi;
        a.NameEn = e.NameEn;
        a.Kind = e.Kind;
        a.ProvinceCode = e.ProvinceCode;
        a.CommuneCode = e.CommuneCode;
        a.ActiveFrom = e.ActiveFrom;
        if (a.ActiveTo != e.ActiveTo) a.RetirementReason = null;
        a.ActiveTo = e.ActiveTo;
        a.SupervisingAgencyId = e.SupervisingAgencyId;
    }

    public void Apply(AgencyRetired e, Agency a)
    {
        a.ActiveTo = e.Effective;
        a.RetirementReason = e.Reason;
    }
}
