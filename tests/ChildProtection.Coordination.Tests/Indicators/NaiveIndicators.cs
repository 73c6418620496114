using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Indicators;
using ChildProtection.Coordination.LegalTime;
using JasperFx.Events;
namespace ChildProtection.Coordination.Tests.Indicators;

/// <summary>
/// Every indicator counted the slow, obvious way: straight from each case's raw events (as Marten stored them, with
/// their recorded timestamps), one case at a time, without the facts documents, the projection or the read's filter.
/// It follows the wording of indicators.v1.json; the service must agree with it cell for cell. A fact counts for the
/// unit whose commune held the case when the fact happened: the report's commune, until a transfer known at the moment.
/// </summary>
public static class NaiveIndicators
{
    public static Dictionary<string, (long Count, long? Denominator)> Count(IEnumerable<IReadOnlyList<IEvent>> streams, Func<string, bool> inUnit,
        ReportingPeriod period, DateTimeOffset asOf)
    {
        var cells = new Dictionary<string, (long Count, long? Denominator)>();
        void Add(string key) => cells[key] = (cells.GetValueOrDefault(key).Count + 1, null);
        void Share(string key, bool hit)
        {
            var (n, d) = cells.GetValueOrDefault(key);
            cells[key] = (n + (hit ? 1 : 0), (d ?? 0) + 1);
        }
        bool In(DateTimeOffset t) => t >= VietnamTime.StartOf(period.FirstDay) && t < VietnamTime.StartOf(period.EndDay);
        var abused = new List<(Guid Id, DateTimeOffset At, IReadOnlyList<Guid> Links, Action Count)>();

        foreach (var stream in streams)
        {
            var known = stream.Where(e => e.Timestamp <= asOf).OrderBy(e => e.Version).ToList();
            if (known.FirstOrDefault()?.Data is not CaseReported report) continue;
            var data = known.Select(e => e.Data).ToList();
            var received = report.ReceivedAt;
            // Where the case was at a moment: the last transfer that had happened by then (ties: the later recorded), else the report's commune.
            var transfers = data.OfType<CaseTransferred>().Select((t, i) => (t, i)).OrderBy(x => x.t.TransferredAt).ThenBy(x => x.i).Select(x => x.t).ToList();
            bool Here(DateTimeOffset at) => inUnit(transfers.LastOrDefault(t => t.TransferredAt <= at)?.ToCommune ?? report.Incident.Commune);

            if (In(received) && Here(received))
            {
                Add("reports-received|total|all");
                Add($"reports-received|channel|{report.Channel}");
                Add($"report-outcomes|outcome|{Outcome(data)}");
                Clock("verified-within-12h", data.OfType<ReportVerified>().Select(v => v.VerifiedAt), received.AddHours(12));
                var crime = data.OfType<CrimeReportRecorded>().Select(c => c.RecordedAt).ToList();
                var signs = report.CrimeSigns ?? report.Incident.HarmForms.Any(h => h is HarmForm.SexualAbuse or HarmForm.Trafficking or HarmForm.Exploitation);
                if (signs || crime.Count > 0)
                    Clock("crime-reports-within-24h", crime, received.AddHours(24));
                var decisions = data.OfType<CriminalProceedingsDecided>().ToList();
                if (signs || crime.Count > 0 || decisions.Count > 0)
                {
                    Add("criminal-proceedings|total|all");
                    // The latest decision by when it was made; of two at once, the later recorded.
                    var latest = decisions.Select((d, i) => (d, i)).OrderBy(x => x.d.DecidedAt).ThenBy(x => x.i).Select(x => x.d).LastOrDefault();
                    Add($"criminal-proceedings|decision|{latest?.Decision.ToString() ?? "pending"}");
                }
                var drafts = data.OfType<SupportPlanDrafted>().Select(d => d.DraftedAt).ToList();
                if (drafts.Count > 0 || data.OfType<InitialRiskAssessed>().Any(a => a.PlanCalledFor != false))
                {
                    Clock("plans-drafted-within-5wd", drafts, WorkingDays.DeadlineAfter(received, 5));
                    Clock("plans-approved-within-7wd", data.OfType<SupportPlanApproved>().Select(a => a.ApprovedAt), WorkingDays.DeadlineAfter(received, 7));
                }
            }

            var substantiated = data.OfType<ReportVerified>().Where(v => v.Substantiated && In(v.VerifiedAt)).ToList();
            if (substantiated.Count > 0 && Here(substantiated.Min(v => v.VerifiedAt)))
            // Counted after every stream is seen: a child reported twice and linked as the same child counts once.
            abused.Add((report.CaseId, substantiated.Min(v => v.VerifiedAt), SameChildLinks(data), () =>
            {
                Add("abused-children|total|all");
                Add($"abused-children|sex|{report.Child.Sex}");
                int? age = report.Child.DateOfBirth is { } dob ? ChildProtection.Coordination.Cases.Case.AgeYears(dob, VietnamTime.DateOf(received)) : report.Child.AgeYears;
                Add($"abused-children|age-group|{age switch { null => "unknown", < 6 => "0-5", < 11 => "6-10", < 16 => "11-15", < 18 => "16-17", _ => "unknown" }}");
                foreach (var harm in report.Incident.HarmForms.Distinct()) Add($"abused-children|harm-form|{harm}");
                Add($"abused-children|setting|{report.Incident.Setting?.ToString() ?? "unrecorded"}");
                var groups = Groups(data, period);
                if (groups.Count == 0) Add("abused-children|special-group|none-recorded");
                foreach (var group in groups) Add($"abused-children|special-group|{group}");
                Share("early-intervention|total|all",
                    data.OfType<InitialRiskAssessed>().Any(a => a.AssessedAt <= received.AddHours(12)) ||
                    data.OfType<EmergencyProtectionOrdered>().Any(o => o.OrderedAt <= received.AddHours(12)));
                Share("medical-care|total|all", data.OfType<MedicalExamCompleted>().Any());
                Share("psychological-support|total|all", data.OfType<PsychosocialSupportProvided>().Any());
                var plannedKinds = data.OfType<SupportPlanDrafted>().SelectMany(p => p.Services).Select(s => s.Kind).ToList();
                if (plannedKinds.Contains(ServiceKind.LegalAid) || data.OfType<LegalAidProvided>().Any())
                    Share("legal-aid|total|all", data.OfType<LegalAidProvided>().Any());
                if (plannedKinds.Contains(ServiceKind.SchoolReintegration) || data.OfType<SchoolReintegrationPlanned>().Any() || data.OfType<SchoolReintegrationCompleted>().Any())
                    Share("school-reintegration|total|all", data.OfType<SchoolReintegrationCompleted>().Any());
            }));

            var requests = data.OfType<HandoffRequested>().ToList();
            string AgencyOf(Guid handoff) => data.Select(d => d switch
            {
                HandoffRequested q when q.HandoffId == handoff => q.ToAgency,
                HandoffRerouted q when q.HandoffId == handoff => q.ToAgency,
                _ => null,
            }).OfType<string>().Last();
            foreach (var h in requests.Where(h => In(h.RequestedAt) && Here(h.RequestedAt) && h.Task == HandoffTask.Escalation))
            {
                Add("escalations|total|all");
                Add($"escalations|agency|{(requests.Any(x => x.HandoffId == h.EscalatesHandoffId) ? AgencyOf(h.EscalatesHandoffId!.Value) : "unknown")}");
            }
            // Each hand-off counts for its clock where it is answered: from its request, or from a merge (or an unmerge) that
            // moved it here unanswered; not where it was requested once moved away unanswered.
            foreach (var h in HandoffSegments(data, received).Where(x => !x.Away && In(x.At) && Here(x.At)))
            {
                var mine = h.Events;
                var firstAnswer = mine.FindIndex(e => e is HandoffAccepted or HandoffDeclined or HandoffCompleted);
                var cancel = mine.FindIndex(e => e is HandoffCancelled);
                if (mine.Any(e => e is ClockStopped) || (cancel >= 0 && (firstAnswer < 0 || cancel < firstAnswer))) continue;
                var due = mine.Select(e => e is ClockResumed c ? c.NewDueAt : (DateTimeOffset?)null).OfType<DateTimeOffset>().LastOrDefault(h.Due);
                var agency = mine.Select(e => e is HandoffRerouted q ? q.ToAgency : null).OfType<string>().LastOrDefault(h.Agency);
                DateTimeOffset? answeredAt = firstAnswer < 0 ? null : mine[firstAnswer] switch
                {
                    HandoffAccepted a => a.AcceptedAt, HandoffDeclined d => d.DeclinedAt, HandoffCompleted c => c.CompletedAt, _ => null,
                };
                if (answeredAt is null && due > asOf) continue;
                var inTime = answeredAt is { } t && t <= due;
                Share("handoffs-answered-in-time|total|all", inTime);
                Share($"handoffs-answered-in-time|agency|{agency}", inTime);
            }
            foreach (var b in data.OfType<ClockBreached>().Where(b => In(b.BreachedAt) && Here(b.BreachedAt)))
            {
                Add("clock-breaches|total|all");
                Add($"clock-breaches|agency|{b.Agency}");
            }

            foreach (var o in data.OfType<EmergencyProtectionOrdered>().Where(o => o.TemporarySeparation))
            {
                if (In(o.OrderedAt) && Here(o.OrderedAt)) Add("emergency-separations|total|all");
                var end = data.OfType<EmergencyProtectionEnded>().FirstOrDefault(e => e.OrderId == o.OrderId);
                if (end is null || !In(end.EndedAt) || !Here(end.EndedAt)) continue;
                var days = (end.EndedAt - o.OrderedAt).TotalDays;
                Add("separations-ended|total|all");
                Add($"separations-ended|length|{(days <= 7 ? "0-7 days" : days <= 15 ? "8-15 days" : days <= 30 ? "16-30 days" : "over 30 days")}");
                Share("separations-within-15-days|total|all", days <= 15);
            }

            var at = period.End < asOf ? period.End : asOf;
            if (received < at && Here(at))
            {
                var last = known.Where(e => e.Data is CaseClosed c && c.ClosedAt < at || e.Data is CaseReopened o && o.ReopenedAt < at)
                    .OrderBy(e => e.Data is CaseClosed c ? c.ClosedAt : ((CaseReopened)e.Data).ReopenedAt).ThenBy(e => e.Version).LastOrDefault();
                if (last?.Data is not CaseClosed)
                {
                    var days = (at - received).TotalDays;
                    Add("open-caseload|total|all");
                    Add($"open-caseload|case-age|{(days <= 30 ? "0-30 days" : days <= 90 ? "31-90 days" : days <= 180 ? "91-180 days" : "over 180 days")}");
                    foreach (var agency in requests.Where(h => h.RequestedAt < at && !data.OfType<IHandoffEvent>().Any(e => e.HandoffId == h.HandoffId && e switch
                                 {
                                     HandoffCompleted c => c.CompletedAt < at, HandoffDeclined d => d.DeclinedAt < at, HandoffCancelled x => x.CancelledAt < at, _ => false,
                                 } && FirstEnd(data, h.HandoffId) == e)).Select(h => AgencyOf(h.HandoffId)).Distinct())
                        Add($"open-caseload|agency|{agency}");
                }
            }
        }
        // One child once: reports linked to each other, or both to a third report, are one child; the earliest counts.
        var child = abused.ToDictionary(a => a.Id, a => a.Id);
        foreach (var a in abused)
            foreach (var other in a.Links)
            {
                var (from, to) = (child[a.Id], child.GetValueOrDefault(other, other));
                foreach (var id in child.Keys.Where(k => child[k] == from).ToList()) child[id] = to;
                child[other] = to;
            }
        foreach (var one in abused.GroupBy(a => child[a.Id]).Select(g => g.OrderBy(a => a.At).ThenBy(a => a.Id).First())) one.Count();
        return cells;

        void Clock(string indicator, IEnumerable<DateTimeOffset> steps, DateTimeOffset due)
        {
            var list = steps.ToList();
            if (list.Count > 0) Share($"{indicator}|total|all", list.Min() <= due);
            else if (due <= asOf) Share($"{indicator}|total|all", false);
        }
    }

