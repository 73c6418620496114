using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.LegalTime;
using JasperFx.Events;
using Marten.Events.Aggregation;
namespace ChildProtection.Coordination.Indicators;

/// <summary>
/// Builds <see cref="CaseIndicatorFacts"/> from a case's events, asynchronously in the daemon like the inbox. Each fact keeps the
/// step's own time and the event's recorded time. Identity erasure changes no fact: the counts stay.
/// </summary>
public partial class CaseIndicatorFactsProjection : SingleStreamProjection<CaseIndicatorFacts, Guid>
{
    public CaseIndicatorFactsProjection() => Name = "CaseIndicatorFacts";

    public static CaseIndicatorFacts Create(IEvent<CaseReported> e)
    {
        var r = e.Data;
        // A report recorded before sealing existed has its date of birth in clear; a sealed one keeps the age at the report.
        var age = r.Child.DateOfBirth is { } dob ? Case.AgeYears(dob, VietnamTime.DateOf(r.ReceivedAt)) : r.Child.AgeYears;
        var facts = new CaseIndicatorFacts
        {
            Id = r.CaseId, Commune = r.Incident.Commune, Communes = [r.Incident.Commune], Channel = r.Channel, ReceivedAt = r.ReceivedAt.ToUniversalTime(), ReportedRec = e.Timestamp,
            Sex = r.Child.Sex, AgeGroup = AgeGroups.Of(age), HarmForms = r.Incident.HarmForms,
            CrimeSigns = Cases.CrimeSigns.Of(r), Setting = r.Incident.Setting?.ToString(),
        };
        facts.Touch(r.ReceivedAt, e.Timestamp);
        return facts;
    }

    public void Apply(IEvent<ReportVerified> e, CaseIndicatorFacts f) =>
        Add(f, f.Verifications, new VerificationFact(e.Data.VerifiedAt, e.Timestamp, e.Data.Substantiated), e.Data.VerifiedAt, e);

    public void Apply(IEvent<InitialRiskAssessed> e, CaseIndicatorFacts f)
    {
        var d = e.Data;
        // The decision the step recorded; an assessment recorded before it was recorded calls for a plan (as the case summary reads it).
        var callsForPlan = d.PlanCalledFor != false;
        Add(f, f.Assessments, new Labelled(callsForPlan ? "plan" : "no-plan", d.AssessedAt, e.Timestamp), d.AssessedAt, e);
        f.Services.Add(new Labelled(ServiceLabels.InitialAssessment, d.AssessedAt, e.Timestamp));
    }

    public void Apply(IEvent<CrimeReportRecorded> e, CaseIndicatorFacts f) => Add(f, f.CrimeReports, new Timed(e.Data.RecordedAt, e.Timestamp), e.Data.RecordedAt, e);

    public void Apply(IEvent<EmergencyProtectionOrdered> e, CaseIndicatorFacts f)
    {
        var d = e.Data;
        Add(f, f.Services, new Labelled(ServiceLabels.EmergencyProtection, d.OrderedAt, e.Timestamp), d.OrderedAt, e);
        if (d.TemporarySeparation) f.Separations.Add(new SeparationFact(d.OrderId, d.OrderedAt, e.Timestamp));
    }

    public void Apply(IEvent<EmergencyProtectionEnded> e, CaseIndicatorFacts f)
    {
        var i = f.Separations.FindIndex(s => s.OrderId == e.Data.OrderId);
        if (i >= 0 && f.Separations[i].Ended is null) f.Separations[i] = f.Separations[i] with { Ended = new Timed(e.Data.EndedAt, e.Timestamp) };
        f.Touch(e.Data.EndedAt, e.Timestamp);
    }

    public void Apply(IEvent<SupportPlanDrafted> e, CaseIndicatorFacts f)
    {
        Add(f, f.PlanDrafts, new Timed(e.Data.DraftedAt, e.Timestamp), e.Data.DraftedAt, e);
        foreach (var label in e.Data.Services.Select(s => ServiceLabels.OfPlanned(s.Kind)).OfType<string>().Distinct())
            f.Planned.Add(new Labelled(label, e.Data.DraftedAt, e.Timestamp));
    }

    public void Apply(IEvent<SupportPlanApproved> e, CaseIndicatorFacts f) => Add(f, f.PlanApprovals, new Timed(e.Data.ApprovedAt, e.Timestamp), e.Data.ApprovedAt, e);

    public void Apply(IEvent<MedicalExamCompleted> e, CaseIndicatorFacts f) => Given(f, ServiceLabels.MedicalCare, e.Data.ExaminedAt, e);
    public void Apply(IEvent<PsychosocialSupportProvided> e, CaseIndicatorFacts f) => Given(f, ServiceLabels.PsychologicalSupport, e.Data.ProvidedAt, e);
    public void Apply(IEvent<LegalAidProvided> e, CaseIndicatorFacts f) => Given(f, ServiceLabels.LegalAid, e.Data.ProvidedAt, e);
    public void Apply(IEvent<SchoolReintegrationCompleted> e, CaseIndicatorFacts f) => Given(f, ServiceLabels.SchoolReintegration, e.Data.CompletedAt, e);

