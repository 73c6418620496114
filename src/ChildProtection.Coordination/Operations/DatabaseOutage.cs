using ChildProtection.Coordination.Common;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// A request that fails because PostgreSQL cannot be reached (down, restarting, refusing connections, a connection
/// cut mid-request) answers 503 with a problem detail and <c>Retry-After</c>, not 500: nothing was taken, and the
/// same request may simply be sent again (with its <c>Idempotency-Key</c>). One Warning line, no stack trace.
/// </summary>
public sealed class DatabaseOutage(ILogger<DatabaseOutage> log) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait: about what a PostgreSQL restart or fail-over takes.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (Reason(exception) is not { } reason || http.Response.HasStarted) return false;
        log.LogWarning("Database unavailable ({Reason}): {Method} {Path} answered 503", reason, http.Request.Method, http.Request.Path.Value);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await Problems.Create(http, ProblemKinds.DatabaseUnavailable, "Database unavailable",
            $"The service cannot reach its database just now; nothing was recorded. Retry after {RetryAfterSeconds} seconds.").ExecuteAsync(http);
        return true;
    }

    /// <summary>Why the exception (or one it wraps) means the database is away, or null when it is some other failure.</summary>
    public static string? Reason(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting or shutting down),
                // class 08 connection exceptions, 53300 too many connections.
                case PostgresException p when p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                        or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections || p.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return $"PostgreSQL {p.SqlState}";
                case PostgresException:
                    return null;
                case NpgsqlException { IsTransient: true } n:
                    return n.InnerException is SocketException inner ? $"socket {inner.SocketErrorCode}" : "connection lost";
                case SocketException socket:
                    return $"socket {socket.SocketErrorCode}";
                case AggregateException { InnerExceptions.Count: > 0 } a:
                    return a.InnerExceptions.Select(Reason).FirstOrDefault(r => r is not null);
            }
        }
        return null;
    }
}
