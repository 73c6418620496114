using ChildProtection.Coordination.Common.Keys;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Handoffs;

/// <summary>
/// The pathway at work: a subscription over the case events, in order, a page at a time (registered in Program.cs).
/// It completes the hand-offs an event fulfils, cancels open work on closure, and requests the hand-offs the pathway
/// definition calls for — as events in the same case stream, so the one history shows them. Every hand-off's legal
/// clock (and a merger's re-routing) is a durable scheduled message, stored in the same transaction as the
/// subscription's progress. Hand-off ids are derived from the triggering event, so a replayed event requests nothing twice.
/// </summary>
/// <remarks>
/// A page used to be one Wolverine handler call and one transaction per event; now the case appends of a whole page
/// go in one session: each case is fetched once, and what one event adds is folded into the working copy that the
/// next event of the same case is decided on. The appends commit before the page's progress, as each handler's did,
/// so a crash in between replays the page, which the derived ids make harmless.
/// </remarks>
public sealed class PathwaySubscription : BatchSubscription
{
    /// <summary>The case events the pathway decides on.</summary>
    public static readonly Type[] Decided =
    [
        typeof(CaseReported), typeof(InitialRiskAssessed), typeof(SupportPlanDrafted), typeof(SupportPlanApproved),
        typeof(EmergencyProtectionOrdered), typeof(MedicalExamCompleted), typeof(CrimeReportRecorded), typeof(InterviewConducted),
        typeof(PsychosocialSupportProvided), typeof(LegalAidProvided), typeof(SchoolReintegrationCompleted), typeof(CaseClosed),
        typeof(HandoffDeclined), typeof(CaseTransferred), typeof(CriminalProceedingsDecided), .. FollowUpRules.Triggers,
    ];

    /// <summary>Whether the subscription decides this event: a report the pathway decided in the report's own transaction is not decided again (<see cref="PathwayAtReport"/>).</summary>
    public static bool DecidesOn(object data) => Decided.Contains(data.GetType()) && data is not CaseReported { PathwayDecided: true };

    /// <summary>The events that start a durable scheduled message.</summary>
    public static readonly Type[] Scheduled = [typeof(HandoffRequested), typeof(CommunesMerged), typeof(ClockResumed),
        typeof(EmergencyProtectionOrdered), typeof(SeparationExtended), typeof(CaseMerged), typeof(CaseUnmerged)];

    private readonly IServiceScopeFactory scopes;
    private readonly FollowUpOptions followUp;