    public void Apply(IEvent<SchoolReintegrationPlanned> e, CaseIndicatorFacts f) =>
        Add(f, f.Planned, new Labelled(ServiceLabels.SchoolReintegration, e.Data.PlannedAt, e.Timestamp), e.Data.PlannedAt, e);

    public void Apply(IEvent<CaseClosed> e, CaseIndicatorFacts f) =>
        f.AddStatus(new StatusFact(e.Data.ClosedAt, e.Timestamp, true, ClosureReasonCodes.All.Contains(e.Data.ReasonCode) ? e.Data.ReasonCode : null));

    public void Apply(IEvent<CriminalProceedingsDecided> e, CaseIndicatorFacts f) =>
        Add(f, f.Proceedings, new Labelled(e.Data.Decision.ToString(), e.Data.DecidedAt, e.Timestamp), e.Data.DecidedAt, e);

    public void Apply(IEvent<CaseTransferred> e, CaseIndicatorFacts f)
    {
        f.Transfers.Add(new TransferFact(e.Data.ToCommune, e.Data.TransferredAt, e.Timestamp));
        if (!f.Communes.Contains(e.Data.ToCommune)) f.Communes = [.. f.Communes, e.Data.ToCommune];
        f.Touch(e.Data.TransferredAt, e.Timestamp);
    }

    public void Apply(IEvent<SpecialCircumstanceEstablished> e, CaseIndicatorFacts f)
    {
        f.SpecialGroups.Add(new GroupFact(e.Data.Group.ToString(), e.Data.EstablishedOn, e.Timestamp, Key: e.Data.SealedGroup ?? e.Data.Group.ToString()));
        f.Touch(e.Data.RecordedAt, e.Timestamp);
    }

    /// <summary>Ends the group's latest open period (the step allows one open period per group).</summary>
    public void Apply(IEvent<SpecialCircumstanceEnded> e, CaseIndicatorFacts f)
    {
        var key = e.Data.SealedGroup ?? e.Data.Group.ToString();
        var i = f.SpecialGroups.FindLastIndex(g => (g.Key ?? g.Group) == key && g.Until is null);
        if (i >= 0) f.SpecialGroups[i] = f.SpecialGroups[i] with { Until = e.Data.EndedOn, UntilRec = e.Timestamp };
        f.Touch(e.Data.RecordedAt, e.Timestamp);
    }

    public void Apply(IEvent<CaseLinked> e, CaseIndicatorFacts f)
    {
        if (e.Data.Kind == CaseLinkKind.SameChild) f.SameChild.Add(new SameChildFact(e.Data.LinkId, e.Data.OtherCaseId, e.Timestamp));
        f.Touch(e.Data.LinkedAt, e.Timestamp);
    }

    public void Apply(IEvent<CaseUnlinked> e, CaseIndicatorFacts f)
    {
        var i = f.SameChild.FindIndex(l => l.LinkId == e.Data.LinkId && l.UnlinkedRec is null);
        if (i >= 0) f.SameChild[i] = f.SameChild[i] with { UnlinkedRec = e.Timestamp };
        f.Touch(e.Data.UnlinkedAt, e.Timestamp);
    }

    /// <summary>
    /// A merge moves the merged case's open hand-offs to the lead case. One answered before the merge stays counted on the
    /// merged case (its answer is there); one still unanswered counts for no clock there from the merge on, and is counted on
    /// the lead case, where it is answered, from the merge on — as the work it was: requested when it was (or when the lead case
    /// was reported, if later), addressed and due as it stood at the merge.
    /// </summary>
    public void Apply(IEvent<CaseMerged> e, CaseIndicatorFacts f)
    {
        var m = e.Data;
        if (m.CaseId == m.MergedCaseId)
            foreach (var moved in m.Handoffs) Handoff(f, moved.HandoffId, m.MergedAt, e, (h, t) => { if (h.Answered is null) h.Unclocked ??= t.Rec; });
        else
            foreach (var moved in m.Handoffs.Where(Unanswered))
                // Counted no earlier than the lead case's report: a case counts for no period before it was reported (the read's filter).
                f.Handoffs.Add(MovedHere(moved.HandoffId, moved.Task, Later(moved.RequestedAt ?? m.MergedAt, f.ReceivedAt), moved, e));
        f.Touch(m.MergedAt, e.Timestamp);
    }

