using ChildProtection.Coordination.Cases;
namespace ChildProtection.Coordination.Indicators;

/// <summary>
/// Every indicator of indicators.v1.json, folded from the cases' facts for a period as the events stood at
/// <c>asOf</c>: a fact counts only once recorded (<c>Rec ≤ asOf</c>), and it falls in the period by when it happened.
/// A fact counts for the unit that held the case when it happened (<see cref="CaseIndicatorFacts.OwnerAt"/>: a transfer
/// moves what happens after it, not what came before). Pure: the same facts, unit, period and moment give the same
/// figures; the tally also says until when they stay so if nothing is recorded (<see cref="IndicatorTally.Until"/>).
/// </summary>
public static class IndicatorFold
{
    /// <param name="inUnit">Whether a commune's cases count for the unit read; null: every commune (the nation).</param>
    public static IndicatorTally Compute(IEnumerable<CaseIndicatorFacts> cases, ReportingPeriod period, DateTimeOffset asOf, Func<string, bool>? inUnit = null)
    {
        var tally = new IndicatorTally();
        tally.Horizon(period.End, asOf);
        var all = cases as IReadOnlyList<CaseIndicatorFacts> ?? cases.ToList();
        var unit = inUnit ?? (_ => true);
        var children = OnePerChild(all, period, asOf, unit);
        foreach (var f in all)
        {
            // A fact recorded after the moment asked for: these figures change when the moment passes it.
            if (f.LastRec > asOf) tally.Horizon(asOf.AddTicks(1), asOf);
            if (f.ReportedRec <= asOf) Fold(tally, f, period, asOf, unit, children);
        }
        return tally;
    }

    /// <summary>The case's first substantiation in the period, as recorded by <paramref name="asOf"/>.</summary>
    private static VerificationFact? FirstSubstantiation(CaseIndicatorFacts f, ReportingPeriod p, DateTimeOffset asOf) =>
        f.Verifications.Where(v => v.Rec <= asOf && v.Substantiated && p.Contains(v.At)).OrderBy(v => v.At).FirstOrDefault();

    /// <summary>
    /// One child, counted once: of the reports whose first substantiation in the period counts for the unit, those linked as
    /// the same child (links in force at <paramref name="asOf"/>) — to each other, or both to a third report — count once, as
    /// the earliest of them (of two at once, the lower case id). Each candidate's own links decide, so the figure depends only
    /// on the facts of the cases the unit reads (and its cache stamp). Reports of one child that nobody linked count apart.
    /// </summary>
    private static HashSet<Guid> OnePerChild(IReadOnlyList<CaseIndicatorFacts> cases, ReportingPeriod p, DateTimeOffset asOf, Func<string, bool> inUnit)
    {
        var candidates = cases.Where(f => f.ReportedRec <= asOf)
            .Select(f => (Facts: f, Found: FirstSubstantiation(f, p, asOf)))
            .Where(c => c.Found is { } found && inUnit(c.Facts.OwnerAt(found.At, asOf)))
            .Select(c => (c.Facts, At: c.Found!.At)).ToList();
        var parent = new Dictionary<Guid, Guid>();
        Guid Root(Guid x)
        {
            while (parent.TryGetValue(x, out var up) && up != x) x = up;
            return x;
        }
        foreach (var (f, _) in candidates)
        foreach (var link in f.SameChild.Where(l => l.InForce(asOf)))
            if (Root(f.Id) is var a && Root(link.Other) is var b && a != b) parent[a] = b;
        return candidates.GroupBy(c => Root(c.Facts.Id)).Select(g => g.OrderBy(c => c.At).ThenBy(c => c.Facts.Id).First().Facts.Id).ToHashSet();
    }

