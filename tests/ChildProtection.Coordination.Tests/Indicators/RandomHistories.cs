using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Identity;
using HandoffStatus = ChildProtection.Coordination.Cases.Case.HandoffStatus;
namespace ChildProtection.Coordination.Tests.Indicators;

/// <summary>
/// Random case histories made of the real steps' events: reports on every channel, verifications (some reversed), risk
/// assessments, crime reports, emergency separations ended or not, plans drafted and approved, services, hand-offs
/// answered, declined, cancelled, rerouted, breached, escalated, paused and stopped, closures with and without reason
/// codes, reopenings; the facts of the legal path (the setting, special-circumstance groups established and ended, the
/// investigation agency's decisions, transfers to another commune or province and back); late entries (a step recorded
/// long after it happened) come from recording in batches; links of two reports as the same child (or incident), some undone;
/// merges of one into the other, whose open hand-offs are answered on the lead case, some given back by an unmerge. Each event carries the batch (0, 1, 2) it is recorded in; a
/// case's batches never go back.
/// </summary>
public static class RandomHistories
{
    /// <summary>Not dong-son-ward: the HTTP tests count their own cases there.</summary>
    public static readonly string[] Communes = ["dong-hoi-ward", "dong-thuan-ward", "hong-bang-ward", "unlisted-ward"];
    private static readonly string[] Agencies = ["ubnd-dong-hoi", "ca-dong-hoi", "tyt-dong-hoi", "ubnd-hong-bang", "ctxh-quang-tri", "syt-quang-tri"];
    private static readonly string?[] ReasonCodes = [.. ClosureReasonCodes.All, null];

    public sealed record Recorded(int Batch, object Event);

