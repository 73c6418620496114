using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Cases;

/// <summary>The rules every step shares, applied before the step's own decision.</summary>
public static class CaseDecisions
{
    /// <summary>
    /// Decide a step on an existing case: nothing but reopening on a closed case (and nothing but what a closed case accepts
    /// on a case merged into another), no step dated in the
    /// future or before the report, then the step's own rules.
    /// </summary>
    public static Decision Decide<TCommand>(
        Case current, TCommand command, StepContext context,
        Func<Case, TCommand, StepContext, Decision> step, bool allowedWhenClosed = false)
        where TCommand : ICaseCommand
    {
        if (current.IsClosed && !allowedWhenClosed)
            return Decision.Conflict(ProblemKinds.CaseClosed, "The case is closed; the only step a closed case accepts is reopening.");
        // A merged case's work goes on on its lead case; what a closed case still accepts (links, erasure) it accepts too.
        if (current.MergedInto is { } merge && !allowedWhenClosed)
            return Decision.Conflict(ProblemKinds.CaseMerged, $"The case was merged into case {merge.OtherCaseId}: take the step there, or unmerge the two first.");
        if (CheckStepTime(command.OccurredAt, context, current.ReceivedAt) is { } problem) return problem;
        return step(current, command, context);
    }

    /// <summary>No event is dated in the future (beyond the configured clock skew), nor before the report it belongs to.</summary>
    public static Decision? CheckStepTime(DateTimeOffset? occurredAt, StepContext context, DateTimeOffset? notBefore, string field = "occurredAt")
    {
        if (occurredAt is not { } at) return null;
        if (at > context.Now + context.Rules.ClockSkewTolerance)
            return Decision.Invalid(field, $"'{field}' is in the future; a step is recorded once it has happened.");
        if (notBefore is { } earliest && at < earliest)
            return Decision.Invalid(field, $"'{field}' is before the report was received.");
        return null;
    }

    /// <summary>How far ahead a planned time (a due date, a scheduled session, a separation's end) may lie.</summary>
    public static readonly TimeSpan PlanningHorizon = TimeSpan.FromDays(5 * 366);

    /// <summary>A planned time must lie within the planning horizon: a typo of year 9999 is a 400, not an overflow.</summary>
    public static Decision? WithinHorizon(DateTimeOffset planned, StepContext context, string field) =>
        planned > context.Now + PlanningHorizon ? Decision.Invalid(field, $"'{field}' is more than five years ahead.")
        : planned < context.Now - PlanningHorizon ? Decision.Invalid(field, $"'{field}' is more than five years in the past.")
        : null;

    public static Decision? WithinHorizon(DateOnly planned, StepContext context, string field) =>
        WithinHorizon(new DateTimeOffset(planned.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), context, field);

    /// <summary>
    /// A commune a case names (where it happened, where the child lives, where it moves) is one the agency directory answers
    /// for: otherwise no agency would be handed its work, nor see it. <paramref name="inForce"/> is the commune answering
    /// today for the code, itself or after mergers its successor, read before the decision; null when none does.
    /// <paramref name="identity"/>: the code is part of the child's identity, and the refusal does not repeat it.
    /// </summary>
    public static Decision? CommuneInForce(string code, Commune? inForce, string field, bool identity = false)
    {
        var trimmed = code.Trim();
        if (!Jurisdictions.IsValidCode(trimmed))
            return Decision.Invalid(field, $"'{field}' must be a commune code of the agency directory: lower-case letters and digits in hyphenated words, " +
                                           "at most 64 characters (e.g. \"dong-hoi-ward\").");
        if (inForce is not null) return null;
        return Decision.Invalid(field, identity
            ? $"'{field}' names no commune in force in the agency directory."
            : $"No commune '{trimmed}' is in force in the agency directory.");
    }

    public static Decision? Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Decision.Invalid(field, $"'{field}' is required.") : null;
}