    private static void Fold(IndicatorTally t, CaseIndicatorFacts f, ReportingPeriod p, DateTimeOffset asOf, Func<string, bool> inUnit,
        IReadOnlySet<Guid> children)
    {
        bool Known(DateTimeOffset rec) => rec <= asOf;
        bool Here(DateTimeOffset at) => inUnit(f.OwnerAt(at, asOf));

        if (p.Contains(f.ReceivedAt) && Here(f.ReceivedAt))
        {
            t.Count("reports-received", "total", "all");
            t.Count("reports-received", "channel", f.Channel.ToString());
            t.Count("report-outcomes", "outcome", Outcome(f, asOf));
            Clock(t, "verified-within-12h", f.Verifications.Where(v => Known(v.Rec)).Select(v => v.At),
                LegalClocks.InitialAssessment.DueFrom(f.ReceivedAt), asOf);
            var crimeReports = f.CrimeReports.Where(c => Known(c.Rec)).Select(c => c.At).ToList();
            if (f.CrimeSigns || crimeReports.Count > 0)
                Clock(t, "crime-reports-within-24h", crimeReports, LegalClocks.CrimeReport.DueFrom(f.ReceivedAt), asOf);
            var decision = f.Proceedings.Where(d => Known(d.Rec)).OrderBy(d => d.At).ThenBy(d => d.Rec).LastOrDefault();
            if (f.CrimeSigns || crimeReports.Count > 0 || decision is not null)
            {
                t.Count("criminal-proceedings", "total", "all");
                t.Count("criminal-proceedings", "decision", decision?.Label ?? "pending");
            }
            var drafts = f.PlanDrafts.Where(d => Known(d.Rec)).Select(d => d.At).ToList();
            if (drafts.Count > 0 || f.Assessments.Any(a => Known(a.Rec) && a.Label == "plan"))
            {
                Clock(t, "plans-drafted-within-5wd", drafts, LegalClocks.PlanDrafted.DueFrom(f.ReceivedAt), asOf);
                Clock(t, "plans-approved-within-7wd", f.PlanApprovals.Where(a => Known(a.Rec)).Select(a => a.At),
                    LegalClocks.PlanApproved.DueFrom(f.ReceivedAt), asOf);
            }
        }

        // Once per child per period, where the case was at its first substantiation in the period; a child reported twice and
        // linked as the same child, once (OnePerChild).
        if (FirstSubstantiation(f, p, asOf) is { } found && Here(found.At) && children.Contains(f.Id))
            AbusedChild(t, f, p, asOf);

        foreach (var h in f.Handoffs.Where(h => Known(h.Rec) && p.Contains(h.At) && Here(h.At)))
        {
            var agency = AgencyOf(h, asOf);
            if (h.Task == HandoffTask.Escalation && !h.Moved)
            {
                var escalated = f.Handoffs.Find(x => x.Id == h.Escalates) is { } x && Known(x.Rec) ? AgencyOf(x, asOf) : "unknown";
                t.Count("escalations", "total", "all");
                t.Count("escalations", "agency", escalated);
            }
            if (h.Unclocked is { } off && Known(off)) continue;
            var due = h.Due.Where(d => Known(d.Rec)).Select(d => d.Value).Last();
            bool? inTime = h.Answered is { } a && Known(a.Rec) ? a.At <= due : due <= asOf ? false : null;
            if (inTime is not { } hit)
            {
                t.Horizon(due, asOf);
                continue;
            }
            t.Share("handoffs-answered-in-time", "total", "all", hit);
            t.Share("handoffs-answered-in-time", "agency", agency, hit);
        }

        foreach (var b in f.Breaches.Where(b => Known(b.Rec) && p.Contains(b.At) && Here(b.At)))
        {
            t.Count("clock-breaches", "total", "all");
            t.Count("clock-breaches", "agency", b.Label);
        }

        foreach (var s in f.Separations.Where(s => Known(s.Rec)))
        {
            if (p.Contains(s.At) && Here(s.At)) t.Count("emergency-separations", "total", "all");
            if (s.Ended is not { } ended || !Known(ended.Rec) || !p.Contains(ended.At) || !Here(ended.At)) continue;
            var days = (ended.At - s.At).TotalDays;
            t.Count("separations-ended", "total", "all");
            t.Count("separations-ended", "length", days <= 7 ? "0-7 days" : days <= 15 ? "8-15 days" : days <= 30 ? "16-30 days" : "over 30 days");
            t.Share("separations-within-15-days", "total", "all", days <= 15);
        }

        OpenCaseload(t, f, p, asOf, inUnit);
    }

    /// <summary>A clock measured on a case: met if the first step came by the due time; missed if none came and it has passed; not yet counted otherwise.</summary>
    private static void Clock(IndicatorTally t, string indicator, IEnumerable<DateTimeOffset> steps, DateTimeOffset due, DateTimeOffset asOf)
    {
        var first = steps.DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        if (first != DateTimeOffset.MaxValue) t.Share(indicator, "total", "all", first <= due);
        else if (due <= asOf) t.Share(indicator, "total", "all", false);
        else t.Horizon(due, asOf);
    }

