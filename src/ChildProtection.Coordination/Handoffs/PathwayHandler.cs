using ChildProtection.Coordination.Api;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Operations;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>
/// The pathway at work: a Marten subscription hands each case event, in order, to these handlers
/// (ProcessEventsWithWolverineHandlersInStrictOrder, registered in Program.cs). They complete the
/// hand-offs the event fulfils, cancel open work on closure, and request the hand-offs the pathway
/// definition calls for — as events in the same case stream, so the one history shows them.
/// Hand-off ids are derived from the triggering event, so a replayed event requests nothing twice.
/// </summary>
public static class PathwayHandler
{
    public static Task Handle(IEvent<CaseReported> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<InitialRiskAssessed> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<SupportPlanDrafted> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<SupportPlanApproved> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<EmergencyProtectionOrdered> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<MedicalExamCompleted> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<CrimeReportRecorded> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<InterviewConducted> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<PsychosocialSupportProvided> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<LegalAidProvided> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<SchoolReintegrationCompleted> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<CaseClosed> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).RunAsync(e);
    public static Task Handle(IEvent<HandoffDeclined> e, IDocumentSession s, IAgencyRouting r, PathwayDefinition d, TimeProvider t) => new PathwayContext(s, r, d, t).SendOnAsync(e);

    /// <summary>Every hand-off's legal clock is a durable scheduled message.</summary>
    public static Task Handle(IEvent<HandoffRequested> e, IMessageBus bus) =>
        bus.ScheduleAsync(new HandoffClockDue(e.Data.CaseId, e.Data.HandoffId, e.Data.DueAt), e.Data.DueAt).AsTask();

    /// <summary>A merger re-routes open work on the day it takes effect (at once when that day has come).</summary>
    public static Task Handle(IEvent<ChildProtection.Coordination.Agencies.CommunesMerged> e, IMessageBus bus) =>
        bus.ScheduleAsync(new ApplyJurisdictionChange(e.Data.FromCodes, e.Data.IntoCode, e.Data.EffectiveFrom),
            LegalTime.VietnamTime.StartOf(e.Data.EffectiveFrom)).AsTask();

    public static Task Handle(IEvent<ClockResumed> e, IMessageBus bus) =>
        bus.ScheduleAsync(new HandoffClockDue(e.Data.CaseId, e.Data.HandoffId, e.Data.NewDueAt), e.Data.NewDueAt).AsTask();
}

/// <summary>The case events the pathway subscription hands to <see cref="PathwayHandler"/>.</summary>
public static class PathwayEvents
{
    public static readonly Type[] Types = typeof(PathwayHandler).GetMethods()
        .Where(m => m.Name == "Handle").Select(m => m.GetParameters()[0].ParameterType.GetGenericArguments()[0]).Distinct().ToArray();
}