    /// <summary>An unmerge gives the moved work still unanswered back to the merged case, which counts it again from then on.</summary>
    public void Apply(IEvent<CaseUnmerged> e, CaseIndicatorFacts f)
    {
        var u = e.Data;
        foreach (var back in u.Handoffs.Where(Unanswered))
        {
            if (u.CaseId != u.MergedCaseId) Handoff(f, back.HandoffId, u.UnmergedAt, e, (h, t) => { if (h.Answered is null) h.Unclocked ??= t.Rec; });
            else if (f.Handoffs.FindLast(h => h.Id == back.HandoffId) is { } requested)
                f.Handoffs.Add(MovedHere(back.HandoffId, requested.Task, requested.At, back, e));
        }
        f.Touch(u.UnmergedAt, e.Timestamp);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    /// <summary>Moved work not yet answered (still requested) whose clock still counts.</summary>
    private static bool Unanswered(MovedHandoff h) => h.Status == Case.HandoffStatus.Requested && !h.ClockStopped;

    private static HandoffFact MovedHere(Guid id, HandoffTask task, DateTimeOffset requestedAt, MovedHandoff moved, IEvent e) => new()
    {
        Id = id, Task = task, At = requestedAt, Rec = e.Timestamp, Moved = true,
        Agency = [new(moved.ToAgency, e.Timestamp)], Due = [new(moved.DueAt, e.Timestamp)],
    };

    public void Apply(IEvent<CaseReopened> e, CaseIndicatorFacts f) => f.AddStatus(new StatusFact(e.Data.ReopenedAt, e.Timestamp, false));

    public void Apply(IEvent<HandoffRequested> e, CaseIndicatorFacts f)
    {
        var d = e.Data;
        f.Handoffs.Add(new HandoffFact
        {
            Id = d.HandoffId, Task = d.Task, At = d.RequestedAt, Rec = e.Timestamp, Escalates = d.EscalatesHandoffId,
            Agency = [new(d.ToAgency, e.Timestamp)], Due = [new(d.DueAt, e.Timestamp)],
        });
        f.Touch(d.RequestedAt, e.Timestamp);
    }

    public void Apply(IEvent<HandoffAccepted> e, CaseIndicatorFacts f) => Handoff(f, e.Data.HandoffId, e.Data.AcceptedAt, e, (h, t) => h.Answered ??= t);

    public void Apply(IEvent<HandoffDeclined> e, CaseIndicatorFacts f) => Handoff(f, e.Data.HandoffId, e.Data.DeclinedAt, e, (h, t) =>
    {
        h.Answered ??= t;
        h.Ended ??= t;
    });

    public void Apply(IEvent<HandoffCompleted> e, CaseIndicatorFacts f) => Handoff(f, e.Data.HandoffId, e.Data.CompletedAt, e, (h, t) =>
    {
        h.Answered ??= t;
        h.Ended ??= t;
    });

    public void Apply(IEvent<HandoffCancelled> e, CaseIndicatorFacts f) => Handoff(f, e.Data.HandoffId, e.Data.CancelledAt, e, (h, t) =>
    {
        if (h.Answered is null) h.Unclocked ??= t.Rec;
        h.Ended ??= t;
    });

    public void Apply(IEvent<HandoffRerouted> e, CaseIndicatorFacts f) =>
        Handoff(f, e.Data.HandoffId, e.Data.ReroutedAt, e, (h, t) => h.Agency.Add(new(e.Data.ToAgency, t.Rec)));

    public void Apply(IEvent<ClockResumed> e, CaseIndicatorFacts f) =>
        Handoff(f, e.Data.HandoffId, e.Data.ResumedAt, e, (h, t) => h.Due.Add(new(e.Data.NewDueAt, t.Rec)));

    public void Apply(IEvent<ClockStopped> e, CaseIndicatorFacts f) => Handoff(f, e.Data.HandoffId, e.Data.StoppedAt, e, (h, t) => h.Unclocked ??= t.Rec);

    public void Apply(IEvent<ClockBreached> e, CaseIndicatorFacts f) =>
        Add(f, f.Breaches, new Labelled(e.Data.Agency, e.Data.BreachedAt, e.Timestamp), e.Data.BreachedAt, e);

    private static void Given(CaseIndicatorFacts f, string label, DateTimeOffset at, IEvent e) => Add(f, f.Services, new Labelled(label, at, e.Timestamp), at, e);

    private static void Add<T>(CaseIndicatorFacts f, List<T> list, T fact, DateTimeOffset at, IEvent e)
    {
        list.Add(fact);
        f.Touch(at, e.Timestamp);
    }

    private static void Handoff(CaseIndicatorFacts f, Guid handoffId, DateTimeOffset at, IEvent e, Action<HandoffFact, Timed> change)
    {
        // The last fact of the id: a hand-off given back by an unmerge is counted again from then, as a fact of its own.
        if (f.Handoffs.FindLast(h => h.Id == handoffId) is { } handoff) change(handoff, new Timed(at, e.Timestamp));
        f.Touch(at, e.Timestamp);
    }
}