    private static void AbusedChild(IndicatorTally t, CaseIndicatorFacts f, ReportingPeriod p, DateTimeOffset asOf)
    {
        const string id = "abused-children";
        t.Count(id, "total", "all");
        t.Count(id, "sex", f.Sex.ToString());
        t.Count(id, "age-group", f.AgeGroup);
        foreach (var harm in f.HarmForms.Distinct()) t.Count(id, "harm-form", harm.ToString());
        t.Count(id, "setting", f.Setting ?? "unrecorded");
        // In the group at some time in the period: established before it ended, and not ended (as recorded) before it began.
        var groups = f.SpecialGroups
            .Where(g => g.Rec <= asOf && g.From < p.EndDay && !(g.Until is { } until && g.UntilRec <= asOf && until < p.FirstDay))
            .Select(g => g.Group).Distinct().ToList();
        if (groups.Count == 0) t.Count(id, "special-group", "none-recorded");
        foreach (var group in groups) t.Count(id, "special-group", group);

        var given = f.Services.Where(s => s.Rec <= asOf).ToList();
        var planned = f.Planned.Where(s => s.Rec <= asOf).Select(s => s.Label).ToHashSet();
        bool Given(string label) => given.Any(s => s.Label == label);
        var early = LegalClocks.InitialAssessment.DueFrom(f.ReceivedAt);
        t.Share("early-intervention", "total", "all",
            given.Any(s => s.Label is ServiceLabels.InitialAssessment or ServiceLabels.EmergencyProtection && s.At <= early));
        t.Share("medical-care", "total", "all", Given(ServiceLabels.MedicalCare));
        t.Share("psychological-support", "total", "all", Given(ServiceLabels.PsychologicalSupport));
        foreach (var (indicator, label) in new[] { ("legal-aid", ServiceLabels.LegalAid), ("school-reintegration", ServiceLabels.SchoolReintegration) })
            if (planned.Contains(label) || Given(label)) t.Share(indicator, "total", "all", Given(label));
    }

    /// <summary>How a report ended: a closure's reason code, else the latest verification, else pending.</summary>
    public static string Outcome(CaseIndicatorFacts f, DateTimeOffset asOf)
    {
        var closure = f.Statuses.Where(s => s.Rec <= asOf).OrderBy(s => s.At).ThenBy(s => s.Rec).LastOrDefault();
        if (closure is { Closed: true, Code: { } code }) return code;
        var verification = f.Verifications.Where(v => v.Rec <= asOf).OrderBy(v => v.At).ThenBy(v => v.Rec).LastOrDefault();
        return verification is null ? "pending" : verification.Substantiated ? "substantiated" : "unfounded";
    }

    private static string AgencyOf(HandoffFact h, DateTimeOffset asOf) => h.Agency.Where(a => a.Rec <= asOf).Select(a => a.Value).Last();

    /// <summary>Open at the end of the period (or at asOf, if earlier), counted where the case was then.</summary>
    private static void OpenCaseload(IndicatorTally t, CaseIndicatorFacts f, ReportingPeriod p, DateTimeOffset asOf, Func<string, bool> inUnit)
    {
        var at = p.End < asOf ? p.End : asOf;
        if (at == asOf)
        {
            // The moment moves with asOf: what happened after it comes in as it passes (each flips just after its instant).
            t.Horizon(f.ReceivedAt.AddTicks(1), asOf);
            foreach (var s in f.Statuses.Where(s => s.Rec <= asOf)) t.Horizon(s.At.AddTicks(1), asOf);
            foreach (var h in f.Handoffs.Where(h => h.Rec <= asOf))
            {
                t.Horizon(h.At.AddTicks(1), asOf);
                if (h.Ended is { } e && e.Rec <= asOf) t.Horizon(e.At.AddTicks(1), asOf);
            }
            foreach (var x in f.Transfers.Where(x => x.Rec <= asOf)) t.Horizon(x.At, asOf);
            foreach (var days in new[] { 30, 90, 180 }) t.Horizon(f.ReceivedAt.AddDays(days).AddTicks(1), asOf);
        }
        if (f.ReceivedAt >= at || !inUnit(f.OwnerAt(at, asOf))) return;
        var last = f.Statuses.Where(s => s.Rec <= asOf && s.At < at).OrderBy(s => s.At).ThenBy(s => s.Rec).LastOrDefault();
        if (last is { Closed: true }) return;
        var age = (at - f.ReceivedAt).TotalDays;
        t.Count("open-caseload", "total", "all");
        t.Count("open-caseload", "case-age", age <= 30 ? "0-30 days" : age <= 90 ? "31-90 days" : age <= 180 ? "91-180 days" : "over 180 days");
        var agencies = f.Handoffs
            .Where(h => !h.Moved && h.Rec <= asOf && h.At < at && !(h.Ended is { } e && e.Rec <= asOf && e.At < at))
            .Select(h => AgencyOf(h, asOf)).Distinct();
        foreach (var agency in agencies) t.Count("open-caseload", "agency", agency);
    }
}
