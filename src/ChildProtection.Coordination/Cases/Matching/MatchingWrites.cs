using ChildProtection.Coordination.Cases.Identity;
using Marten;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>
/// What a step's events change beyond their own stream, in the step's own transaction: the case's match key — computed from
/// the report while the identity is still in clear (before sealing), grown by a later identity part (the school a child returns
/// to), computed again on an identity correction, deleted with the case's key on erasure — and the other case's copy of a link, unlink, rejection, merge or unmerge. The step pipeline
/// (<see cref="Steps.CaseSteps"/>) calls it; nothing else writes match keys.
/// </summary>
public static class MatchingWrites
{
    /// <param name="clearEvents">The events the report's decision returned, before their identity is sealed.</param>
    public static void OnReported(IDocumentSession session, IServiceProvider services, Guid caseId, IReadOnlyList<object> clearEvents, DateTimeOffset now)
    {
        if (clearEvents.OfType<CaseReported>().FirstOrDefault() is not { } report) return;
        var secret = services.GetRequiredService<MatchKeySecret>();
        MatchKeyStorage.Store(session, ChildMatchKey.Compute(caseId, MatchIdentity.Of(report.Child, report.ReceivedAt, report.Carers), secret, now));
    }

    public static async Task AfterStepAsync(IDocumentSession session, IServiceProvider services, Case current, IReadOnlyList<object> clearEvents,
        DateTimeOffset now, CancellationToken ct)
    {
        await MirrorAsync(session, services, current, clearEvents, now, ct);
        if (clearEvents.Any(e => e is IdentityErased))
        {
            MatchKeyStorage.Delete(session, current.Id);
            return;
        }
        if (current.IdentityErased) return;
        if (clearEvents.Any(e => e is ChildIdentityCorrected))
        {
            await OnIdentityCorrectedAsync(session, services, current, clearEvents, now, ct);
            return;
        }
        var schools = clearEvents.Select(e => e switch
        {
            SchoolReintegrationPlanned p => p.School,
            SchoolReintegrationCompleted c => c.School,
            _ => null,
        }).OfType<string>().Select(VietnameseNames.SchoolName).Where(s => s.Length > 0).ToList();
        if (schools.Count == 0) return;

        // A case reported before matching existed has no key to grow.
        if (await MatchKeyStorage.LoadAsync(session, current.Id, ct) is not { } key) return;
        var secret = services.GetRequiredService<MatchKeySecret>();
        // A key of another service key or scheme is the backfill's to recompute.
        if (key.KeyId != ChildMatchKey.KeyIdOf(secret)) return;
        key.Schools = key.Schools.Concat(schools.Select(s => secret.Hash64("school", s))).Distinct().ToArray();
        key.ComputedAt = now;
        // The school is no part of the index entries: the record alone changes.
        MatchKeyStorage.StoreRecord(session, key);
    }

    /// <summary>
    /// A corrected identity: the key is computed again, and its index entries replaced, from the case's identity as it now stands —
    /// the report's, every correction since and this one, the schools the child returned to — opened for this computation alone.
    /// The stream is read whole (a correction is rare, and the case's own events are the one account of its identity).
    /// </summary>
    private static async Task OnIdentityCorrectedAsync(IDocumentSession session, IServiceProvider services, Case current,
        IReadOnlyList<object> clearEvents, DateTimeOffset now, CancellationToken ct)
    {
        var vault = new IdentityVault(session, services.GetRequiredService<Common.Keys.IKeyEncryptionKeys>());
        if (await MatchKeyBackfill.IdentityAsync(session, vault, current.Id, clearEvents, ct) is not { } identity) return;
        MatchKeyStorage.Store(session, ChildMatchKey.Compute(current.Id, identity, services.GetRequiredService<MatchKeySecret>(), now));
    }

    private static Guid OtherOf(Guid caseId, Guid merged, Guid lead) => caseId == merged ? lead : merged;

    /// <summary>The other case's copy of a link, unlink, rejection, merge or unmerge, on its own stream under its own write lock, its reason sealed with that case's key.</summary>
    private static async Task MirrorAsync(IDocumentSession session, IServiceProvider services, Case current, IReadOnlyList<object> events,
        DateTimeOffset now, CancellationToken ct)
    {
        var mirrors = events.Select(e => e switch
            {
                CaseLinked { Initiated: true } l => (l.OtherCaseId, l with { CaseId = l.OtherCaseId, OtherCaseId = current.Id, Initiated = false }),
                CaseUnlinked { Initiated: true } u => (u.OtherCaseId, u with { CaseId = u.OtherCaseId, OtherCaseId = current.Id, Initiated = false }),
                DuplicateRejected { Initiated: true } r => (r.OtherCaseId, r with { CaseId = r.OtherCaseId, OtherCaseId = current.Id, Initiated = false }),
                CaseMerged { Initiated: true } g => (OtherOf(g.CaseId, g.MergedCaseId, g.LeadCaseId), g with { CaseId = OtherOf(g.CaseId, g.MergedCaseId, g.LeadCaseId), Initiated = false }),
                CaseUnmerged { Initiated: true } u => (OtherOf(u.CaseId, u.MergedCaseId, u.LeadCaseId), u with { CaseId = OtherOf(u.CaseId, u.MergedCaseId, u.LeadCaseId), Initiated = false }),
                _ => ((Guid Other, object Copy)?)null,
            })
            .OfType<(Guid Other, object Copy)>()
            .GroupBy(m => m.Other);
        foreach (var copiesFor in mirrors)
        {
            await CaseWriteLock.TakeAsync(session, copiesFor.Key, ct);
            // The gate found the other case, so its snapshot is there; its key seals the copy's free text.
            var other = await session.LoadAsync<Case>(copiesFor.Key, ct)
                        ?? throw new InvalidOperationException($"No case {copiesFor.Key} to record the copy on.");
            var keys = services.GetRequiredService<Common.Keys.IKeyEncryptionKeys>();
            var copies = (await IdentityVault.SealAsync(session, keys, other, copiesFor.Select(m => m.Copy).ToList(), now, ct)).ToArray();
            // Appended at the version it will have (under the other case's write lock nobody else appends), all of one case's
            // copies at once (an unlink undoing a merge has two): an append without a version leaves the inline projections'
            // Version at 0 (the case, its summary, hence the ETag), so the next If-Match on the other case — a page's form — was
            // a 412 however fresh the page.
            var state = await session.Events.FetchStreamStateAsync(copiesFor.Key, ct)
                        ?? throw new InvalidOperationException($"No stream for case {copiesFor.Key} to record the copy on.");
            session.Events.Append(copiesFor.Key, state.Version + copies.Length, copies);
        }
    }
}
