using ChildProtection.Coordination.Common.Keys;
using System.Diagnostics;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Options;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Cases.Access;
namespace ChildProtection.Coordination.Cases.Steps;

/// <summary>
/// The I/O around every case decision, in one place: who is acting and may they, the body, If-Match,
/// Idempotency-Key, loading the stream, appending what the pure decision returns with the actor and
/// correlation id as metadata, saving once, and answering. The save has one owner, this class: every step endpoint
/// is <c>[NonTransactional]</c>, so Wolverine's transaction middleware adds no second save, and a lost race maps to
/// 412/409 and an idempotency race replays instead of surfacing from the middleware.
/// </summary>
public static class CaseSteps
{
    /// <summary>
    /// What a new case's first events call for in the same transaction (the pathway's hand-offs on a report): the events
    /// to start the stream with, <paramref name="recorded"/> first.
    /// </summary>
    public delegate Task<IReadOnlyList<IEvent>> ThenInSameTransaction(IDocumentSession session, IReadOnlyList<IEvent> recorded,
        StepContext context, CancellationToken ct);

    /// <summary>Starts a new case stream (the report).</summary>
    public static async Task<IResult> Start<TCommand>(
        IDocumentSession session, HttpContext http, TCommand? command, CaseAction action,
        Func<Guid, TCommand, StepContext, Decision> decide, ThenInSameTransaction? then = null)
    {
        var ct = http.RequestAborted;
        var prepared = Prepare(http, command, action);
        if (prepared.Problem is { } problem) return problem;
        var (actor, context) = prepared.Ready!.Value;

        var (key, keyProblem) = IdempotencyKey.From(http, actor, command!);
        if (keyProblem is not null) return keyProblem;
        if (key is not null && await key.ReplayAsync(session, http, ct) is { } replay) return replay;

        var caseId = Guid.CreateVersion7();
        var decision = decide(caseId, command!, context);
        if (decision is Decision.Rejected rejected) return Problems.From(rejected, http);
        var accepted = (Decision.Accepted)decision;

        // Each event carries who recorded it, the session none: what follows in the same transaction may be another's (the
        // pathway's hand-offs), and Marten writes a session's headers over an event's own. The ids are given here, so that
        // what follows can name its cause.
        var correlation = Correlation.Of(http);
        // The decision saw the identity in clear; what is stored is sealed with the new case's key, stored with the events.
        var keys = http.RequestServices.GetRequiredService<IKeyEncryptionKeys>();
        var (caseKey, sealedEvents) = await IdentityVault.SealNewAsync(keys, caseId, accepted.Events, context.Now, ct);
        IReadOnlyList<IEvent> recorded = sealedEvents
            .Select(data => EventHeaders.Stamp(session.Events.BuildEvent(data), actor, correlation, null, Guid.CreateVersion7())).ToList();
        if (then is not null) recorded = await then(session, recorded, context, ct);
        var version = recorded.Count;
        var idempotency = key?.Record(StatusCodes.Status201Created, caseId, version, accepted.ResourceId, context.Now);

        // Everything the report stores, in whichever session commits it: the request's own, or a group's (GroupCommit.cs),
        // where a failed group applies it once more to a session of its own, with the events built afresh.
        var writes = 0;
        void Write(IDocumentSession target)
        {
            target.Insert(caseKey);
            target.Events.StartStream<Case>(caseId, (writes++ == 0 ? recorded : recorded.Select(e => Rebuilt(target, e))).ToArray<object>());
            Matching.MatchingWrites.OnReported(target, http.RequestServices, caseId, accepted.Events, context.Now);
            if (idempotency is not null) target.Insert(idempotency);
        }

        var group = http.RequestServices.GetService<GroupCommit>();
        IResult? saved;
        if (group is { Enabled: true }) saved = await SaveInGroupAsync(group, Write, http, key, ct);
        else
        {
            session.CorrelationId = correlation;
            session.LastModifiedBy = actor.UserId;
            Write(session);
            saved = await SaveAsync(session, http, key, ct, expectedVersionGiven: false);
        }
        if (saved is RaceLost) return Problems.Create(http, ProblemKinds.ConcurrentChange, "Concurrent change", "The case could not be opened; retry.");
        return saved ?? CaseResponses.Accepted(http, StatusCodes.Status201Created, caseId, version, accepted.ResourceId);
    }

    /// <summary>An event built in another session, built again for <paramref name="target"/> with the same id and provenance.</summary>
    private static IEvent Rebuilt(IDocumentSession target, IEvent e)
    {
        var copy = target.Events.BuildEvent(e.Data);
        copy.Id = e.Id;
        copy.CorrelationId = e.CorrelationId;
        copy.CausationId = e.CausationId;
        copy.UserName = e.UserName;
        if (e.Headers is { } headers) foreach (var (name, value) in headers) copy.SetHeader(name, value);
        return copy;
    }

