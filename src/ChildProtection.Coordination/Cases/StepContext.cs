using ChildProtection.Coordination.Auth;
namespace ChildProtection.Coordination.Cases;

/// <summary>
/// Everything a decision may know besides the case and the command: who, when, the law's figures, and the child's
/// date of birth, which the case stores sealed and the step pipeline opens for the decision alone
/// (<see cref="Identity.IdentityVault.OpenDateOfBirthAsync"/>), and the child's special circumstances with the health-related
/// groups opened the same way (null when none is sealed).
/// </summary>
/// <param name="SameChildSessions">The interview sessions of the cases linked to this one as the same child (Cases/Matching): the
/// limits count the child, not the report.</param>
public sealed record StepContext(Actor Actor, DateTimeOffset Now, CaseRulesOptions Rules, DateOnly? ChildDateOfBirth = null,
    IReadOnlyList<Case.CurrentCircumstance>? OpenedCircumstances = null, IReadOnlyList<LinkedSession>? SameChildSessions = null)
{
    /// <summary>The step's own time: what the command says, or now.</summary>
    public DateTimeOffset At(DateTimeOffset? occurredAt) => occurredAt ?? Now;

    /// <summary>The child's age in whole years on a date: from the opened date of birth, else as the case knows it.</summary>
    public int? ChildAgeOn(Case current, DateOnly date) =>
        Case.ChildAge(ChildDateOfBirth ?? current.ChildDateOfBirth, current.ChildAgeAtReport, current.ReceivedAt, date);
}

/// <summary>An interview session of a case linked as the same child: when (held, or else scheduled), and whether it was held.</summary>
public sealed record LinkedSession(DateTimeOffset At, bool Held);

/// <summary>A command for a step on an existing case. <c>OccurredAt</c> is when the step happened, if earlier than now.</summary>
public interface ICaseCommand
{
    DateTimeOffset? OccurredAt { get; }
}
