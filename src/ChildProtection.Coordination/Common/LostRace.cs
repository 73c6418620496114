using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Npgsql;

namespace ChildProtection.Coordination.Common;

/// <summary>
/// The one policy for a write that lost a race: which failures are a lost race (decide again on the fresh state,
/// log one Debug line), which are a duplicate id created at the same moment, and the one ladder of waits before
/// trying again. The step pipeline, the directory's writes, the pathway, the access log, Wolverine's handler
/// retries and Marten's command log all ask here, so they cannot disagree about what a race is.
/// </summary>
public static class LostRace
{
    /// <summary>How long to wait before each new attempt; one attempt more than there are waits.</summary>
    public static readonly TimeSpan[] Cooldowns =
        [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    /// <summary>A lost optimistic race on an event stream's version.</summary>
    public static bool Is(Exception ex) => ex switch
    {
        ConcurrencyException or EventStreamUnexpectedMaxEventIdException => true,
        // mt_quick_append_events' own check of the expected version ('Stream version mismatch'), before it draws a sequence number.
        PostgresException { SqlState: "MT003" } => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: { } constraint } =>
            // As Marten's EventVersionConstraint: the plain index, or its per-partition copies.
            constraint == "pk_mt_events_stream_and_version"
            || constraint.StartsWith("mt_events", StringComparison.Ordinal) && constraint.Contains("stream_id_version", StringComparison.Ordinal),
        _ => ex.InnerException is { } inner && Is(inner),
    };

    /// <summary>Two writers created the same stream or document id at the same moment (a directory entry, an idempotency key).</summary>
    public static bool IsDuplicate(Exception ex) => ex is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
        or DocumentAlreadyExistsException;

    /// <summary>
    /// Runs <paramref name="attempt"/> up to <paramref name="attempts"/> times while it loses a race, waiting each
    /// cooldown in turn between attempts (the longest again once the ladder is used up); false when every attempt lost.
    /// </summary>
    public static async Task<bool> RetryAsync(Func<Task> attempt, CancellationToken ct, int attempts = 5)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await attempt();
                return true;
            }
            catch (Exception e) when (Is(e))
            {
                if (i + 1 >= attempts) return false;
                await Task.Delay(Cooldowns[Math.Min(i, Cooldowns.Length - 1)], ct);
            }
        }
    }
}
