using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Interview;

/// <summary>Police schedule a child-friendly interview session; the guardian is told beforehand.</summary>
public sealed record ScheduleInterview(
    DateTimeOffset ScheduledFor,
    string Location,
    string Interviewer,
    bool GuardianNotified,
    DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class ScheduleInterviewEndpoint
{
    [WolverinePost("/api/cases/{caseId}/interviews", OperationId = "ScheduleInterview")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, ScheduleInterview command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.ScheduleInterview, Decide);

    public static Decision Decide(Case current, ScheduleInterview command, StepContext context)
    {
        if ((CaseDecisions.Required(command.Location, "location") ?? CaseDecisions.Required(command.Interviewer, "interviewer")) is { } problem)
            return problem;
        if (CaseDecisions.WithinHorizon(command.ScheduledFor, context, "scheduledFor") is { } far) return far;
        if (command.ScheduledFor < current.ReceivedAt)
            return Decision.Invalid("scheduledFor", "An interview cannot be scheduled for a time before the report.");
        if (!command.GuardianNotified)
            return Decision.Invalid("guardianNotified", "The child's guardian or representative is told of an interview beforehand.");

        // At most N sessions a Vietnam day, counting those already held or still scheduled that day.
        var day = VietnamTime.DateOf(command.ScheduledFor);
        // The child's sessions, in this case and in the cases linked to it as the same child.
        var sessionsThatDay = current.Interviews.Count(i => VietnamTime.DateOf(i.StartedAt ?? i.ScheduledFor) == day)
                              + (context.SameChildSessions ?? []).Count(s => VietnamTime.DateOf(s.At) == day);
        if (sessionsThatDay >= context.Rules.MaxInterviewSessionsPerDay)
            return Decision.Conflict(ProblemKinds.InterviewLimitReached, $"The child already has {sessionsThatDay} interview sessions on {day:yyyy-MM-dd}; at most {context.Rules.MaxInterviewSessionsPerDay} a day.");

        var interviewId = Guid.CreateVersion7();
        return Decision.AcceptCreating(interviewId, new InterviewScheduled(current.Id, interviewId, command.ScheduledFor,
            command.Location, command.Interviewer, command.GuardianNotified));
    }
}
