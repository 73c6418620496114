using ChildProtection.Coordination.Cases;
namespace ChildProtection.Coordination.Indicators;

/// <summary>
/// Every indicator of indicators.v1.json, folded from the cases' facts for a period as the events stood at
/// <c>asOf</c>: a fact counts only once recorded (<c>Rec ≤ asOf</c>), and it falls in the period by when it happened.
/// Pure: the same facts, period and moment give the same figures.
/// </summary>
public static class IndicatorFold
{
    public static IndicatorTally Compute(IEnumerable<CaseIndicatorFacts> cases, ReportingPeriod period, DateTimeOffset asOf)
    {
        var tally = new IndicatorTally();
        foreach (var f in cases)
            if (f.ReportedRec <= asOf) Fold(tally, f, period, asOf);
        return tally;
    }

    private static void Fold(IndicatorTally t, CaseIndicatorFacts f, ReportingPeriod p, DateTimeOffset asOf)
    {
        bool Known(DateTimeOffset rec) => rec <= asOf;
        var received = p.Contains(f.ReceivedAt);

        if (received)
        {
            t.Count("reports-received", "total", "all");
            t.Count("reports-received", "channel", f.Channel.ToString());
            t.Count("report-outcomes", "outcome", Outcome(f, asOf));
            Clock(t, "verified-within-12h", f.Verifications.Where(v => Known(v.Rec)).Select(v => v.At),
                LegalClocks.InitialAssessment.DueFrom(f.ReceivedAt), asOf);
            var crimeReports = f.CrimeReports.Where(c => Known(c.Rec)).Select(c => c.At).ToList();
            if (f.CrimeSigns || crimeReports.Count > 0)
                Clock(t, "crime-reports-within-24h", crimeReports, LegalClocks.CrimeReport.DueFrom(f.ReceivedAt), asOf);
            var drafts = f.PlanDrafts.Where(d => Known(d.Rec)).Select(d => d.At).ToList();
            if (drafts.Count > 0 || f.Assessments.Any(a => Known(a.Rec) && a.Label == "plan"))
            {
                Clock(t, "plans-drafted-within-5wd", drafts, LegalClocks.PlanDrafted.DueFrom(f.ReceivedAt), asOf);
                Clock(t, "plans-approved-within-7wd", f.PlanApprovals.Where(a => Known(a.Rec)).Select(a => a.At),
                    LegalClocks.PlanApproved.DueFrom(f.ReceivedAt), asOf);
            }
        }

        if (f.Verifications.Any(v => Known(v.Rec) && v.Substantiated && p.Contains(v.At))) AbusedChild(t, f, asOf);

        foreach (var h in f.Handoffs.Where(h => Known(h.Rec) && p.Contains(h.At)))
        {
            var agency = AgencyOf(h, asOf);
            if (h.Task == HandoffTask.Escalation)
            {
                var escalated = f.Handoffs.Find(x => x.Id == h.Escalates) is { } x && Known(x.Rec) ? AgencyOf(x, asOf) : "unknown";
                t.Count("escalations", "total", "all");
                t.Count("escalations", "agency", escalated);
            }
            if (h.Unclocked is { } off && Known(off)) continue;
            var due = h.Due.Where(d => Known(d.Rec)).Select(d => d.Value).Last();
            bool? inTime = h.Answered is { } a && Known(a.Rec) ? a.At <= due : due <= asOf ? false : null;
            if (inTime is not { } hit) continue;
            t.Share("handoffs-answered-in-time", "total", "all", hit);
            t.Share("handoffs-answered-in-time", "agency", agency, hit);
        }

        foreach (var b in f.Breaches.Where(b => Known(b.Rec) && p.Contains(b.At)))
        {
            t.Count("clock-breaches", "total", "all");
            t.Count("clock-breaches", "agency", b.Label);
        }

        foreach (var s in f.Separations.Where(s => Known(s.Rec)))
        {
            if (p.Contains(s.At)) t.Count("emergency-separations", "total", "all");
            if (s.Ended is not { } ended || !Known(ended.Rec) || !p.Contains(ended.At)) continue;
            var days = (ended.At - s.At).TotalDays;
            t.Count("separations-ended", "total", "all");
            t.Count("separations-ended", "length", days <= 7 ? "0-7 days" : days <= 15 ? "8-15 days" : days <= 30 ? "16-30 days" : "over 30 days");
            t.Share("separations-within-15-days", "total", "all", days <= 15);
        }

        OpenCaseload(t, f, p, asOf);
    }

    /// <summary>A clock measured on a case: met if the first step came by the due time; missed if none came and it has passed; not yet counted otherwise.</summary>
    private static void Clock(IndicatorTally t, string indicator, IEnumerable<DateTimeOffset> steps, DateTimeOffset due, DateTimeOffset asOf)
    {
        var first = steps.DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        if (first != DateTimeOffset.MaxValue) t.Share(indicator, "total", "all", first <= due);
        else if (due <= asOf) t.Share(indicator, "total", "all", false);
    }

    private static void AbusedChild(IndicatorTally t, CaseIndicatorFacts f, DateTimeOffset asOf)
    {
        const string id = "abused-children";
        t.Count(id, "total", "all");
        t.Count(id, "sex", f.Sex.ToString());
        t.Count(id, "age-group", f.AgeGroup);
        foreach (var harm in f.HarmForms.Distinct()) t.Count(id, "harm-form", harm.ToString());
        t.Count(id, "setting", f.Setting ?? "unrecorded");
        var groups = f.SpecialGroups.Where(g => g.Rec <= asOf).Select(g => g.Label).Distinct().ToList();
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

    private static void OpenCaseload(IndicatorTally t, CaseIndicatorFacts f, ReportingPeriod p, DateTimeOffset asOf)
    {
        var at = p.End < asOf ? p.End : asOf;
        if (f.ReceivedAt >= at) return;
        var last = f.Statuses.Where(s => s.Rec <= asOf && s.At < at).OrderBy(s => s.At).ThenBy(s => s.Rec).LastOrDefault();
        if (last is { Closed: true }) return;
        var days = (at - f.ReceivedAt).TotalDays;
        t.Count("open-caseload", "total", "all");
        t.Count("open-caseload", "case-age", days <= 30 ? "0-30 days" : days <= 90 ? "31-90 days" : days <= 180 ? "91-180 days" : "over 180 days");
        var agencies = f.Handoffs
            .Where(h => h.Rec <= asOf && h.At < at && !(h.Ended is { } e && e.Rec <= asOf && e.At < at))
            .Select(h => AgencyOf(h, asOf)).Distinct();
        foreach (var agency in agencies) t.Count("open-caseload", "agency", agency);
    }
}