    public PathwaySubscription(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<FollowUpOptions> followUp) : base("Pathway")
    {
        this.scopes = scopes;
        this.followUp = followUp.Value;
        foreach (var type in Decided.Concat(Scheduled).Distinct()) IncludeType(type);
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        IMessageBus bus, CancellationToken cancellationToken)
    {
        foreach (var e in page.Events) await ScheduleAsync(e, bus);

        var decided = page.Events.Where(e => DecidesOn(e.Data)).ToList();
        if (decided.Count == 0) return;
        using var scope = scopes.CreateScope();
        var pathway = new PathwayContext(new PathwayDecision(new PageRouting(scope.ServiceProvider.GetRequiredService<IAgencyRouting>()),
            scope.ServiceProvider.GetRequiredService<PathwayCatalogue>(), followUp, scope.ServiceProvider.GetRequiredService<IKeyEncryptionKeys>()),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), controller);
        // The whole page in one transaction; should agencies keep winning races on its cases, case by case.
        if (await pathway.TryAppendAsync(operations.DocumentStore, decided, cancellationToken)) return;
        foreach (var stream in decided.GroupBy(e => e.StreamId))
        {
            if (!await pathway.TryAppendAsync(operations.DocumentStore, stream.ToList(), cancellationToken))
                throw new ConcurrencyException($"The pathway lost every race on case {stream.Key}; the page is tried again.", typeof(Case), stream.Key);
        }
    }

    /// <summary>Every hand-off's legal clock is a durable scheduled message; a merger re-routes open work on the day it takes effect.</summary>
    private async Task ScheduleAsync(IEvent e, IMessageBus bus)
    {
        // Work moved by a merge (or back by an unmerge) keeps its clock: it falls due on the case that now holds the work, and
        // the message scheduled for the other case finds no open work there and does nothing.
        var moved = e.Data switch
        {
            CaseMerged m when m.CaseId == m.LeadCaseId => (m.CaseId, m.Handoffs),
            CaseUnmerged u when u.CaseId == u.MergedCaseId => (u.CaseId, u.Handoffs),
            _ => ((Guid, MovedHandoff[])?)null,
        };
        if (moved is { } work)
        {
            foreach (var h in work.Item2.Where(h => h.ClockRunning && !h.Breached))
                await bus.ScheduleAsync(new HandoffClockDue(work.Item1, h.HandoffId, h.DueAt), h.DueAt);
            return;
        }
        await ScheduleOneAsync(e, bus);
    }

    private Task ScheduleOneAsync(IEvent e, IMessageBus bus) => e.Data switch
    {
        // A separation's end is warned of ahead of its term (Handoffs/SeparationWarning.cs); an extension warns again.
        EmergencyProtectionOrdered { TemporarySeparation: true, SeparationEndsAt: { } ends } o =>
            bus.ScheduleAsync(new SeparationWarningDue(o.CaseId, o.OrderId, ends), ends - followUp.SeparationWarningLead).AsTask(),
        SeparationExtended x => bus.ScheduleAsync(new SeparationWarningDue(x.CaseId, x.OrderId, x.NewEndsAt), x.NewEndsAt - followUp.SeparationWarningLead).AsTask(),
        HandoffRequested r => bus.ScheduleAsync(new HandoffClockDue(r.CaseId, r.HandoffId, r.DueAt), r.DueAt).AsTask(),
        ClockResumed r => bus.ScheduleAsync(new HandoffClockDue(r.CaseId, r.HandoffId, r.NewDueAt), r.NewDueAt).AsTask(),
        CommunesMerged m => bus.ScheduleAsync(new ApplyJurisdictionChange(m.FromCodes, m.IntoCode, m.EffectiveFrom),
            LegalTime.VietnamTime.StartOf(m.EffectiveFrom)).AsTask(),
        _ => Task.CompletedTask,
    };

    /// <summary>
    /// The I/O of the pathway's decisions: load each case once, ask the directory, append with the provenance of the
    /// event that caused it. An event whose decision fails is dead-lettered (as the daemon does with SkipApplyErrors).
    /// </summary>
    private sealed class PathwayContext(PathwayDecision decision, TimeProvider time, ISubscriptionController controller)
    {
        private readonly HashSet<Guid> deadLettered = [];

        /// <summary>Decides <paramref name="events"/> and appends what they call for in one session; false when every attempt lost a race.</summary>
        public async Task<bool> TryAppendAsync(IDocumentStore store, IReadOnlyList<IEvent> events, CancellationToken ct) =>
            await NothingToAppendAsync(store, events, ct) || await LockedAppendAsync(store, events, ct);

        /// <summary>
        /// Most case events call for nothing from the pathway (a verification without a suspected crime, legal aid, an
        /// interview): decided first on the cases as last committed, without their write locks, such a page is done in
        /// one read, and the steps on its cases never wait for it. A decision is a pure function of the case and the
        /// directory, so "nothing" on the case as committed a moment ago is the answer the locked pass would give had it run
        /// just before a step that is still committing. Anything to append (or a decision that fails) is decided again, and
        /// appended, under the locks by <see cref="LockedAppendAsync"/>.
        /// </summary>
        private async Task<bool> NothingToAppendAsync(IDocumentStore store, IReadOnlyList<IEvent> events, CancellationToken ct)
        {
            await using var session = store.QuerySession();
            // The inline snapshot is the case as last committed: every case of the page in one statement.
            var cases = (await session.LoadManyAsync<Case>(ct, events.Select(e => e.StreamId).Distinct().ToArray())).ToDictionary(c => c.Id);
            var now = time.GetUtcNow();
            foreach (var e in events)
            {
                if (deadLettered.Contains(e.Id) || !cases.TryGetValue(e.StreamId, out var current)) continue;
                using var trace = EventTrace.StartFrom(e, $"pathway {e.EventTypeName}");
                try
                {
                    if ((await decision.DecideAsync(session, current, e, e.Timestamp, now, ct)).Count > 0) return false;
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    return false;
                }
            }
            return true;
        }

        private Task<bool> LockedAppendAsync(IDocumentStore store, IReadOnlyList<IEvent> events, CancellationToken ct) =>
            LostRace.RetryAsync(async () =>
            {
                await using var session = store.LightweightSession();
                // The page's cases are read under their write locks, so an agency's step on one of them waits for this
                // transaction (or this for it) rather than one of the two losing the race and leaving a hole in the
                // event sequence that stops every shard (Cases/CaseWriteLock.cs).
                await CaseWriteLock.TakeAsync(session, events.Select(e => e.StreamId), ct);
                // Every case of the page in one round trip.
                var batch = session.CreateBatchQuery();
                var cases = events.GroupBy(e => e.StreamId).Select(g => (Events: g.ToList(), Fetch: batch.Events.FetchForWriting<Case>(g.Key))).ToList();
                await batch.Execute(ct);
                var now = time.GetUtcNow();
                foreach (var (caseEvents, fetch) in cases)
                    await DecideAsync(session, await fetch, caseEvents, now, ct);
                await session.SaveChangesAsync(ct);
            }, ct);

        private async Task DecideAsync(IDocumentSession session, IEventStream<Case> stream, IReadOnlyList<IEvent> events, DateTimeOffset now, CancellationToken ct)
        {
            if (stream.Aggregate is null) return;
            // The fetched case stays as it was read: the inline snapshot folds the appended events into it on commit.
            var more = events.Count > 1;
            var current = more ? Copy(session, stream.Aggregate) : stream.Aggregate;
            foreach (var e in events)
            {
                if (deadLettered.Contains(e.Id)) continue;
                List<object> appended;
                // The request's trace goes on through the pathway, and the hand-offs appended here carry it further.
                using (var trace = EventTrace.StartFrom(e, $"pathway {e.EventTypeName}"))
                {
                    try
                    {
                        appended = await decision.DecideAsync(session, current, e, e.Timestamp, now, ct);
                    }
                    catch (Exception failure) when (failure is not OperationCanceledException)
                    {
                        deadLettered.Add(e.Id);
                        await controller.RecordDeadLetterEventAsync(e, failure);
                        continue;
                    }
                    foreach (var data in appended)
                        stream.AppendOne(EventHeaders.Stamp(session.Events.BuildEvent(data), EventHeaders.System, e.CorrelationId, e.Id.ToString()));
                }
                if (more) foreach (var data in appended) Fold(current, data);
            }
        }

        /// <summary>What the pathway appends, folded into the working copy of the case for the next event of the page.</summary>
        private static void Fold(Case current, object appended)
        {
            switch (appended)
            {
                case HandoffRequested e: current.Apply(e); break;
                case HandoffCompleted e: current.Apply(e); break;
                case HandoffCancelled e: current.Apply(e); break;
                case HandoffRerouted e: current.Apply(e); break;
            }
        }

        private static Case Copy(IDocumentSession session, Case original)
        {
            var serializer = session.DocumentStore.Options.Serializer();
            return serializer.FromJson<Case>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(serializer.ToJson(original))));
        }
    }
}