    /// <summary>As <see cref="SaveAsync"/>, the report committed with the others queued at the same moment.</summary>
    private static async Task<IResult?> SaveInGroupAsync(GroupCommit group, Action<IDocumentSession> write, HttpContext http,
        IdempotencyKey? key, CancellationToken ct)
    {
        try
        {
            await group.CommitAsync(write);
            return null;
        }
        catch (Exception e) when (LostRace.Is(e))
        {
            return RaceLost.Instance;
        }
        catch (DocumentAlreadyExistsException) when (key is not null)
        {
            await using var fresh = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
            return await key.ReplayAsync(fresh, http, ct);
        }
    }

    /// <summary>Takes one step on an existing case.</summary>
    public static async Task<IResult> Step<TCommand>(
        IDocumentSession session, HttpContext http, Guid caseId, TCommand? command, CaseAction action,
        Func<Case, TCommand, StepContext, Decision> decide, bool allowedWhenClosed = false)
        where TCommand : ICaseCommand
    {
        var ct = http.RequestAborted;
        var prepared = Prepare(http, command, action);
        if (prepared.Problem is { } problem) return problem;
        var (actor, context) = prepared.Ready!.Value;
        // The step works in a session of its own, with an identity map: the case summary the first batch reads is the very
        // instance the inline CaseSummary projection applies the new events to on save, instead of loading it again (a
        // round trip and a deserialisation of the whole summary per step). The session handed in has only been read from,
        // unless it took case write locks (a step on two cases locks both first): then the step goes on in its transaction.
        var store = http.RequestServices.GetRequiredService<IDocumentStore>();
        var sessions = new List<IDocumentSession>(1);
        try
        {
            return await StepIn(CaseWriteLock.HeldBy(session) ? session : NewSession(), http, caseId, command, action, decide,
                allowedWhenClosed, actor, context, NewSession, ct);
        }
        finally
        {
            // Before the answer is written: the connection goes back to the pool as soon as the step is decided.
            foreach (var used in sessions) await used.DisposeAsync();
        }

        IDocumentSession NewSession()
        {
            var session = store.IdentitySession();
            sessions.Add(session);
            return session;
        }
    }

