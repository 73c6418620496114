using ChildProtection.Coordination.Auth;

namespace ChildProtection.Coordination.Cases;

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

/// <summary>Everything a decision may know besides the case and the command: who, when, and the law's figures.</summary>
public sealed record StepContext(Actor Actor, DateTimeOffset Now, CaseRulesOptions Rules)
{
    /// <summary>The step's own time: what the command says, or now.</summary>
    public DateTimeOffset At(DateTimeOffset? occurredAt) => occurredAt ?? Now;
}

/// <summary>A command for a step on an existing case. <c>OccurredAt</c> is when the step happened, if earlier than now.</summary>
public interface ICaseCommand
{
    DateTimeOffset? OccurredAt { get; }
}
