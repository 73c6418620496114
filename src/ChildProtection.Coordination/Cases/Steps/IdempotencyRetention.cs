using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Cases.Steps;

/// <summary>How long an <c>Idempotency-Key</c>'s first answer is kept (section <c>Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>A retry with the same key within this long replays the first answer; after it the key is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often each node deletes the records older than <see cref="Retention"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Deletes idempotency records past their retention, on every node every <see cref="IdempotencyOptions.PurgeInterval"/>.
/// One <c>DELETE … WHERE created_at &lt; cutoff</c> on an indexed column: repeating it on several nodes at once is
/// harmless (the second finds nothing), so no leader or schedule is needed.
/// </summary>
public sealed class IdempotencyPurge(IDocumentStore store, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyPurge> log)
    : BackgroundService
{
    public static async Task PurgeAsync(IDocumentStore store, DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.CreatedAt < cutoff);
        await session.SaveChangesAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                await PurgeAsync(store, time.GetUtcNow() - options.Value.Retention, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("Purging expired idempotency records failed ({Error}); next try in {Interval}", e.GetType().Name, options.Value.PurgeInterval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
