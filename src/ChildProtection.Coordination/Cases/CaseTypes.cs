using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Cases;

/// <summary>How a report reached the receiving agency (ND56 Art. 25, Form 01).</summary>
public enum ReportChannel { Hotline111, Commune, Police, Health, School, WalkIn, Online }

/// <summary>Forms of harm, Law on Children 102/2016 Art. 4 (bạo lực, bóc lột, xâm hại tình dục, mua bán, bỏ rơi, bỏ mặc).</summary>
public enum HarmForm { Violence, Exploitation, SexualAbuse, Trafficking, Abandonment, Neglect, Other }

public enum Sex { Female, Male, Unknown }

/// <summary>Cao / Trung bình / Thấp, the scale of each risk criterion (Form 02).</summary>
public enum RiskLevel { Low, Medium, High }

/// <summary>Relation of the suspected perpetrator to the child.</summary>
public enum PerpetratorRelation { Parent, StepParent, Relative, Caregiver, Teacher, Peer, Acquaintance, Stranger, Unknown, Other }

/// <summary>Services a support plan can hand out (ND56 Art. 30).</summary>
public enum ServiceKind
{
    MedicalCare, ForensicExamination, ChildFriendlyInterview, PsychosocialSupport, Shelter,
    Counselling, LegalAid, SchoolReintegration, Other
}

/// <summary>Khám, chữa bệnh or giám định pháp y.</summary>
public enum ExamKind { Medical, Forensic }

/// <summary>Outcome a review recommends (Form 06).</summary>
public enum ReviewRecommendation { Continue, Replan, Close }

/// <summary>The person who told the receiving agency. Name and phone are kept only with their consent.</summary>
public sealed record Reporter(string? Relation = null, bool ConsentsToIdentity = false, string? Name = null, string? Phone = null);

/// <summary>The child as recorded on Form 01.</summary>
public sealed record ChildDetails(
    string Name,
    Sex Sex,
    string CommuneOfResidence,
    DateOnly? DateOfBirth = null,
    int? AgeYears = null,
    string? School = null);

/// <summary>What happened, where and when, as recorded on Form 01.</summary>
/// <param name="Setting">Where it happened: family, school, online, community, tourism or workplace.</param>
/// <param name="SexualAbuseTypes">Which acts of sexual abuse (Law Art. 4(8)); only with the harm form SexualAbuse.</param>
public sealed record IncidentDetails(
    string Commune,
    DateTimeOffset OccurredAt,
    HarmForm[] HarmForms,
    string Description,
    PerpetratorRelation SuspectedPerpetrator = PerpetratorRelation.Unknown,
    bool ImmediateDanger = false,
    HarmSetting? Setting = null,
    SexualAbuseType[]? SexualAbuseTypes = null);

/// <summary>One service of a support plan (Form 04): what, by which kind of agency, by when.</summary>
public sealed record PlannedService(Guid ServiceId, ServiceKind Kind, AgencyKind Provider, string Description, DateOnly DueDate);

/// <summary>What a service progress note records (ND56 Art. 31): a home visit, a session given, or the service's outcome.</summary>
public enum ProgressKind { Visit, Session, Outcome }

/// <summary>Form 06's three criteria and the overall level, re-rated at a review.</summary>
public sealed record RiskRating(RiskLevel SeverityOfHarm, RiskLevel AbuserAccess, RiskLevel CareObstacles, RiskLevel Overall);

/// <summary>One participant of the planning meeting, by role and agency (a parent or a residents' representative has no agency).</summary>
public sealed record MeetingParticipant(string Role, string? Agency = null);

/// <summary>Who represented the child at an interview held without the guardian, and why (for example the guardian is the suspect).</summary>
public sealed record ChildRepresentative(string RepresentedBy, string Reason);

/// <summary>Why a report closes without a plan (the outcomes of verification, DOMAIN.md): the codes the API takes.</summary>
public static class ClosureReasonCodes
{
    public const string Unfounded = "unfounded";
    public const string NoProtectionNeed = "no-protection-need";
    public const string ReferredElsewhere = "referred-elsewhere";
    public const string Duplicate = "duplicate";

    public static readonly IReadOnlyList<string> All = [Unfounded, NoProtectionNeed, ReferredElsewhere, Duplicate];
}