    private static async Task<IResult> StepIn<TCommand>(
        IDocumentSession session, HttpContext http, Guid caseId, TCommand? command, CaseAction action,
        Func<Case, TCommand, StepContext, Decision> decide, bool allowedWhenClosed, Actor actor, StepContext context,
        Func<IDocumentSession> newSession, CancellationToken ct)
        where TCommand : ICaseCommand
    {
        // A malformed key is answered after the gate, as before; a well-formed one's earlier answer is read with the case.
        var (key, keyProblem) = IdempotencyKey.From(http, actor, command!);
        // One round trip for what every step reads first, behind the case's write lock (a pathway append or another
        // agency's step in the same moment waits for this one, and this one for it, instead of losing the race at insert;
        // Cases/CaseWriteLock.cs): the case summary and the caller's agency for the gate, the case with its version for
        // the decision, and the case's key for what the decision opens and the events seal (a refused caller's reads are
        // thrown away unseen).
        var read = await ReadAsync(session, caseId, actor, keyProblem is null ? key : null, ct);

        // Which cases: the caller's agency must stand in a relation to this one that the matrix allows.
        var (refused, _) = await CaseGate.CheckAsync(session, http, caseId, action, actor, read.Summary, read.Gate);
        if (refused is not null) return refused;

        var ifMatch = CaseResponses.IfMatch(http);
        if (!ifMatch.Valid) return Problems.Invalid(http, "If-Match", "If-Match must be a version ETag such as \"3\", or *.");

        if (keyProblem is not null) return keyProblem;
        if (key is not null && key.Replay(read.Earlier, http) is { } replay) return replay;

        // Without If-Match the caller asks for the step on the case as it is now: a race lost to a writer that does
        // not take the case's write lock is decided again on the fresh case.
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await TryStep(session, http, read.Stream, read.CaseKey, command!, decide, allowedWhenClosed, context, actor, ifMatch, key, ct);
            if (outcome is not null || ifMatch.Present || attempt == MaxAttempts)
                return outcome ?? Problems.Create(http, ProblemKinds.ConcurrentChange, "Concurrent change",
                    "Other steps were recorded on this case at the same moment; read it again and retry.");
            await Task.Delay(LostRace.Cooldowns[attempt - 1], ct);
            // A failed unit of work is not reused: the next attempt reads the case afresh in a new session.
            session = newSession();
            read = await ReadAsync(session, caseId, actor, null, ct);
        }
    }

    private sealed record StepRead(CaseSummary? Summary, GateReads Gate, JasperFx.Events.IEventStream<Case> Stream, CaseKey? CaseKey,
        IdempotencyRecord? Earlier);

    /// <summary>
    /// The case's write lock and the step's first reads, in one round trip inside the session's transaction; with an
    /// <c>Idempotency-Key</c>, the answer stored under it too.
    /// </summary>
    private static async Task<StepRead> ReadAsync(IDocumentSession session, Guid caseId, Actor actor, IdempotencyKey? key, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var batch = session.CreateBatchQuery();
        var locked = CaseWriteLock.Take(batch, caseId);
        var summary = batch.Load<CaseSummary>(caseId);
        var gate = GateReads.Add(batch, session.DocumentStore.Options.DatabaseSchemaName, actor, caseId);
        var caseKey = batch.Load<CaseKey>(caseId);
        var stream = batch.Events.FetchForWriting<Case>(caseId);
        var earlier = key is null ? Task.FromResult<IdempotencyRecord?>(null) : batch.Load<IdempotencyRecord>(key.Id);
        await batch.Execute(ct);
        await locked;
        return new StepRead(await summary, gate, await stream, await caseKey, await earlier);
    }

    private const int MaxAttempts = 3;

    /// <summary>One attempt at a step; null when it lost a race it may retry.</summary>
    private static async Task<IResult?> TryStep<TCommand>(
        IDocumentSession session, HttpContext http, JasperFx.Events.IEventStream<Case> stream, CaseKey? caseKey, TCommand command, Func<Case, TCommand, StepContext, Decision> decide,
        bool allowedWhenClosed, StepContext context, Actor actor, (bool Present, long? Version, bool Valid) ifMatch, IdempotencyKey? key,
        CancellationToken ct)
        where TCommand : ICaseCommand
    {
        var caseId = stream.Id;
        if (stream.Aggregate is null) return Problems.NotFound(http, $"No case {caseId}.");
        if (ifMatch.Version is { } expected && expected != stream.CurrentVersion)
            return Stale(http, stream.CurrentVersion ?? 0);

        var keys = http.RequestServices.GetRequiredService<IKeyEncryptionKeys>();
        context = context with
        {
            ChildDateOfBirth = await IdentityVault.OpenDateOfBirthAsync(keys, stream.Aggregate, caseKey, ct),
            OpenedCircumstances = await IdentityVault.OpenCircumstancesAsync(keys, stream.Aggregate, caseKey, ct),
            SameChildSessions = await Matching.SameChild.SessionsAsync(session, stream.Aggregate, ct),
        };
        var decision = CaseDecisions.Decide(stream.Aggregate, command, context, decide, allowedWhenClosed);
        if (decision is Decision.Rejected rejected) return Problems.From(rejected, http);
        var accepted = (Decision.Accepted)decision;

        EventHeaders.Stamp(session, http, actor);
        var version = (stream.CurrentVersion ?? 0) + accepted.Events.Count;
        stream.AppendMany((await IdentityVault.SealAsync(session, keys, stream.Aggregate, caseKey, accepted.Events, context.Now, ct)).ToArray());
        await Matching.MatchingWrites.AfterStepAsync(session, http.RequestServices, stream.Aggregate, accepted.Events, context.Now, ct);
        if (key is not null) session.Insert(key.Record(StatusCodes.Status200OK, caseId, version, accepted.ResourceId, context.Now));

        var saved = await SaveAsync(session, http, key, ct, expectedVersionGiven: ifMatch.Present);
        if (saved is RaceLost) return null;
        return saved ?? CaseResponses.Accepted(http, StatusCodes.Status200OK, caseId, version, accepted.ResourceId);
    }

    private sealed record Prepared(IResult? Problem, (Actor, StepContext)? Ready);

    private static Prepared Prepare<TCommand>(HttpContext http, TCommand? command, CaseAction action)
    {
        if (Actor.From(http.User) is not { } actor)
            return new(Problems.MissingClaims(http), null);
        if (!CasePermissions.AllowsSomewhere(action, actor.Role))
            return new(Problems.Forbidden(http, $"The role '{actor.Role}' may not take the step '{action}'."), null);
        if (command is null)
            return new(Problems.Invalid(http, "body", "A JSON request body is required."), null);

        var services = http.RequestServices;
        var context = new StepContext(actor, services.GetRequiredService<TimeProvider>().GetUtcNow(),
            services.GetRequiredService<IOptions<CaseRulesOptions>>().Value);
        return new(null, (actor, context));
    }

    private static async Task<IResult?> SaveAsync(IDocumentSession session, HttpContext http, IdempotencyKey? key,
        CancellationToken ct, bool expectedVersionGiven)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            return null;
        }
        catch (Exception e) when (LostRace.Is(e))
        {
            return expectedVersionGiven ? Stale(http, null) : RaceLost.Instance;
        }
        catch (DocumentAlreadyExistsException) when (key is not null)
        {
            // The same key won a race a moment ago: answer as it did.
            await using var fresh = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
            return await key.ReplayAsync(fresh, http, ct);
        }
    }

    private static IResult Stale(HttpContext http, long? current)
    {
        if (current is { } v) http.Response.Headers.ETag = CaseResponses.ETag(v);
        return Problems.Create(http, ProblemKinds.StaleVersion, "Stale version",
            "If-Match does not match the case's current version; read the case again and retry.");
    }
}

/// <summary>A save that lost an optimistic race the caller did not pin with If-Match.</summary>
internal sealed class RaceLost : IResult
{
    public static readonly RaceLost Instance = new();
    public Task ExecuteAsync(HttpContext httpContext) => throw new InvalidOperationException("A lost race is retried, never answered.");
}
