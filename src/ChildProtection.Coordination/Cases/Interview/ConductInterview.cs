using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Interview;

/// <summary>
/// Police record a held session: when it started and how long it lasted (Law on Juvenile Justice 59/2024). The guardian
/// attends; held without them, <c>representative</c> says who represented the child instead and why.
/// </summary>
public sealed record ConductInterview(
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    bool GuardianPresent,
    bool Recorded,
    string? Notes = null,
    DateTimeOffset? OccurredAt = null,
    ChildRepresentative? Representative = null) : ICaseCommand;

public static class ConductInterviewEndpoint
{
    [WolverinePost("/api/cases/{caseId}/interviews/{interviewId}/conduct", OperationId = "ConductInterview")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, Guid interviewId, ConductInterview command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.ConductInterview, (c, cmd, ctx) => Decide(c, interviewId, cmd, ctx));

    public static Decision Decide(Case current, Guid interviewId, ConductInterview command, StepContext context)
    {
        var interview = current.Interviews.Find(i => i.InterviewId == interviewId);
        if (interview is null) return Decision.NotFound($"No interview {interviewId} is scheduled on this case.");
        if (interview.StartedAt is not null) return Decision.Conflict(ProblemKinds.AlreadyRecorded, "This interview session is already recorded.");
        if (CaseDecisions.CheckStepTime(command.StartedAt, context, current.ReceivedAt, "startedAt") is { } problem) return problem;
        if (command.Duration <= TimeSpan.Zero || command.Duration > TimeSpan.FromDays(1))
            return Decision.Invalid("duration", "'duration' is the length of one session: more than zero and at most a day.");
        if (command.Duration > context.Rules.MaxInterviewSessionLength)
            return Decision.Conflict(ProblemKinds.InterviewTooLong, $"An interview session lasts at most {context.Rules.MaxInterviewSessionLength.TotalHours:0.##} hours.");
        if (command.StartedAt + command.Duration > context.Now + context.Rules.ClockSkewTolerance)
            return Decision.Invalid("duration", "The session would end in the future; record it once it has ended.");

        // The guardian or a representative attends (Law 59/2024): without the guardian, the record says who stood for the
        // child and why (the guardian may be the suspect), or the session is not recorded as a lawful interview.
        if (!command.GuardianPresent)
        {
            if (command.Representative is not { } stood)
                return Decision.Invalid("representative", "Held without the guardian: 'representative' says who represented the child instead, and why.");
            if ((CaseDecisions.Required(stood.RepresentedBy, "representative.representedBy") ?? CaseDecisions.Required(stood.Reason, "representative.reason")) is { } missing)
                return missing;
        }

        var day = VietnamTime.DateOf(command.StartedAt);
        var heldThatDay = current.Interviews.Count(i => i.StartedAt is { } s && VietnamTime.DateOf(s) == day)
                          + (context.SameChildSessions ?? []).Count(s => s.Held && VietnamTime.DateOf(s.At) == day);
        if (heldThatDay >= context.Rules.MaxInterviewSessionsPerDay)
            return Decision.Conflict(ProblemKinds.InterviewLimitReached, $"The child already had {heldThatDay} interview sessions on {day:yyyy-MM-dd}; at most {context.Rules.MaxInterviewSessionsPerDay} a day.");

        return Decision.Accept(new InterviewConducted(current.Id, interviewId, command.StartedAt, command.Duration,
            command.GuardianPresent, command.Recorded, command.Notes, command.GuardianPresent ? null : command.Representative));
    }
}
