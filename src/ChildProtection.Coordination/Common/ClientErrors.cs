using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ChildProtection.Coordination.Common;

/// <summary>
/// How the service answers and logs a client's mistakes. Every error answer is an RFC 9457 problem in JSON, whatever
/// the client's Accept says: the API has no other representation, and Wolverine refused a valid step sent with
/// <c>Accept: text/html</c> (406, step not taken) while the status-code pages answered text/plain. A bad body is one
/// Warning line without a stack trace (see docs/logging.md): Wolverine.Http logs each unreadable body at Error with
/// the JsonException's stack under the body's type, which made 10,000 hostile requests 45k stack-trace lines.
/// </summary>
public static partial class ClientErrors
{
    public const string LogCategory = "ChildProtection.Coordination.Common.ClientErrors";

    /// <summary>Answers JSON to every Accept: the only representation this API has (RFC 9110 lets a server ignore Accept).</summary>
    /// <remarks>The Accept the client sent stays readable through <see cref="AcceptSent"/>, for the one read that also
    /// answers CSV and XLSX (the indicators); every error is still JSON.</remarks>
    /// <param name="app">The pipeline.</param>
    /// <param name="isPage">The paths of the pages, which answer HTML and are left alone.</param>
    public static IApplicationBuilder UseJsonAnswers(this IApplicationBuilder app, Func<PathString, bool> isPage) => app.Use((http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/swagger") && !isPage(http.Request.Path))
        {
            http.Items[AcceptSentKey] = http.Request.Headers.Accept.ToString();
            http.Request.Headers.Accept = "application/json, application/problem+json";
        }
        return next(http);
    });

    private const string AcceptSentKey = "cp:accept-sent";

    /// <summary>The Accept header as the client sent it, before <see cref="UseJsonAnswers"/> replaced it.</summary>
    public static string AcceptSent(HttpContext http) => http.Items[AcceptSentKey] as string ?? http.Request.Headers.Accept.ToString();

    /// <summary>Every bare status (404, 405, 406, 415 from routing or Wolverine) as a problem detail.</summary>
    public static IApplicationBuilder UseProblemStatusPages(this IApplicationBuilder app) => app.UseStatusCodePages(async context =>
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var title = ReasonPhrases(status);
        await Problems.Create(http, ProblemKinds.ForStatus(status), title, $"{title}: {http.Request.Method} {http.Request.Path}.").ExecuteAsync(http);
    });

    private static string ReasonPhrases(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    /// <summary>
    /// Adds the correlation id to every problem, turns Wolverine's answers to a body it could not bind into the service's own
    /// problem (<see cref="Unreadable"/>), and logs that refusal as one Warning line in place of Wolverine's Error (silenced
    /// through <see cref="WolverineBodyCategories"/>).
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        if (UnreadableBody.IsWolverines(problem.Title))
        {
            Unreadable(problem);
            http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(LogCategory).LogWarning(
                "Refused an unreadable request body at {Method} {Path}: {Detail} (correlation {CorrelationId})",
                http.Request.Method, http.Request.Path.Value, problem.Detail, Correlation.Of(http));
        }
        if (!problem.Extensions.ContainsKey("correlationId") && http.Items[Correlation.ItemKey] is string id)
            problem.Extensions["correlationId"] = id;
        // In Vietnamese when the caller's Accept-Language prefers it; type, status and field stay as they are.
        if (ProblemText.PrefersVietnamese(http)) ProblemText.ToVietnamese(problem);
    }

    /// <summary>
    /// A body that is not JSON, not the shape the route reads, or not readable at all: the service's own kind
    /// (<c>invalid-input</c> naming the field, <c>content-too-large</c>), its own words, and nothing of the framework's message,
    /// which names the service's internal types. A body the serializer itself failed on (a 500) keeps its status.
    /// </summary>
    private static void Unreadable(ProblemDetails problem)
    {
        var status = problem.Status ?? StatusCodes.Status400BadRequest;
        long? Number(string name) => problem.Extensions.TryGetValue(name, out var v) && long.TryParse(v?.ToString(), out var n) ? n : null;
        var (line, position) = (Number("lineNumber"), Number("bytePositionInLine"));
        foreach (var framework in new[] { "lineNumber", "bytePositionInLine", "exceptionType", "targetType" }) problem.Extensions.Remove(framework);

        if (status == StatusCodes.Status400BadRequest)
        {
            var (field, detail) = UnreadableBody.Describe(problem.Title == "Invalid JSON format" ? problem.Detail : null,
                problem.Title == "Invalid JSON format" ? line : null, position);
            problem.Type = ProblemKinds.InvalidInput.Type;
            problem.Title = "Invalid input";
            problem.Detail = detail;
            problem.Extensions["field"] = field;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
            if (line is not null) problem.Extensions["line"] = line + 1;
            if (position is not null) problem.Extensions["position"] = position + 1;
            return;
        }
        var kind = ProblemKinds.ForStatus(status);
        problem.Type = kind.Type;
        problem.Title = ReasonPhrases(status);
        problem.Detail = status == StatusCodes.Status413PayloadTooLarge
            ? "The request body is larger than this route accepts; nothing was recorded."
            : "The request body could not be read; nothing was recorded.";
    }

    /// <summary>
    /// The log categories Wolverine.Http logs an unreadable body under (ILogger&lt;TBody&gt;, at Error with the stack): the
    /// types of the endpoints' parameters defined in the service. Program.cs turns them off; the service's own loggers
    /// never use an endpoint parameter's type, so nothing else is silenced. <see cref="Customize"/> logs the one line.
    /// </summary>
    public static IReadOnlyCollection<string> WolverineBodyCategories()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(ClientErrors).Assembly.GetTypes())
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            if (!method.GetCustomAttributes().Any(a => a is WolverineHttpMethodAttribute)) continue;
            foreach (var p in method.GetParameters())
                if (p.ParameterType is { IsClass: true, IsAbstract: false } t && t.Assembly == typeof(ClientErrors).Assembly)
                    names.Add(t.FullName!.Replace('+', '.'));
        }
        return names;
    }
}
