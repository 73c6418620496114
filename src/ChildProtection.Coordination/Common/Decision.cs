namespace ChildProtection.Coordination.Common;

/// <summary>What a decision function returns: the events to append, or why not.</summary>
public abstract record Decision
{
    public sealed record Accepted(IReadOnlyList<object> Events, Guid? ResourceId = null) : Decision;

    /// <summary>A refusal, mapped to a problem detail with <paramref name="Status"/>; <paramref name="Field"/> names the bad input.</summary>
    public sealed record Rejected(int Status, string Title, string Detail, string? Field = null) : Decision;

    public static Decision Accept(params object[] events) => new Accepted(events);
    public static Decision AcceptCreating(Guid resourceId, params object[] events) => new Accepted(events, resourceId);
    public static Decision Invalid(string field, string detail) => new Rejected(400, "Invalid input", detail, field);
    public static Decision Forbidden(string detail) => new Rejected(403, "Forbidden", detail);
    public static Decision NotFound(string detail) => new Rejected(404, "Not found", detail);
    public static Decision Conflict(string detail) => new Rejected(409, "The case's state forbids this step", detail);
}