    public static List<(Guid CaseId, List<Recorded> Events)> Generate(int count, int seed, DateTimeOffset latest)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var span = (latest.AddDays(-3) - start).TotalHours;
        var cases = Enumerable.Range(0, count).Select(_ => Case(random, start.AddHours(random.NextDouble() * span), latest)).ToList();
        // Reports of one child: now and then two neighbours linked as the same child (or the same incident), sometimes a third
        // linked to the second, sometimes unlinked again later.
        for (var i = 0; i + 2 < cases.Count; i += 3)
        {
            if (random.NextDouble() >= 0.12) continue;
            var first = Link(random, cases[i], cases[i + 1], latest);
            if (random.NextDouble() < 0.4) Link(random, cases[i + 1], cases[i + 2], latest);
            // Now and then the first report merged into the second after all else, its open hand-offs answered there (some
            // given back by an unmerge and answered on the first again).
            if (first is { } sameChild && random.NextDouble() < 0.6) Merge(random, cases[i], cases[i + 1], sameChild, latest);
        }
        return cases;
    }

    /// <summary>
    /// <paramref name="merged"/> merged into <paramref name="lead"/> in the last batch, after every other event of both: its
    /// hand-offs still open move as they stand (the service's <c>MovedHandoff</c>); the lead case answers or cancels some; an
    /// unmerge perhaps gives back what is still open, and the merged case answers some of that.
    /// </summary>
    private static void Merge(Random r, (Guid CaseId, List<Recorded> Events) merged, (Guid CaseId, List<Recorded> Events) lead, Guid linkId, DateTimeOffset latest)
    {
        var at = merged.Events.Concat(lead.Events).Max(e => ChildProtection.Coordination.Audit.StepTimes.Of(e.Event) ?? DateTimeOffset.MinValue).AddHours(1 + r.NextDouble() * 24);
        if (at.AddDays(4) >= latest) return;
        var events = merged.Events.Select(e => e.Event).ToList();
        var moved = events.OfType<HandoffRequested>().Select(q =>
        {
            var mine = events.OfType<IHandoffEvent>().Where(e => e.HandoffId == q.HandoffId).ToList();
            if (mine.Any(e => e is HandoffCompleted or HandoffDeclined or HandoffCancelled)) return null;
            var agency = mine.Select(e => e switch { HandoffRequested x => x.ToAgency, HandoffRerouted x => x.ToAgency, _ => null }).OfType<string>().Last();
            var due = mine.Select(e => e switch { HandoffRequested x => x.DueAt, ClockResumed x => x.NewDueAt, _ => (DateTimeOffset?)null }).OfType<DateTimeOffset>().Last();
            var stopped = mine.Any(e => e is ClockStopped);
            return new MovedHandoff(q.HandoffId, q.FromAgency, agency, q.ToKind, q.Task,
                mine.Any(e => e is HandoffAccepted) ? HandoffStatus.Accepted : HandoffStatus.Requested, due, null, null, [], !stopped, stopped,
                null, false, q.EscalatesHandoffId, q.RequestedAt);
        }).OfType<MovedHandoff>().ToArray();
        merged.Events.Add(new Recorded(2, new CaseMerged(merged.CaseId, linkId, merged.CaseId, lead.CaseId, at, "same child", moved, [], Initiated: true)));
        lead.Events.Add(new Recorded(2, new CaseMerged(lead.CaseId, linkId, merged.CaseId, lead.CaseId, at, "same child", moved, [], Initiated: false)));

        var open = moved.ToDictionary(h => h.HandoffId);
        foreach (var h in moved.Where(h => h.Status == HandoffStatus.Requested))
        {
            var answered = at.AddHours(r.NextDouble() * 30);
            var roll = r.NextDouble();
            if (roll < 0.5)
            {
                lead.Events.Add(new Recorded(2, new HandoffAccepted(lead.CaseId, h.HandoffId, "a", answered)));
                open[h.HandoffId] = h with { Status = HandoffStatus.Accepted };
            }
            else if (roll < 0.6)
            {
                lead.Events.Add(new Recorded(2, new HandoffCancelled(lead.CaseId, h.HandoffId, answered, "not needed")));
                open.Remove(h.HandoffId);
            }
        }
        if (r.NextDouble() >= 0.4) return;
        var undone = at.AddHours(31 + r.NextDouble() * 24);
        var back = open.Values.ToArray();
        merged.Events.Add(new Recorded(2, new CaseUnmerged(merged.CaseId, linkId, merged.CaseId, lead.CaseId, undone, "two children after all", back, Initiated: true)));
        lead.Events.Add(new Recorded(2, new CaseUnmerged(lead.CaseId, linkId, merged.CaseId, lead.CaseId, undone, "two children after all", back, Initiated: false)));
        foreach (var h in back.Where(h => h.Status == HandoffStatus.Requested && r.NextDouble() < 0.5))
        {
            var answered = undone.AddHours(r.NextDouble() * 30);
            merged.Events.Add(new Recorded(2, new HandoffAccepted(merged.CaseId, h.HandoffId, "a", answered)));
        }
    }

    /// <summary>A link recorded on both cases in one batch, once both reports are; perhaps undone in that batch or a later one.</summary>
    /// <returns>The link's id when the two are linked as the same child and stay so; else null.</returns>
    private static Guid? Link(Random r, (Guid CaseId, List<Recorded> Events) a, (Guid CaseId, List<Recorded> Events) b, DateTimeOffset latest)
    {
        var reported = new[] { a, b }.Select(c => (Report: (CaseReported)c.Events[0].Event, c.Events[0].Batch)).ToList();
        var batch = r.Next(reported.Max(x => x.Batch), 3);
        var at = reported.Max(x => x.Report.ReceivedAt).AddHours(r.NextDouble() * 48);
        if (at >= latest) return null;
        var kind = r.NextDouble() < 0.85 ? CaseLinkKind.SameChild : CaseLinkKind.SameIncident;
        var linkId = Guid.CreateVersion7();
        a.Events.Add(new Recorded(batch, new CaseLinked(a.CaseId, linkId, b.CaseId, kind, at, "same child", Initiated: true)));
        b.Events.Add(new Recorded(batch, new CaseLinked(b.CaseId, linkId, a.CaseId, kind, at, "same child", Initiated: false)));
        if (r.NextDouble() >= 0.25) return kind == CaseLinkKind.SameChild ? linkId : null;
        var undone = r.Next(batch, 3);
        var until = at.AddHours(r.NextDouble() * 24);
        if (until >= latest) return kind == CaseLinkKind.SameChild ? linkId : null;
        a.Events.Add(new Recorded(undone, new CaseUnlinked(a.CaseId, linkId, b.CaseId, until, "two children", Initiated: true)));
        b.Events.Add(new Recorded(undone, new CaseUnlinked(b.CaseId, linkId, a.CaseId, until, "two children", Initiated: false)));
        return null;
    }

    private static (Guid, List<Recorded>) Case(Random r, DateTimeOffset received, DateTimeOffset latest)
    {
        var id = Guid.CreateVersion7();
        var events = new List<(DateTimeOffset At, object Event)>();
        bool P(double p) => r.NextDouble() < p;
        DateTimeOffset After(DateTimeOffset t, double maxHours) => t.AddHours(r.NextDouble() * maxHours);
        T Pick<T>(IReadOnlyList<T> xs) => xs[r.Next(xs.Count)];

        var harms = Enum.GetValues<HarmForm>().OrderBy(_ => r.Next()).Take(1 + r.Next(2)).ToArray();
        var age = r.Next(0, 18);
        var child = P(0.2)
            ? new ChildDetails("Child", Pick(Enum.GetValues<Sex>()), "dong-hoi-ward", DateOfBirth: DateOnly.FromDateTime(received.Date).AddYears(-age).AddDays(-r.Next(300)))
            : new ChildDetails("Child", Pick(Enum.GetValues<Sex>()), "dong-hoi-ward", AgeYears: age);
        HarmSetting? setting = P(0.8) ? Pick(Enum.GetValues<HarmSetting>()) : null;
        bool? crimeSigns = P(0.6) ? P(0.5) : null;   // null: recorded before the decision was, the fixed list decides
        var commune = Pick(Communes);
        events.Add((received, new CaseReported(id, received, Pick(Enum.GetValues<ReportChannel>()), new Reporter(),
            child, new IncidentDetails(commune, received.AddHours(-5), harms, "seen", Setting: setting), CrimeSigns: crimeSigns)));

        // The child moves: the case follows to another commune (perhaps another province), sometimes on again or back.
        var owner = commune;
        var moved = received;
        for (var i = P(0.25) ? 1 + r.Next(2) : 0; i > 0; i--)
        {
            moved = After(moved, 24 * 60);
            var to = Communes.Where(c => c != owner).ToArray()[r.Next(Communes.Length - 1)];
            events.Add((moved, new CaseTransferred(id, moved, owner, null, to, null, "the family moved")));
            owner = to;
        }
        foreach (var group in Enum.GetValues<SpecialCircumstanceGroup>().OrderBy(_ => r.Next()).Take(P(0.3) ? 1 + r.Next(2) : 0))
        {
            var from = After(received.AddDays(-400), 24 * 500);
            events.Add((from, new SpecialCircumstanceEstablished(id, group, DateOnly.FromDateTime(from.AddDays(-r.Next(200)).Date), from)));
            if (P(0.4))
            {
                var ended = After(from, 24 * 200);
                events.Add((ended, new SpecialCircumstanceEnded(id, group, DateOnly.FromDateTime(ended.Date), ended, "carer found")));
                if (P(0.3)) { var again = After(ended, 24 * 100); events.Add((again, new SpecialCircumstanceEstablished(id, group, DateOnly.FromDateTime(again.Date), again))); }
            }
        }

        var substantiated = false;
        if (P(0.85))
        {
            substantiated = P(0.6);
            var at = After(received, 30);
            events.Add((at, new ReportVerified(id, at, substantiated, "found")));
            if (P(0.1))
            {
                substantiated = !substantiated;
                var again = After(at, 24 * 40);
                events.Add((again, new ReportVerified(id, again, substantiated, "found again")));
            }
        }
        if (P(0.4))
        {
            var at = After(received, 40);
            events.Add((at, new CrimeReportRecorded(id, at, "R-1", true)));
            if (P(0.5)) { var decided = After(at, 24 * 60); events.Add((decided, new CriminalProceedingsDecided(id, decided, Pick(Enum.GetValues<ProceedingsDecision>()), "QD-1"))); }
            if (P(0.1)) { var again = After(at, 24 * 120); events.Add((again, new CriminalProceedingsDecided(id, again, Pick(Enum.GetValues<ProceedingsDecision>()), "QD-2"))); }
        }
        if (substantiated && P(0.85))
        {
            var at = After(received, 24);
            var emergency = P(0.35);
            var overall = Pick(Enum.GetValues<RiskLevel>());
            bool? planCalledFor = P(0.7) ? overall != RiskLevel.Low || emergency : null;   // null: recorded before the step recorded it
            events.Add((at, new InitialRiskAssessed(id, at, RiskLevel.High, RiskLevel.Medium, RiskLevel.Low, overall, emergency, null, planCalledFor)));
            if (emergency)
            {
                var order = Guid.CreateVersion7();
                var ordered = After(received, 20);
                var separation = P(0.7);
                events.Add((ordered, new EmergencyProtectionOrdered(id, order, ordered, "measures", separation, separation ? "grandmother" : null, ordered.AddDays(15))));
                if (separation && P(0.3))
                {
                    var warned = ordered.AddDays(13);
                    events.Add((warned, new SeparationEndingSoon(id, order, ordered.AddDays(15), warned)));
                    if (P(0.5)) { var extended = ordered.AddDays(14); events.Add((extended, new SeparationExtended(id, order, extended, ordered.AddDays(30), "still unsafe"))); }
                }
                if (P(0.8)) { var ended = ordered.AddDays(r.NextDouble() * 40); events.Add((ended, new EmergencyProtectionEnded(id, order, ended, "safe"))); }
            }
            if (P(0.7))
            {
                var plan = Guid.CreateVersion7();
                var drafted = After(received, 24 * 12);
                var services = Enum.GetValues<ServiceKind>().Where(_ => P(0.3))
                    .Select(k => new PlannedService(Guid.CreateVersion7(), k, AgencyKind.SocialWorkCentre, "service", DateOnly.FromDateTime(drafted.Date).AddDays(10))).ToArray();
                // Steps no indicator counts, there to show they change nothing: the detailed assessment, the planning
                // meeting, a plan returned and drafted again, progress notes, a review.
                if (P(0.5)) { var at2 = After(received, 24 * 4); events.Add((at2, new DetailedAssessmentCompleted(id, at2, ["safety"], "needs"))); }
                if (P(0.5)) { var held = drafted.AddHours(-1); events.Add((held, new PlanningMeetingHeld(id, Guid.CreateVersion7(), held, [], "wants school", "agrees", plan))); }
                if (P(0.15))
                {
                    var first = drafted.AddHours(-r.NextDouble() * 48);
                    events.Add((first, new SupportPlanDrafted(id, plan, first, "first goals", services)));
                    var returned = first.AddMinutes(30);
                    events.Add((returned, new SupportPlanReturned(id, plan, returned, "too vague")));
                }
                events.Add((drafted, new SupportPlanDrafted(id, plan, drafted, "goals", services)));
                foreach (var service in services.Where(_ => P(0.3)))
                {
                    var note = After(drafted, 24 * 20);
                    events.Add((note, new ServiceProgressRecorded(id, service.ServiceId, Guid.CreateVersion7(), note, ProgressKind.Session, "ctxh-quang-tri", "session held")));
                }
                if (P(0.3)) { var reviewed = After(drafted, 24 * 40); events.Add((reviewed, new CaseReviewed(id, reviewed, Pick(Enum.GetValues<ReviewRecommendation>()), "review"))); }
                if (P(0.8)) { var approved = After(drafted, 24 * 6); events.Add((approved, new SupportPlanApproved(id, plan, approved, null))); }
            }
            if (P(0.5))
            {
                var exam = Guid.CreateVersion7();
                var asked = After(received, 24 * 5);
                events.Add((asked, new MedicalExamRequested(id, exam, asked, Pick(Enum.GetValues<ExamKind>()), "bruises")));
                if (P(0.8)) { var at2 = After(asked, 24 * 5); events.Add((at2, new MedicalExamCompleted(id, exam, at2, "hospital", true, true, "ok"))); }
            }
            if (P(0.3))
            {
                var interview = Guid.CreateVersion7();
                var scheduled = After(received, 24 * 7);
                events.Add((scheduled, new InterviewScheduled(id, interview, scheduled.AddDays(1), "friendly room", "officer", true)));
                if (P(0.7)) { var held = scheduled.AddDays(1); events.Add((held, new InterviewConducted(id, interview, held, TimeSpan.FromHours(1), true, true, null))); }
            }
            if (P(0.6)) { var at2 = After(received, 24 * 30); events.Add((at2, new PsychosocialSupportProvided(id, at2, ServiceKind.Counselling, "ctxh", "session"))); }
            if (P(0.3)) { var at2 = After(received, 24 * 30); events.Add((at2, new LegalAidProvided(id, at2, "tgpl", "advice"))); }
            if (P(0.2))
            {
                var planned = After(received, 24 * 20);
                events.Add((planned, new SchoolReintegrationPlanned(id, planned, "school", DateOnly.FromDateTime(planned.Date).AddDays(20), "quiet return")));
                if (P(0.5)) { var done = After(planned, 24 * 20); events.Add((done, new SchoolReintegrationCompleted(id, done, "school", null))); }
            }
        }

        var handoffs = new List<Guid>();
        for (var i = r.Next(0, 4); i > 0; i--) Handoff(r, id, received, events, handoffs, null);

        if (P(0.45))
        {
            var closed = After(received, 24 * 90);
            var code = Pick(ReasonCodes);
            events.Add((closed, new CaseClosed(id, closed, code ?? "safe and stable", code)));
            if (P(0.25)) { var reopened = After(closed, 24 * 30); events.Add((reopened, new CaseReopened(id, reopened, "again"))); }
        }

        // Nothing in the future; the report first, the rest in the order the steps were taken, each batch never earlier than the last.
        var kept = events.Take(1).Concat(events.Skip(1).Where(e => e.At < latest).OrderBy(e => e.At)).ToList();
        var batch = r.Next(0, 2);
        var recorded = new List<Recorded>();
        foreach (var (_, e) in kept)
        {
            recorded.Add(new Recorded(batch, e));
            if (batch < 2 && P(0.15)) batch++;
        }
        // A late entry: a step that happened early recorded in the last batch, after later steps.
        // Only a step that answers nothing earlier: an answer to a hand-off or the end of an order comes after what it answers.
        var movable = recorded.FindIndex(1, e => e.Event is ReportVerified or CrimeReportRecorded or InitialRiskAssessed or MedicalExamCompleted
            or PsychosocialSupportProvided or LegalAidProvided or CaseTransferred or CriminalProceedingsDecided);
        if (movable > 0 && movable < recorded.Count - 1 && P(0.3))
        {
            var late = recorded[movable];
            recorded.RemoveAt(movable);
            recorded.Add(late with { Batch = 2 });
        }
        return (id, recorded);
    }

    private static void Handoff(Random r, Guid caseId, DateTimeOffset received, List<(DateTimeOffset, object)> events, List<Guid> handoffs, Guid? escalates)
    {
        bool P(double p) => r.NextDouble() < p;
        var id = Guid.CreateVersion7();
        handoffs.Add(id);
        var at = received.AddHours(r.NextDouble() * 24 * 20);
        var due = at.AddHours(r.Next(2) == 0 ? 12 : 24);
        events.Add((at, new HandoffRequested(caseId, id, "hotline-111", Agencies[r.Next(Agencies.Length)], AgencyKind.CommunePeoplesCommittee,
            escalates is null ? (HandoffTask)r.Next(0, 9) : HandoffTask.Escalation, "work", "ND56", at, due, EscalatesHandoffId: escalates)));
        if (P(0.05)) { var t = at.AddHours(r.NextDouble() * 5); events.Add((t, new HandoffRerouted(caseId, id, "x", Agencies[r.Next(Agencies.Length)], t, "merger"))); }
        if (P(0.05)) { var t = at.AddHours(r.NextDouble() * 6); events.Add((t, new ClockResumed(caseId, id, t, due.AddHours(r.Next(1, 30))))); }
        if (P(0.05)) { var t = at.AddHours(r.NextDouble() * 6); events.Add((t, new ClockStopped(caseId, id, t, "hospital"))); }
        var answered = at.AddHours(r.NextDouble() * 30);
        var roll = r.NextDouble();
        if (roll < 0.55)
        {
            events.Add((answered, new HandoffAccepted(caseId, id, "a", answered)));
            if (P(0.6)) { var t = answered.AddHours(r.NextDouble() * 24 * 10); events.Add((t, new HandoffCompleted(caseId, id, t, Guid.NewGuid(), "x"))); }
        }
        else if (roll < 0.65) events.Add((answered, new HandoffDeclined(caseId, id, "a", answered, "not ours")));
        else if (roll < 0.72) events.Add((answered, new HandoffCancelled(caseId, id, answered, "not needed")));
        if (P(0.2))
        {
            events.Add((due, new ClockBreached(caseId, id, Agencies[r.Next(Agencies.Length)], HandoffTask.VerifyAndAssess, due, due)));
            if (escalates is null && P(0.5)) Handoff(r, caseId, due.AddMinutes(1).AddHours(-r.NextDouble()), events, handoffs, id);
        }
    }

    /// <summary>An erasure as the privacy step records it.</summary>
    public static IdentityErased Erasure(Guid caseId) => new(caseId, DateTimeOffset.UtcNow, "admin", "request of the family");
}
