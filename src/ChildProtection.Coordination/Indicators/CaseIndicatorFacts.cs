using ChildProtection.Coordination.Cases;
namespace ChildProtection.Coordination.Indicators;

/// <summary>A fact's two times: when the step happened (<c>At</c>, the event's own "…At") and when the service recorded it (<c>Rec</c>).</summary>
public sealed record Timed(DateTimeOffset At, DateTimeOffset Rec);

/// <summary>A fact with a label (a service given, a closure code, the agency a breach fell on).</summary>
public sealed record Labelled(string Label, DateTimeOffset At, DateTimeOffset Rec);

public sealed record VerificationFact(DateTimeOffset At, DateTimeOffset Rec, bool Substantiated);

/// <summary>A status change: closed (with its reason code when it is one of the known codes) or reopened.</summary>
public sealed record StatusFact(DateTimeOffset At, DateTimeOffset Rec, bool Closed, string? Code = null);

public sealed record SeparationFact(Guid OrderId, DateTimeOffset At, DateTimeOffset Rec, Timed? Ended = null);

/// <summary>A group of children in special circumstances (Law Art. 10) the child was found in, from a date, recorded when; and when it ended.</summary>
/// <remarks>A health-related group is stored sealed: it counts as <c>SealedHealthGroup</c>, and <c>Key</c> (the group as sealed, the same
/// way each time within a case) matches its end to its start.</remarks>
public sealed record GroupFact(string Group, DateOnly From, DateTimeOffset Rec, DateOnly? Until = null, DateTimeOffset? UntilRec = null, string? Key = null);

/// <summary>A link to another report of the same child (<c>CaseLinked</c>, kind <c>SameChild</c>), recorded when, and unlinked when (recorded).</summary>
public sealed record SameChildFact(Guid LinkId, Guid Other, DateTimeOffset Rec, DateTimeOffset? UnlinkedRec = null)
{
    /// <summary>In force as the links stood at <paramref name="asOf"/>.</summary>
    public bool InForce(DateTimeOffset asOf) => Rec <= asOf && !(UnlinkedRec is { } u && u <= asOf);
}

/// <summary>The case moved to another commune (<c>CaseTransferred</c>): from <c>At</c> it counts there.</summary>
public sealed record TransferFact(string To, DateTimeOffset At, DateTimeOffset Rec);

/// <summary>A value that changed over time, each value with when it was recorded (an addressee, a due time).</summary>
public sealed record Revised<T>(T Value, DateTimeOffset Rec);

/// <summary>One hand-off: addressed to an agency, due, answered (accepted, declined or done), ended, stopped.</summary>
public sealed class HandoffFact
{
    public Guid Id { get; set; }
    public HandoffTask Task { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset Rec { get; set; }
    public Guid? Escalates { get; set; }
    public List<Revised<string>> Agency { get; set; } = [];
    public List<Revised<DateTimeOffset>> Due { get; set; } = [];
    /// <summary>The first answer: accepted, declined or completed.</summary>
    public Timed? Answered { get; set; }
    /// <summary>No longer open: completed, declined or cancelled.</summary>
    public Timed? Ended { get; set; }
    /// <summary>Cancelled before any answer, or its clock stopped for good, or moved unanswered to another case: it counts for no clock here.</summary>
    public DateTimeOffset? Unclocked { get; set; }
    /// <summary>
    /// Work moved here unanswered from another case of the same child (a merge, or back by an unmerge), answered here: it counts
    /// for the clock (<c>handoffs-answered-in-time</c>) from <see cref="Rec"/>, and not again as an escalation or as open work of an agency,
    /// which the case it was requested on counts.
    /// </summary>
    public bool Moved { get; set; }
}

/// <summary>
/// The facts of one case that the indicators count, and nothing that names the child: the commune where it happened,
/// the channel, the child's sex and age group (never the date of birth), the forms of harm, and each step with when it
/// happened and when it was recorded. The second time is what lets any report be read as the events stood at a
/// moment (<c>asOf</c>) from the same document. Built asynchronously (<see cref="CaseIndicatorFactsProjection"/>); rebuildable.
/// </summary>
public sealed class CaseIndicatorFacts
{
    public Guid Id { get; set; }
    /// <summary>The incident commune as the report named it: the case's first owner. The reads map communes to today's commune and province.</summary>
    public string Commune { get; set; } = "";
    /// <summary>Every commune the case has belonged to (the incident commune, then each transfer's): the read's filter.</summary>
    public string[] Communes { get; set; } = [];
    /// <summary>The transfers, each counting from when it happened (<see cref="OwnerAt"/>).</summary>
    public List<TransferFact> Transfers { get; set; } = [];
    public ReportChannel Channel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset ReportedRec { get; set; }
    public Sex Sex { get; set; }
    /// <summary>0–5, 6–10, 11–15, 16–17 or unknown: from the age at the report, which the report keeps in clear.</summary>
    public string AgeGroup { get; set; } = AgeGroups.Unknown;
    public HarmForm[] HarmForms { get; set; } = [];
    public bool CrimeSigns { get; set; }
    /// <summary>Where the harm happened (<see cref="HarmSetting"/>: family, school, online, …) as Form 01 recorded it; null when it did not.</summary>
    public string? Setting { get; set; }
    /// <summary>Groups of children in special circumstances (Law Art. 10) recorded on the case, each from a date and perhaps until one.</summary>
    public List<GroupFact> SpecialGroups { get; set; } = [];
    /// <summary>The reports of the same child this case is (or was) linked to: the child counts once (<see cref="IndicatorFold"/>).</summary>
    public List<SameChildFact> SameChild { get; set; } = [];
    /// <summary>The investigation agency's decisions on the crime report (<see cref="ProceedingsDecision"/>).</summary>
    public List<Labelled> Proceedings { get; set; } = [];

