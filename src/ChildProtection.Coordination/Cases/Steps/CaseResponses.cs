namespace ChildProtection.Coordination.Cases.Steps;

/// <summary>The answer to an accepted step: the case, its new version, and the id of what the step created, if any.</summary>
public sealed record StepAccepted(Guid CaseId, long Version, Guid? Id = null);

public static class CaseResponses
{
    public static string ETag(long version) => $"\"{version}\"";

    public static IResult Accepted(HttpContext http, int status, Guid caseId, long version, Guid? resourceId)
    {
        http.Response.Headers.ETag = ETag(version);
        var body = new StepAccepted(caseId, version, resourceId);
        return status == StatusCodes.Status201Created
            ? Results.Created($"/api/cases/{caseId}", body)
            : Results.Ok(body);
    }

    /// <summary><c>If-None-Match</c> names the current version: <c>*</c>, or a list of tags compared weakly (RFC 9110 §13.1.2).</summary>
    public static bool IfNoneMatchHits(HttpContext http, long version)
    {
        var tags = http.Request.Headers.IfNoneMatch.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return tags.Any(t => t == "*" || (t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t) == ETag(version));
    }

    /// <summary>Parses <c>If-Match</c>: absent → no check; <c>*</c> → any version; <c>"5"</c>, <c>W/"5"</c> or <c>5</c> → version 5.</summary>
    public static (bool Present, long? Version, bool Valid) IfMatch(HttpContext http)
    {
        var raw = http.Request.Headers.IfMatch.ToString().Trim();
        if (raw.Length == 0) return (false, null, true);
        if (raw == "*") return (true, null, true);
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        raw = raw.Trim('"');
        return long.TryParse(raw, out var v) && v >= 0 ? (true, v, true) : (true, null, false);
    }
}
