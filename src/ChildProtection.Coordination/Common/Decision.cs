namespace ChildProtection.Coordination.Common;

/// <summary>What a decision function returns: the events to append, or why not.</summary>
public abstract record Decision
{
    public sealed record Accepted(IReadOnlyList<object> Events, Guid? ResourceId = null) : Decision;

    /// <summary>
    /// A refusal, mapped to a problem detail whose status and <c>type</c> come from <paramref name="Kind"/>;
    /// <paramref name="Field"/> names the bad input.
    /// </summary>
    public sealed record Rejected(ProblemKind Kind, string Title, string Detail, string? Field = null) : Decision
    {
        public int Status => Kind.Status;
    }

    public static Decision Accept(params object[] events) => new Accepted(events);
    public static Decision AcceptCreating(Guid resourceId, params object[] events) => new Accepted(events, resourceId);
    public static Decision Invalid(string field, string detail) => new Rejected(ProblemKinds.InvalidInput, "Invalid input", detail, field);
    public static Decision Forbidden(string detail) => new Rejected(ProblemKinds.Forbidden, "Forbidden", detail);
    public static Decision NotFound(string detail) => new Rejected(ProblemKinds.NotFound, "Not found", detail);

    /// <summary>The case's state forbids the step; <paramref name="kind"/> says which state, so clients tell two 409s apart.</summary>
    public static Decision Conflict(ProblemKind kind, string detail) => new Rejected(kind, "The case's state forbids this step", detail);
}