    /// <summary>The reports this one is linked to as the same child, as the links stood (linked and not unlinked since).</summary>
    /// <summary>A stretch of one hand-off's life on one case: from its request or its move here, until moved away unanswered.</summary>
    private sealed record Segment(Guid Id, DateTimeOffset At, string Agency, DateTimeOffset Due, List<object> Events)
    {
        public bool Away { get; set; }
        public bool Answered => Events.Any(e => e is HandoffAccepted or HandoffDeclined or HandoffCompleted);
    }

    /// <summary>The hand-offs a case's events give it, walked in order: requested here, moved here by a merge or back by an unmerge.</summary>
    /// <param name="received">The case's report: work moved here counts no earlier.</param>
    private static List<Segment> HandoffSegments(IReadOnlyList<object> data, DateTimeOffset received)
    {
        var segments = new List<Segment>();
        Segment? Last(Guid id) => segments.LastOrDefault(x => x.Id == id);
        static bool Unanswered(MovedHandoff h) => h.Status == ChildProtection.Coordination.Cases.Case.HandoffStatus.Requested && !h.ClockStopped;
        foreach (var e in data)
            switch (e)
            {
                case HandoffRequested q:
                    segments.Add(new Segment(q.HandoffId, q.RequestedAt, q.ToAgency, q.DueAt, []));
                    break;
                case CaseMerged m when m.CaseId == m.MergedCaseId:
                    foreach (var h in m.Handoffs) if (Last(h.HandoffId) is { Answered: false } s) s.Away = true;
                    break;
                case CaseMerged m:
                    segments.AddRange(m.Handoffs.Where(Unanswered).Select(h =>
                        new Segment(h.HandoffId, new[] { h.RequestedAt ?? m.MergedAt, received }.Max(), h.ToAgency, h.DueAt, [])));
                    break;
                case CaseUnmerged u when u.CaseId == u.MergedCaseId:
                    foreach (var h in u.Handoffs.Where(Unanswered))
                        if (Last(h.HandoffId) is { } requested) segments.Add(new Segment(h.HandoffId, requested.At, h.ToAgency, h.DueAt, []));
                    break;
                case CaseUnmerged u:
                    foreach (var h in u.Handoffs.Where(Unanswered)) if (Last(h.HandoffId) is { Answered: false } s) s.Away = true;
                    break;
                case IHandoffEvent h when h is not HandoffRequested:
                    Last(h.HandoffId)?.Events.Add(e);
                    break;
            }
        return segments;
    }

