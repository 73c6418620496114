namespace ChildProtection.Coordination.Cases;

// Facts Form 01 asks for beyond the child and the incident, and the groups of Law on Children Art. 10. Each is an
// enum stored by name, so the indicators count them by a stable string (docs/agencies.md lists the names).

/// <summary>Loại trường hợp trẻ em: what the report is about (Form 01).</summary>
public enum CaseType
{
    /// <summary>Trẻ em bị xâm hại: harm has happened (Law on Children Art. 4).</summary>
    Abused,
    /// <summary>Trẻ em có nguy cơ bị xâm hại: at risk of harm.</summary>
    AtRisk,
    /// <summary>Trẻ em có hoàn cảnh đặc biệt: in special circumstances (Law on Children Art. 10).</summary>
    SpecialCircumstances,
}

/// <summary>Môi trường xảy ra: the setting in which the harm happened or threatens (Form 01; the provincial plans' indicators).</summary>
public enum HarmSetting { Family, School, Online, Community, Tourism, Workplace }

/// <summary>The acts Law on Children Art. 4(8) names as sexual abuse (xâm hại tình dục).</summary>
public enum SexualAbuseType
{
    /// <summary>Hiếp dâm.</summary>
    Rape,
    /// <summary>Cưỡng dâm.</summary>
    CoercedIntercourse,
    /// <summary>Giao cấu với trẻ em.</summary>
    Intercourse,
    /// <summary>Dâm ô.</summary>
    Molestation,
    /// <summary>Sử dụng trẻ em vào mục đích mại dâm.</summary>
    Prostitution,
    /// <summary>Sử dụng trẻ em vào mục đích khiêu dâm.</summary>
    Pornography,
}

/// <summary>How a parent or carer stands to the child.</summary>
public enum CarerRelation { Mother, Father, StepMother, StepFather, Grandparent, Sibling, OtherRelative, Guardian, FosterCarer, Other }

/// <summary>
/// A parent or carer as Form 01 records them (cha, mẹ, người chăm sóc). Name, phone and address are sealed with the case's
/// identity key like the child's name (Cases/Identity/IdentityFields.cs); the relation stays in clear.
/// </summary>
public sealed record Carer(string Name, CarerRelation Relation, string? Phone = null, string? Address = null);

/// <summary>The 14 groups of children in special circumstances (trẻ em có hoàn cảnh đặc biệt), Law on Children 102/2016 Art. 10(1).</summary>
public enum SpecialCircumstanceGroup
{
    /// <summary>1. Trẻ em mồ côi cả cha và mẹ.</summary>
    OrphanedOfBothParents,
    /// <summary>2. Trẻ em bị bỏ rơi.</summary>
    Abandoned,
    /// <summary>3. Trẻ em không nơi nương tựa.</summary>
    WithoutCarer,
    /// <summary>4. Trẻ em khuyết tật.</summary>
    Disabled,
    /// <summary>5. Trẻ em nhiễm HIV/AIDS.</summary>
    LivingWithHiv,
    /// <summary>6. Trẻ em vi phạm pháp luật.</summary>
    InConflictWithTheLaw,
    /// <summary>7. Trẻ em nghiện ma túy.</summary>
    DrugUse,
    /// <summary>8. Trẻ em phải bỏ học kiếm sống chưa hoàn thành phổ cập giáo dục trung học cơ sở.</summary>
    LeftSchoolToWork,
    /// <summary>9. Trẻ em bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực.</summary>
    SeriouslyHarmedByViolence,
    /// <summary>10. Trẻ em bị bóc lột.</summary>
    Exploited,
    /// <summary>11. Trẻ em bị xâm hại tình dục.</summary>
    SexuallyAbused,
    /// <summary>12. Trẻ em bị mua bán.</summary>
    Trafficked,
    /// <summary>13. Trẻ em mắc bệnh hiểm nghèo hoặc bệnh phải điều trị dài ngày thuộc hộ nghèo hoặc hộ cận nghèo.</summary>
    SeriousIllnessInPoorHousehold,
    /// <summary>14. Trẻ em di cư, trẻ em lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có người chăm sóc.</summary>
    MigrantOrRefugeeWithoutCarer,
    /// <summary>
    /// Not a group of its own and never an input: how a health-related group (disability, HIV, drug use, serious illness)
    /// is stored and published, the group itself being sealed beside it (health data, PDPL 91/2025; Cases/Identity/IdentityFields.cs).
    /// </summary>
    SealedHealthGroup,
}
