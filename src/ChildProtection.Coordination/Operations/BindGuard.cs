using Npgsql;
using NpgsqlTypes;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// Refuses, before it leaves the service, a command whose parameters PostgreSQL would refuse at Bind: a NUL character
/// in a string (22021), or the JSON escape <c>\u0000</c> in a json or jsonb parameter (22P05).
/// <para>
/// Why here: the service's statements are auto-prepared (<see cref="ConnectionTuning"/>), and Npgsql 10.0.3 records a
/// statement as prepared when PostgreSQL answers its Parse, before its Bind. When that Bind fails, the statement is kept
/// without its row description, and its next use on that pooled connection, by whichever request borrows it, fails with
/// "Received unexpected backend message DataRow" (Operations/PoolPoisoningTests). The HTTP edge refuses NULs
/// (Common/InputGuard.cs); this guard covers every other way a value reaches a Marten command (an import, a message, a
/// future endpoint). A command it refuses is never sent, so the connection stays in step.
/// </para>
/// The exception names neither the value nor the statement's text beyond its parameter position: it may hold case data.
/// </summary>
public static class BindGuard
{
    public static void Check(NpgsqlCommand command) => Check(command.Parameters);

    public static void Check(NpgsqlBatch batch)
    {
        foreach (NpgsqlBatchCommand command in batch.BatchCommands) Check(command.Parameters);
    }

    public static void Check(NpgsqlParameterCollection parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (Refusal(parameter.Value, IsJson(parameter)) is { } why)
                throw new RefusedParameterException($"Parameter {i + 1} of a database command holds {why}, which PostgreSQL refuses; the command was not sent.");
        }
    }

    /// <summary>What PostgreSQL would refuse in <paramref name="value"/> at Bind, or null.</summary>
    public static string? Refusal(object? value, bool json) => value switch
    {
        null or DBNull => null,
        string s => Refusal(s, json),
        char c => c == '\0' ? "a NUL character" : null,
        char[] chars => Array.IndexOf(chars, '\0') >= 0 ? "a NUL character" : null,
        // Marten binds documents as UTF-8 bytes typed jsonb: searched as they are, not decoded (every save passes here).
        byte[] bytes when json => ContainsNulEscape(bytes) ? "the JSON escape \\u0000" : null,
        // Arrays and lists (text[]; the event append's jsonb[]): walked, but not arrays of ids, numbers or times.
        Array array when array.GetType().GetElementType() is { IsValueType: true } => null,
        System.Collections.IEnumerable items => Items(items, json),
        _ => null,
    };

    private static string? Refusal(string s, bool json)
    {
        if (s.Contains('\0')) return "a NUL character";
        return json && ContainsNulEscape(s) ? "the JSON escape \\u0000" : null;
    }

    private static string? Items(System.Collections.IEnumerable items, bool json)
    {
        foreach (var item in items)
            if (Refusal(item, json) is { } why) return why;
        return null;
    }

    /// <summary>Whether JSON text holds the escape <c>\u0000</c> (not an escaped backslash followed by "u0000").</summary>
    public static bool ContainsNulEscape(string json) => ContainsNulEscape(json.AsSpan(), "\\u0000", '\\');

    /// <summary>The same search in UTF-8 JSON: a backslash is one byte there, and no other character's bytes contain one.</summary>
    public static bool ContainsNulEscape(ReadOnlySpan<byte> json) => ContainsNulEscape(json, "\\u0000"u8, (byte)'\\');

    /// <summary>Whether <paramref name="escape"/> occurs in <paramref name="json"/> after an even number of backslashes (so not itself escaped).</summary>
    private static bool ContainsNulEscape<T>(ReadOnlySpan<T> json, ReadOnlySpan<T> escape, T backslash) where T : IEquatable<T>
    {
        for (var from = 0; json[from..].IndexOf(escape) is var found and >= 0; from += found + 1)
        {
            var at = from + found;
            var backslashes = 0;
            for (var i = at - 1; i >= 0 && json[i].Equals(backslash); i--) backslashes++;
            if (backslashes % 2 == 0) return true;
        }
        return false;
    }

    private static bool IsJson(NpgsqlParameter parameter)
    {
        var type = parameter.NpgsqlDbType & ~NpgsqlDbType.Array;
        if (type is NpgsqlDbType.Jsonb or NpgsqlDbType.Json) return true;
        return parameter.DataTypeName is { } name && name.TrimStart('_').Replace("[]", "") is "jsonb" or "json";
    }
}

/// <summary>A database command refused by <see cref="BindGuard"/> before it was sent: the input held what PostgreSQL refuses.</summary>
public sealed class RefusedParameterException(string message) : ArgumentException(message);

/// <summary>
/// A request whose input reached a database command that <see cref="BindGuard"/> refused answers 400, not 500: the
/// input held a NUL character. At most one Warning line, no stack trace (the command log writes one for a refused save;
/// Marten reports no failure for a refused query); nothing was recorded.
/// </summary>
public sealed class RefusedParameter : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (http.Response.HasStarted || !Holds(exception)) return false;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await Common.Problems.Create(http, Common.ProblemKinds.InvalidInput, "Invalid input",
            "The request holds a NUL character (U+0000), which cannot be stored; nothing was recorded.").ExecuteAsync(http);
        return true;
    }

    public static bool Holds(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is RefusedParameterException || (e is AggregateException a && a.InnerExceptions.Any(Holds))) return true;
        return false;
    }
}
