namespace ChildProtection.Coordination.Agencies;

/// <summary>Kinds of agency that can be handed work. New kinds are added at the end: stored events name kinds.</summary>
public enum AgencyKind
{
    Hotline, CommunePeoplesCommittee, CommunePolice, ProvincialPolice, HealthFacility,
    ProvincialHealthDepartment, SocialWorkCentre,
    /// <summary>An education office (Sở Giáo dục và Đào tạo, or a commune's education office); a school is <see cref="School"/>.</summary>
    Education,
    JusticeLegalAid,
    /// <summary>A mass organisation other than the Women's and Youth Unions (e.g. the Red Cross).</summary>
    MassOrganisation,
    /// <summary>Viện kiểm sát nhân dân: supervises the investigation and prosecutes.</summary>
    Procuracy,
    /// <summary>Tòa án nhân dân: tries the case; sexual-abuse trials of minors are closed.</summary>
    Court,
    /// <summary>Trung tâm Pháp y: the province's forensic medicine centre (under the Department of Health).</summary>
    ForensicMedicineCentre,
    /// <summary>Tổ chức phối hợp liên ngành: the commune's inter-sector coordination body, which meets on a case.</summary>
    InterSectorCoordinationBody,
    /// <summary>Hội Liên hiệp Phụ nữ.</summary>
    WomensUnion,
    /// <summary>Đoàn Thanh niên Cộng sản Hồ Chí Minh.</summary>
    YouthUnion,
    /// <summary>A school (trường): the child's own school takes the child back (school reintegration).</summary>
    School,
}