    /// <summary>Open by its latest status (by when it happened), as the fold reads it: the read's filter.</summary>
    public bool Open { get; set; } = true;
    /// <summary>The latest time any fact happened (UTC): a closed case counts for no period that starts after it…</summary>
    public DateTimeOffset LastAt { get; set; }
    /// <summary>…unless a change of its status was recorded after the moment asked for (UTC): then it may still have been open.</summary>
    public DateTimeOffset StatusRec { get; set; }

    public List<VerificationFact> Verifications { get; set; } = [];
    /// <summary>Initial risk assessments; the label is "plan" where the assessment calls for a plan (Medium or High, or emergency measures).</summary>
    public List<Labelled> Assessments { get; set; } = [];
    public List<Timed> CrimeReports { get; set; } = [];
    public List<Timed> PlanDrafts { get; set; } = [];
    public List<Timed> PlanApprovals { get; set; } = [];
    /// <summary>Services given, labelled by <see cref="ServiceLabels"/>.</summary>
    public List<Labelled> Services { get; set; } = [];
    /// <summary>Services a plan named, by the same labels.</summary>
    public List<Labelled> Planned { get; set; } = [];
    public List<SeparationFact> Separations { get; set; } = [];
    public List<StatusFact> Statuses { get; set; } = [];
    public List<HandoffFact> Handoffs { get; set; } = [];
    public List<Labelled> Breaches { get; set; } = [];

    /// <summary>The latest time any fact was recorded: a read as of an earlier moment does not see all of this case yet.</summary>
    public DateTimeOffset LastRec { get; set; }

    /// <remarks>In UTC, as is <see cref="ReceivedAt"/>: columns of their own, and PostgreSQL's timestamptz takes UTC only.</remarks>
    public void Touch(DateTimeOffset at, DateTimeOffset rec)
    {
        if (at > LastAt) LastAt = at.ToUniversalTime();
        if (rec > LastRec) LastRec = rec.ToUniversalTime();
    }

    /// <summary>The commune the case belonged to at <paramref name="at"/>, by the transfers recorded by <paramref name="asOf"/>.</summary>
    public string OwnerAt(DateTimeOffset at, DateTimeOffset asOf)
    {
        var owner = Commune;
        var when = DateTimeOffset.MinValue;
        foreach (var t in Transfers)
            if (t.Rec <= asOf && t.At <= at && t.At >= when) (owner, when) = (t.To, t.At);
        return owner;
    }

    public void AddStatus(StatusFact status)
    {
        Statuses.Add(status);
        Open = !Statuses.OrderBy(s => s.At).Last().Closed;
        if (status.Rec > StatusRec) StatusRec = status.Rec.ToUniversalTime();
        Touch(status.At, status.Rec);
    }
}

/// <summary>The child's age group on the report, as the statutory tables group it.</summary>
public static class AgeGroups
{
    public const string Unknown = "unknown";
    public static readonly IReadOnlyList<string> All = ["0-5", "6-10", "11-15", "16-17", Unknown];

    public static string Of(int? age) => age switch
    {
        null or < 0 => Unknown,
        <= 5 => "0-5",
        <= 10 => "6-10",
        <= 15 => "11-15",
        <= 17 => "16-17",
        _ => Unknown,
    };
}

/// <summary>The services the coverage indicators look for.</summary>
public static class ServiceLabels
{
    public const string InitialAssessment = "initial-assessment";
    public const string EmergencyProtection = "emergency-protection";
    public const string MedicalCare = "medical-care";
    public const string PsychologicalSupport = "psychological-support";
    public const string LegalAid = "legal-aid";
    public const string SchoolReintegration = "school-reintegration";

    public static string? OfPlanned(ServiceKind kind) => kind switch
    {
        ServiceKind.MedicalCare or ServiceKind.ForensicExamination => MedicalCare,
        ServiceKind.PsychosocialSupport or ServiceKind.Counselling or ServiceKind.Shelter => PsychologicalSupport,
        ServiceKind.LegalAid => LegalAid,
        ServiceKind.SchoolReintegration => SchoolReintegration,
        _ => null,
    };
}

