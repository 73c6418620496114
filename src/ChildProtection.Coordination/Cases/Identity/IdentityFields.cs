using System.Globalization;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Cases.Identity;

/// <summary>
/// Every member of the case events that is stored sealed with the case's key, in one list (<see cref="Map"/>), so that
/// sealing and revealing can never disagree about a field:
/// <list type="bullet">
/// <item>identity: the child's name, date of birth and school, the reporter's name and phone, the parents' or carers' names,
/// phones and addresses (Law on Children Arts. 6 and 21 count the school as private too);</item>
/// <item>free text, which may name the child or the family: the incident's description, the verification's findings, every
/// note, summary, reason, view and measure a step records (a case record is private as a whole, ND56 Art. 33);</item>
/// <item>health data (sensitive data, PDPL 91/2025): the reason for and the findings of an examination, and where it was done.</item>
/// </list>
/// The date of birth is a date, not a string, so sealing moves it to <see cref="CaseReported.SealedChildDateOfBirth"/> and
/// leaves the age at the report in clear (the statistics need it); revealing moves it back. Codes, categories, times,
/// agency ids and counts stay in clear: the pathway, the clocks and the indicators read them.
/// </summary>
public static class IdentityFields
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>Whether the event has a member that is sealed (found by mapping it, so it cannot disagree with <see cref="Map"/>).</summary>
    public static bool Carries(object e)
    {
        if (e is SpecialCircumstanceEstablished { SealedGroup: not null } or SpecialCircumstanceEnded { SealedGroup: not null }) return true;
        if (e is SpecialCircumstanceEstablished established && HealthGroups.Contains(established.Group)) return true;
        if (e is SpecialCircumstanceEnded ended && HealthGroups.Contains(ended.Group)) return true;
        var touched = false;
        Map(e, v => { touched = true; return v; });
        return touched;
    }

    /// <summary>
    /// Health-related groups of Law on Children Art. 10: health data, so the group itself is sealed (stored as
    /// <see cref="SpecialCircumstanceGroup.SealedHealthGroup"/> beside the sealed group).
    /// </summary>
    public static IReadOnlySet<SpecialCircumstanceGroup> HealthGroups => SpecialCircumstanceGroups.HealthData;

    /// <param name="sealSame">Seals a value the same way each time within the case (a health group, so its end finds its start); <paramref name="seal"/> when not given.</param>
    public static object Seal(object e, Func<string, string> seal, Func<string, string>? sealSame = null) => Map(e, seal) switch
    {
        SpecialCircumstanceEstablished s when HealthGroups.Contains(s.Group) =>
            s with { Group = SpecialCircumstanceGroup.SealedHealthGroup, SealedGroup = (sealSame ?? seal)(s.Group.ToString()) },
        SpecialCircumstanceEnded s when HealthGroups.Contains(s.Group) =>
            s with { Group = SpecialCircumstanceGroup.SealedHealthGroup, SealedGroup = (sealSame ?? seal)(s.Group.ToString()) },
        CaseReported { Child.DateOfBirth: { } dob } r => r with
        {
            Child = r.Child with { DateOfBirth = null, AgeYears = Case.AgeYears(dob, VietnamTime.DateOf(r.ReceivedAt)) },
            SealedChildDateOfBirth = seal(dob.ToString(DateFormat, CultureInfo.InvariantCulture)),
        },
        ChildIdentityCorrected { DateOfBirth: { } dob } c => c with
        {
            DateOfBirth = null, SealedDateOfBirth = seal(dob.ToString(DateFormat, CultureInfo.InvariantCulture)),
        },
        var other => other,
    };

    public static object Reveal(object e, Func<string, string> open) => Map(e, open) switch
    {
        SpecialCircumstanceEstablished { SealedGroup: { } g } s => s with { Group = OpenGroup(g, open), SealedGroup = null },
        SpecialCircumstanceEnded { SealedGroup: { } g } s => s with { Group = OpenGroup(g, open), SealedGroup = null },
        CaseReported { SealedChildDateOfBirth: { } dob } r => r with
        {
            Child = r.Child with { DateOfBirth = OpenDate(dob, open) }, SealedChildDateOfBirth = null,
        },
        ChildIdentityCorrected { SealedDateOfBirth: { } dob } c => c with { DateOfBirth = OpenDate(dob, open), SealedDateOfBirth = null },
        var other => other,
    };

    /// <summary>The event with <paramref name="f"/> applied to each sealed string; other events as they are.</summary>
    private static object Map(object e, Func<string, string> f) => e switch
    {
        // Identity, and the report's own account of what happened.
        CaseReported r => r with
        {
            Child = Child(r.Child, f),
            Reporter = r.Reporter with { Name = Optional(r.Reporter.Name, f), Phone = Optional(r.Reporter.Phone, f) },
            Carers = Carers(r.Carers, f),
            Incident = r.Incident with { Description = f(r.Incident.Description) },
        },
        // A correction of that identity: what it corrects is sealed as the report's was, and so is why.
        ChildIdentityCorrected c => c with
        {
            Name = Optional(c.Name, f), School = Optional(c.School, f), Carers = Carers(c.Carers, f), Reason = f(c.Reason),
        },
        SchoolReintegrationPlanned p => p with { School = f(p.School), Arrangements = f(p.Arrangements) },
        SchoolReintegrationCompleted c => c with { School = f(c.School), Notes = Optional(c.Notes, f) },

        // Health data.
        MedicalExamRequested m => m with { Reason = f(m.Reason) },
        MedicalExamCompleted m => m with { Facility = f(m.Facility), Findings = f(m.Findings) },

        // Free text of the steps.
        ReportVerified v => v with { Findings = f(v.Findings) },
        InitialRiskAssessed a => a with { Notes = Optional(a.Notes, f) },
        EmergencyProtectionOrdered o => o with { Measures = f(o.Measures), Placement = Optional(o.Placement, f) },
        SeparationExtended x => x with { Reason = f(x.Reason) },
        EmergencyProtectionEnded x => x with { Reason = f(x.Reason) },
        DetailedAssessmentCompleted d => d with { Needs = d.Needs.Select(f).ToArray(), Summary = f(d.Summary) },
        SupportPlanDrafted p => p with { Goals = f(p.Goals), Services = p.Services.Select(s => s with { Description = f(s.Description) }).ToArray() },
        SupportPlanApproved p => p with { Decision = Optional(p.Decision, f) },
        SupportPlanReturned p => p with { Reasons = f(p.Reasons) },
        PlanningMeetingHeld m => m with { ChildViews = f(m.ChildViews), FamilyViews = f(m.FamilyViews), Notes = Optional(m.Notes, f) },
        InterviewScheduled i => i with { Location = f(i.Location) },
        InterviewConducted i => i with
        {
            Notes = Optional(i.Notes, f),
            Representative = i.Representative is { } r ? new ChildRepresentative(f(r.RepresentedBy), f(r.Reason)) : null,
        },
        PsychosocialSupportProvided s => s with { Summary = f(s.Summary) },
        LegalAidProvided l => l with { Summary = f(l.Summary) },
        ServiceProgressRecorded n => n with { Summary = f(n.Summary) },
        CaseReviewed r => r with { Summary = f(r.Summary) },
        CaseClosed c => c with { Reason = f(c.Reason) },
        CaseReopened c => c with { Reason = f(c.Reason) },
        CaseTransferred t => t with { Reason = f(t.Reason) },
        SpecialCircumstanceEstablished s => s with { Basis = Optional(s.Basis, f) },
        SpecialCircumstanceEnded s => s with { Reason = f(s.Reason) },

        // Hand-offs: what an agency wrote when handing work on, declining it, or pausing its clock. The pathway's own
        // descriptions quote sealed values of the case (a service, a decline's reason) as they are stored, still sealed.
        HandoffRequested h => h with { Description = f(h.Description) },
        HandoffDeclined h => h with { Reason = f(h.Reason) },
        HandoffCancelled h => h with { Reason = f(h.Reason) },
        ClockPaused c => c with { Reason = f(c.Reason) },
        ClockStopped c => c with { Reason = f(c.Reason) },
        CaseLinked l => l with { Reason = f(l.Reason) },
        CaseUnlinked u => u with { Reason = f(u.Reason) },
        DuplicateRejected r => r with { Reason = f(r.Reason) },
        CaseMerged m => m with { Reason = f(m.Reason) },
        CaseUnmerged u => u with { Reason = f(u.Reason) },
        _ => e,
    };

    /// <summary>
    /// The case summary's copies of the sealed members (the projection copies them from the events as they are stored), with
    /// <paramref name="f"/> applied: the one list the case reads reveal and the erasure forgets.
    /// </summary>
    public static void Summary(GetCase.CaseSummary s, Func<string, string> f)
    {
        s.Child = Child(s.Child, f);
        s.Carers = Carers(s.Carers, f);
        s.MedicalExams = s.MedicalExams.Select(m => m with { Reason = f(m.Reason), Facility = Optional(m.Facility, f), Findings = Optional(m.Findings, f) }).ToList();
        s.Interviews = s.Interviews.Select(i => i with { Location = f(i.Location), Notes = Optional(i.Notes, f) }).ToList();
        s.Closure = s.Closure is { } c ? c with { Reason = f(c.Reason) } : null;
        s.PlanReturns = s.PlanReturns.Select(p => p with { Reasons = f(p.Reasons) }).ToList();
        s.PlanningMeetings = s.PlanningMeetings.Select(m => (PlanningMeetingHeld)Map(m, f)).ToList();
        s.ServiceProgress = s.ServiceProgress.Select(n => n with { Summary = f(n.Summary) }).ToList();
        s.Plan = s.Plan is { } plan ? plan with { Services = plan.Services.Select(x => x with { Description = f(x.Description) }).ToArray() } : null;
        s.Handoffs = s.Handoffs.Select(h => h with { Description = Optional(h.Description, f) }).ToList();
        s.Transfers = s.Transfers.Select(t => t with { Reason = f(t.Reason) }).ToList();
        s.Links = s.Links.Select(l => l with { Reason = f(l.Reason) }).ToList();
        s.SpecialCircumstances = s.SpecialCircumstances.Select(p => p with
        {
            Basis = Optional(p.Basis, f), Group = p.SealedGroup is { } g ? OpenGroup(g, f) : p.Group, SealedGroup = null,
        }).ToList();
    }

    /// <summary>Parents or carers: name, phone and address are identity; the relation is not.</summary>
    public static Carer[]? Carers(Carer[]? carers, Func<string, string> f) =>
        carers?.Select(c => c with { Name = f(c.Name), Phone = Optional(c.Phone, f), Address = Optional(c.Address, f) }).ToArray();

    public static ChildDetails Child(ChildDetails child, Func<string, string> f) =>
        child with { Name = f(child.Name), School = Optional(child.School, f) };

    /// <summary>A sealed health group, opened; still <see cref="SpecialCircumstanceGroup.SealedHealthGroup"/> once erased.</summary>
    public static SpecialCircumstanceGroup OpenGroup(string sealedGroup, Func<string, string> open) =>
        Enum.TryParse<SpecialCircumstanceGroup>(open(sealedGroup), out var group) && HealthGroups.Contains(group) ? group : SpecialCircumstanceGroup.SealedHealthGroup;

    /// <summary>A sealed date of birth, opened; null once erased.</summary>
    public static DateOnly? OpenDate(string sealedDate, Func<string, string> open) =>
        DateOnly.TryParseExact(open(sealedDate), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string? Optional(string? value, Func<string, string> f) => value is null ? null : f(value);
}
