using ChildProtection.Coordination.LegalTime;

namespace ChildProtection.Coordination.Cases;

/// <summary>One clock the law sets on a case: how long, counted how, and where the law says so (its row of <see cref="LegalBasis"/>).</summary>
public sealed record LegalClock(string Id, string Citation, int? Hours = null, int? WorkingDays = null)
{
    /// <summary>When the clock falls due if it starts at <paramref name="start"/>: clock hours run through nights and
    /// holidays, working days count the legal calendar (<see cref="LegalTime.WorkingDays"/>).</summary>
    public DateTimeOffset DueFrom(DateTimeOffset start) =>
        Hours is { } hours ? start.AddHours(hours) : LegalTime.WorkingDays.DeadlineAfter(start, WorkingDays ?? 0);
}

/// <summary>
/// The legal clocks and the signs of a crime, once: the case summary shows them, the pathway's rules name them
/// (<c>"due": { "clock": "initial-assessment" }</c>, <c>"crimeSigns": true</c> in Handoffs/pathway.v1.json), and the
/// docs cite them. A figure changes here, or in a pathway file that sets its own hours for one rule.
/// </summary>
public static class LegalClocks
{
    /// <summary>Xác minh, đánh giá nguy cơ ban đầu: the commune verifies and assesses within 12 hours of the report.</summary>
    public static readonly LegalClock InitialAssessment = new("initial-assessment", LegalBasis.Find("initial-assessment")!.Text, Hours: 12);

    /// <summary>Quyết định áp dụng biện pháp khẩn cấp: the commune Chair decides within 12 hours of the report.</summary>
    public static readonly LegalClock EmergencyDecision = new("emergency-decision", LegalBasis.Find("emergency-protection")!.Text, Hours: 12);

    /// <summary>Tiếp nhận tố giác: police record and pass on the crime report within 24 hours.</summary>
    public static readonly LegalClock CrimeReport = new("crime-report", LegalBasis.Find("crime-report")!.Text, Hours: 24);

    /// <summary>Khám, giám định: health examines the child within 24 hours (evidence and post-exposure treatment need it sooner than later).</summary>
    public static readonly LegalClock MedicalExamination = new("medical-examination", LegalBasis.Find("medical-examination")!.Text, Hours: 24);

    /// <summary>Lập kế hoạch hỗ trợ, can thiệp: the plan is drafted within 5 working days.</summary>
    public static readonly LegalClock PlanDrafted = new("plan-drafted", LegalBasis.Find("plan")!.Text, WorkingDays: 5);

    /// <summary>Phê duyệt kế hoạch: the commune Chair approves it within 7 working days of the report.</summary>
    public static readonly LegalClock PlanApproved = new("plan-approved", LegalBasis.Find("plan-approval")!.Text, WorkingDays: 7);

    public static readonly IReadOnlyList<LegalClock> All = [InitialAssessment, EmergencyDecision, CrimeReport, MedicalExamination, PlanDrafted, PlanApproved];

    /// <summary>
    /// Harm that was a sign of a crime before the report recorded its own decision (pathway version 1): police and health
    /// are called in at once (Criminal Procedure Code Art. 145). Reports since record theirs by <see cref="Cases.CrimeSigns"/>.
    /// </summary>
    public static readonly IReadOnlyList<HarmForm> CrimeSigns = [HarmForm.SexualAbuse, HarmForm.Trafficking, HarmForm.Exploitation];

    public static bool ShowsCrimeSigns(IEnumerable<HarmForm> harms) => harms.Any(CrimeSigns.Contains);

    public static LegalClock? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
