using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Cases;

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
