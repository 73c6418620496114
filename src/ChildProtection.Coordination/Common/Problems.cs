namespace ChildProtection.Coordination.Common;

/// <summary>RFC 9457 problem details for every refusal the API gives; the <c>type</c> names the <see cref="ProblemKind"/>.</summary>
public static class Problems
{
    public static IResult From(Decision.Rejected rejected, HttpContext http) =>
        Create(http, rejected.Kind, rejected.Title, rejected.Detail, rejected.Field);

    /// <summary>A problem detail; <c>extra</c> adds further members, e.g. the row-by-row errors of an import.</summary>
    public static IResult Create(HttpContext http, ProblemKind kind, string title, string detail, string? field = null,
        IReadOnlyDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>());
        if (field is not null)
        {
            extensions["field"] = field;
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }
        if (http.Items[Correlation.ItemKey] is string correlationId) extensions["correlationId"] = correlationId;
        return Results.Problem(
            detail: detail, instance: http.Request.Path, statusCode: kind.Status, title: title,
            type: kind.Type, extensions: extensions);
    }

    public static IResult Invalid(HttpContext http, string field, string detail) => Create(http, ProblemKinds.InvalidInput, "Invalid input", detail, field);
    /// <summary>A valid token that does not say who is acting.</summary>
    public static IResult MissingClaims(HttpContext http) => Forbidden(http, "The token must carry 'sub', 'agency' and 'role' claims.");

    public static IResult Forbidden(HttpContext http, string detail) => Create(http, ProblemKinds.Forbidden, "Forbidden", detail);
    public static IResult NotFound(HttpContext http, string detail) => Create(http, ProblemKinds.NotFound, "Not found", detail);
}
