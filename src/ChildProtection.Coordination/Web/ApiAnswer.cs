using ChildProtection.Coordination.Common;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Coordination.Web;

/// <summary>
/// What an API endpoint answered when a page called it in-process: its status, its value, or its problem. The pages call
/// the endpoints' own methods (the same gate, If-Match, decision and save), never a second copy of a rule.
/// </summary>
public sealed record ApiAnswer(int Status, object? Value, ProblemDetails? Problem)
{
    public static ApiAnswer Of(IResult result)
    {
        var status = result is IStatusCodeHttpResult { StatusCode: { } s } ? s : StatusCodes.Status200OK;
        var value = result is IValueHttpResult v ? v.Value : null;
        return new ApiAnswer(status, value, value as ProblemDetails);
    }

    public bool Succeeded => Status is >= 200 and < 300;

    public T ValueAs<T>() => (T)Value!;

    /// <summary>The field the problem names, as the API spells it (e.g. <c>findings</c>, <c>services[0].dueDate</c>).</summary>
    public string? Field => Problem?.Extensions.TryGetValue("field", out var f) == true ? f?.ToString() : null;

    public bool IsStale => Problem?.Type == ProblemKinds.StaleVersion.Type;

    /// <summary>The problem in the reader's language.</summary>
    public string Message => Problem is null ? "" : Text.IsVietnamese ? ProblemText.Detail(Problem.Type, Problem.Detail) : Problem.Detail ?? Problem.Title ?? "";

    public string Title => Problem is null ? "" : Text.IsVietnamese ? ProblemText.Title(Problem.Type) ?? Problem.Title ?? "" : Problem.Title ?? "";
}
