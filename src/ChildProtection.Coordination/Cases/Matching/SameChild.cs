using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Access;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Identity;
using Marten;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>A step of a case linked as the same child, as the timeline read together shows it: what and when, nothing of the child.</summary>
public sealed record TimelineStep(string Step, DateTimeOffset At);

/// <summary>
/// A case linked as the same child, in this case's read. <paramref name="Readable"/> false: the caller's agency could not
/// read that case, so only the link itself (which the case's <c>links</c> already show) is said.
/// </summary>
public sealed record LinkedTimeline(Guid CaseId, CaseLinkKind Kind, DateTimeOffset LinkedAt, bool Readable,
    DateTimeOffset? ReceivedAt = null, CaseStatus? Status = null, CaseStage? Stage = null, IReadOnlyList<TimelineStep>? Steps = null);

/// <summary>What the cases linked as the same child add to this one: one child, one count of interviews, one ledger of consent, one timeline to read.</summary>
public static class SameChild
{
    public static Guid[] LinkedIds(IEnumerable<(Guid Other, CaseLinkKind Kind)> links) =>
        links.Where(l => l.Kind == CaseLinkKind.SameChild).Select(l => l.Other).Distinct().ToArray();

    /// <summary>The interview sessions of the linked cases; null (nothing read) when the case has no same-child link.</summary>
    public static async Task<IReadOnlyList<LinkedSession>?> SessionsAsync(IQuerySession session, Case current, CancellationToken ct)
    {
        var linked = LinkedIds(current.Links.Select(l => (l.OtherCaseId, l.Kind)));
        if (linked.Length == 0) return null;
        var others = await session.LoadManyAsync<CaseSummary>(ct, linked);
        return others.SelectMany(o => o.Interviews).Select(i => new LinkedSession(i.StartedAt ?? i.ScheduledFor, i.StartedAt is not null)).ToList();
    }

    /// <summary>
    /// The consents on record for the child: this case's and those of the cases linked as the same child (a parent's consent
    /// is given for the child, whichever report it was recorded on; its withdrawal follows it there).
    /// </summary>
    public static async Task<IReadOnlyList<Consent>> ConsentsAsync(IQuerySession session, CaseSummary summary, CancellationToken ct)
    {
        var linked = LinkedIds(summary.Links.Select(l => (l.OtherCaseId, l.Kind)));
        if (linked.Length == 0) return summary.Consents;
        var others = await session.LoadManyAsync<CaseSummary>(ct, linked);
        return [.. summary.Consents, .. others.SelectMany(o => o.Consents)];
    }

    /// <summary>The cases linked as the same child, oldest link first, with the steps of those the caller may read.</summary>
    public static async Task<IReadOnlyList<LinkedTimeline>> TimelineAsync(IQuerySession session, Actor actor, CaseSummary summary, DateTimeOffset now,
        CancellationToken ct)
    {
        var links = summary.Links.Where(l => l.Kind == CaseLinkKind.SameChild).OrderBy(l => l.LinkedAt).ToList();
        if (links.Count == 0) return [];
        var others = (await session.LoadManyAsync<CaseSummary>(ct, links.Select(l => l.OtherCaseId).Distinct())).ToDictionary(o => o.Id);
        var timeline = new List<LinkedTimeline>();
        foreach (var link in links)
        {
            var readable = others.TryGetValue(link.OtherCaseId, out var other)
                           // A former owner reads a case only as it stood at its transfer: where it stands now is not for it.
                           && CasePermissions.Allows(CaseAction.Read, actor.Role, (await CaseRelationsLoader.LoadAsync(session, actor, other, now, ct)).Relations & ~CaseRelation.Former);
            timeline.Add(readable
                ? new LinkedTimeline(link.OtherCaseId, link.Kind, link.LinkedAt, true, other!.ReceivedAt, other.Status, other.Stage, Steps(other))
                : new LinkedTimeline(link.OtherCaseId, link.Kind, link.LinkedAt, false));
        }
        return timeline;
    }

    /// <summary>Pure: the dated steps of a case as its summary holds them, in the order they happened.</summary>
    public static IReadOnlyList<TimelineStep> Steps(CaseSummary s)
    {
        var steps = new List<TimelineStep> { new("reported", s.ReceivedAt) };
        if (s.Risk is { } risk) steps.Add(new("risk-assessed", risk.AssessedAt));
        if (s.CrimeReport is { } crime) steps.Add(new("crime-report-recorded", crime.RecordedAt));
        steps.AddRange(s.MedicalExams.Where(m => m.ExaminedAt is not null).Select(m => new TimelineStep("medical-exam", m.ExaminedAt!.Value)));
        steps.AddRange(s.Interviews.Where(i => i.StartedAt is not null).Select(i => new TimelineStep("interview", i.StartedAt!.Value)));
        if (s.Plan is { } plan)
        {
            steps.Add(new("plan-drafted", plan.DraftedAt));
            if (plan.ApprovedAt is { } approved) steps.Add(new("plan-approved", approved));
        }
        if (s.MergedInto is { } merge) steps.Add(new("merged", merge.MergedAt));
        if (s.ClosedAt is { } closed) steps.Add(new("closed", closed));
        return steps.OrderBy(x => x.At).ToList();
    }
}