    private static IReadOnlyList<Guid> SameChildLinks(IReadOnlyList<object> data) =>
        data.OfType<CaseLinked>().Where(l => l.Kind == CaseLinkKind.SameChild && !data.OfType<CaseUnlinked>().Any(u => u.LinkId == l.LinkId))
            .Select(l => l.OtherCaseId).ToList();

    /// <summary>A hand-off ends with its first completion, decline or cancellation.</summary>
    private static object? FirstEnd(IReadOnlyList<object> data, Guid handoff) =>
        data.OfType<IHandoffEvent>().FirstOrDefault(e => e.HandoffId == handoff && e is HandoffCompleted or HandoffDeclined or HandoffCancelled);

    /// <summary>
    /// The special-circumstance groups the child was in at some time in the period: each establishment opens a stretch
    /// from its date, each end closes the group's open stretch at its date.
    /// </summary>
    private static List<string> Groups(IReadOnlyList<object> data, ReportingPeriod period)
    {
        var open = new Dictionary<SpecialCircumstanceGroup, DateOnly>();
        var stretches = new List<(SpecialCircumstanceGroup Group, DateOnly From, DateOnly? Until)>();
        foreach (var e in data)
            switch (e)
            {
                case SpecialCircumstanceEstablished s: open[s.Group] = s.EstablishedOn; break;
                case SpecialCircumstanceEnded x when open.Remove(x.Group, out var from): stretches.Add((x.Group, from, x.EndedOn)); break;
            }
        stretches.AddRange(open.Select(o => (o.Key, o.Value, (DateOnly?)null)));
        return stretches.Where(s => s.From < period.EndDay && (s.Until is null || s.Until >= period.FirstDay))
            .Select(s => s.Group.ToString()).Distinct().ToList();
    }

    private static string Outcome(IReadOnlyList<object> data)
    {
        var status = data.Select((e, i) => (e, i)).Where(x => x.e is CaseClosed or CaseReopened)
            .OrderBy(x => x.e is CaseClosed c ? c.ClosedAt : ((CaseReopened)x.e).ReopenedAt).ThenBy(x => x.i).Select(x => x.e).LastOrDefault();
        if (status is CaseClosed { ReasonCode: { } code }) return code;
        var verification = data.Select((e, i) => (e, i)).Where(x => x.e is ReportVerified).OrderBy(x => ((ReportVerified)x.e).VerifiedAt).ThenBy(x => x.i)
            .Select(x => (ReportVerified)x.e).LastOrDefault();
        return verification is null ? "pending" : verification.Substantiated ? "substantiated" : "unfounded";
    }
}
