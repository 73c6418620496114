using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.Plan;

/// <summary>
/// The planning meeting (ND56 Art. 30): the commune officer drafts the plan with the agencies, a residents' representative
/// and the parents. Who took part (by role and agency), and the child's and the family's views, in their own words.
/// </summary>
public sealed record RecordPlanningMeeting(
    DateTimeOffset HeldAt,
    MeetingParticipant[] Participants,
    string ChildViews,
    string FamilyViews,
    Guid? PlanId = null,
    string? Notes = null,
    DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class RecordPlanningMeetingEndpoint
{
    [WolverinePost("/api/cases/{caseId}/plan/meetings", OperationId = "RecordPlanningMeeting")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, RecordPlanningMeeting command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.RecordPlanningMeeting, Decide);

    /// <summary>
    /// The meeting plans on the detailed assessment (Form 03), recorded at some time in the case's life (a reopened case keeps
    /// it). The case page offers the form exactly when this holds: the page and the API decide alike.
    /// </summary>
    public static bool InOrder(Case current) => current.NeedsAssessed;

    public static Decision Decide(Case current, RecordPlanningMeeting command, StepContext context)
    {
        if (!InOrder(current))
            return Decision.Conflict(ProblemKinds.StepOutOfOrder, "The planning meeting plans on the detailed assessment (Form 03), which is not recorded yet.");
        if (CaseDecisions.CheckStepTime(command.HeldAt, context, current.ReceivedAt, "heldAt") is { } when) return when;
        if (command.Participants.Length == 0) return Decision.Invalid("participants", "A meeting lists who took part.");
        for (var i = 0; i < command.Participants.Length; i++)
        {
            if (command.Participants[i] is not { } participant) return Decision.Invalid($"participants[{i}]", "A participant cannot be null.");
            if (CaseDecisions.Required(participant.Role, $"participants[{i}].role") is { } role) return role;
        }
        // The child's views are heard (Law on Children Art. 34); "declined to speak" is a view too, an empty field is not.
        if ((CaseDecisions.Required(command.ChildViews, "childViews") ?? CaseDecisions.Required(command.FamilyViews, "familyViews")) is { } views)
            return views;
        if (command.PlanId is { } planId && planId != current.PlanId)
            return Decision.Conflict(ProblemKinds.PlanNotCurrent, $"Plan {planId} is not the case's current plan.");
        var meetingId = Guid.CreateVersion7();
        return Decision.AcceptCreating(meetingId, new PlanningMeetingHeld(current.Id, meetingId, command.HeldAt, command.Participants,
            command.ChildViews, command.FamilyViews, command.PlanId, command.Notes));
    }
}