/// <summary>
/// The I/O the pathway handlers share: load the case, ask the directory, append with provenance.
/// Built by each handler from Wolverine's own session so the appends commit with the handler's transaction.
/// </summary>
public sealed class PathwayContext(IDocumentSession session, IAgencyRouting routing, PathwayDefinition definition, TimeProvider time)
{
    public async Task RunAsync<T>(IEvent<T> e) where T : notnull
    {
        // The request's trace goes on through the pathway, and the hand-offs appended here carry it further.
        using var trace = EventTrace.StartFrom(e, $"pathway {e.EventTypeName}");
        var ct = CancellationToken.None;
        var stream = await session.Events.FetchForWriting<Case>(e.StreamId, ct);
        if (stream.Aggregate is not { } current) return;
        var now = time.GetUtcNow();
        var events = new List<object>();

        foreach (var handoff in current.Handoffs.Where(h => h.IsOpen && Fulfilment.Fulfils(e.Data, current, h)))
            events.Add(new HandoffCompleted(current.Id, handoff.HandoffId, now, e.Id, e.EventTypeName));

        if (e.Data is CaseClosed)
        {
            foreach (var handoff in current.Handoffs.Where(h => h.IsOpen))
                events.Add(new HandoffCancelled(current.Id, handoff.HandoffId, now, "The case was closed."));
        }
        else if (!current.IsClosed)
        {
            var receivedBy = e.Data is CaseReported && EventHeaders.AgencyOf(e) is { } receiver ? await routing.KindOfAsync(receiver, ct) : null;
            var facts = new CaseFacts(current.Id, current.ReceivedAt, current.IncidentCommune, current.ChildCommune, current.HarmForms, receivedBy, current.PlanServices);
            foreach (var request in Pathway.Decide(definition, facts, e.Data, e.Timestamp))
            {
                var handoffId = Pathway.HandoffId(current.Id, e.Id, request.RuleId, request.ServiceId);
                if (current.FindHandoff(handoffId) is not null) continue;
                var to = await routing.ServingAsync(request.Kind, request.Commune, now, [], ct);
                events.Add(to is null
                    ? new HandoffUnroutable(current.Id, request.RuleId, request.Task, request.Kind, request.Commune, now, "No active agency of this kind serves the place.")
                    : new HandoffRequested(current.Id, handoffId, EventHeaders.AgencyOf(e) ?? EventHeaders.System.Agency, to, request.Kind,
                        request.Task, request.Description, request.LegalBasis, now, request.DueAt, request.RuleId, request.PathwayVersion,
                        request.ServiceId, Commune: request.Commune));
            }
        }

        Append(stream, events, e);
    }

    /// <summary>A decline sends the work to the next suitable agency of the same kind, or escalates when there is none.</summary>
    public async Task SendOnAsync(IEvent<HandoffDeclined> e)
    {
        using var trace = EventTrace.StartFrom(e, $"pathway {e.EventTypeName}");
        var ct = CancellationToken.None;
        var stream = await session.Events.FetchForWriting<Case>(e.StreamId, ct);
        if (stream.Aggregate is not { } current || current.IsClosed || current.FindHandoff(e.Data.HandoffId) is not { } declined) return;
        var nextId = Pathway.HandoffId(current.Id, e.Id, "send-on");
        if (current.FindHandoff(nextId) is not null) return;

        var now = time.GetUtcNow();
        var commune = declined.Commune ?? current.IncidentCommune;
        var next = await routing.ServingAsync(declined.ToKind, commune, now, declined.DeclinedBy, ct);
        object sent;
        if (next is not null)
        {
            sent = new HandoffRequested(current.Id, nextId, e.Data.Agency, next, declined.ToKind, declined.Task,
                $"Sent on after {e.Data.Agency} declined: {e.Data.Reason}", "Declined work goes to the next suitable agency.",
                now, declined.DueAt, "send-on", definition.Version, declined.ServiceId, declined.EscalatesHandoffId, commune, declined.HandoffId);
        }
        else if (await routing.SupervisorOfAsync(e.Data.Agency, now, ct) is { } supervisor)
        {
            sent = new HandoffRequested(current.Id, nextId, e.Data.Agency, supervisor.Id, supervisor.Kind, HandoffTask.Escalation,
                $"No other {declined.ToKind} can take '{declined.Task}' after {e.Data.Agency} declined: {e.Data.Reason}",
                "Work no suitable agency accepts escalates to the supervising agency.", now, declined.DueAt, "send-on-escalation",
                definition.Version, declined.ServiceId, declined.HandoffId, commune, declined.HandoffId);
        }
        else sent = new HandoffUnroutable(current.Id, "send-on", declined.Task, declined.ToKind, commune, now, "Declined, and no other agency or supervisor can take it.");

        Append(stream, [sent], e);
    }

    private void Append(IEventStream<Case> stream, List<object> events, IEvent cause)
    {
        if (events.Count == 0) return;
        EventHeaders.Stamp(session, EventHeaders.System, cause.CorrelationId, cause.Id.ToString());
        stream.AppendMany(events.ToArray());
    }
}
