using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>Cut the periodic anchor; a message that carries an older token belongs to a superseded schedule and is dropped.</summary>
public sealed record CutScheduledAnchor(Guid Token);

/// <summary>Which scheduled message is the live one, so restarts and several nodes do not multiply the schedule.</summary>
public sealed class AnchorSchedule
{
    public const string Key = "audit-anchors";
    public string Id { get; set; } = Key;
    public Guid Token { get; set; }
    public DateTimeOffset NextAt { get; set; }
}

public static class CutScheduledAnchorHandler
{
    /// <summary>Cuts the anchor and schedules the next one, durably (Wolverine's scheduled envelopes survive restarts).</summary>
    public static async Task<OutgoingMessages> Handle(CutScheduledAnchor message, IDocumentSession session, TimeProvider time,
        IOptions<AuditOptions> options, AnchorSigner signer, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var schedule = await session.LoadAsync<AnchorSchedule>(AnchorSchedule.Key, ct);
        if (schedule is null || schedule.Token != message.Token) return outgoing;
        var anchor = await AuditAnchors.CutAsync(session, time, signer, "schedule", ct);
        if (AnchorPublication.Configured(options.Value))
        {
            outgoing.Add(new PublishAnchor(anchor.Id));
            // Anchors whose publication was lost (a crash between the cut and its message) go out with this one.
            var before = time.GetUtcNow().AddMinutes(-1);
            foreach (var id in await session.Query<AuditAnchor>().Where(a => a.PublishedAt == null && a.CutAt < before).Select(a => a.Id).ToListAsync(ct))
                outgoing.Add(new PublishAnchor(id));
        }
        var interval = options.Value.AnchorInterval;
        schedule.Token = Guid.CreateVersion7();
        schedule.NextAt = time.GetUtcNow() + interval;
        session.Store(schedule);
        outgoing.Add(new CutScheduledAnchor(schedule.Token).DelayedFor(interval));
        return outgoing;
    }
}

/// <summary>Starts the anchor schedule once the host runs, unless a live one is already waiting in the database.</summary>
/// <remarks>It takes the <see cref="AnchorSigner"/> so the signing key is read (or created) as the service starts.</remarks>
public sealed class AnchorScheduleStarter(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time,
    ILogger<AnchorScheduleStarter> logger, AnchorSigner signer, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            _ = signer.PublicKey;
            // Once every hosted service has started: a message scheduled before Wolverine's handlers are ready finds
            // no route and is dropped (seen on a first start, while the schema was still being created).
            var started = new TaskCompletionSource();
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
                await started.Task;
            var interval = options.Value.AnchorInterval;
            await using var scope = scopes.CreateAsyncScope();
            await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession();
            var schedule = await session.LoadAsync<AnchorSchedule>(AnchorSchedule.Key, stoppingToken);
            // A schedule overdue by more than an interval has lost its message (storage cleared): start a new one.
            if (schedule is not null && schedule.NextAt + interval > time.GetUtcNow()) return;
            schedule = new AnchorSchedule { Token = Guid.CreateVersion7(), NextAt = time.GetUtcNow() + interval };
            session.Store(schedule);
            await session.SaveChangesAsync(stoppingToken);
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().ScheduleAsync(new CutScheduledAnchor(schedule.Token), interval);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogError(e, "Could not start the audit anchor schedule; POST /api/audit/anchors still cuts one.");
        }
    }
}
