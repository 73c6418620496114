using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.MedicalExam;

/// <summary>Health records the examination it carried out: where, who was present, what was found.</summary>
public sealed record RecordMedicalExam(
    string Facility,
    bool GuardianPresent,
    bool PrivateRoom,
    string Findings,
    DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class RecordMedicalExamEndpoint
{
    [WolverinePost("/api/cases/{caseId}/medical-exams/{examId}/complete", OperationId = "RecordMedicalExam")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, Guid examId, RecordMedicalExam command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.RecordMedicalExam, (c, cmd, ctx) => Decide(c, examId, cmd, ctx));

    public static Decision Decide(Case current, Guid examId, RecordMedicalExam command, StepContext context)
    {
        var exam = current.Exams.Find(e => e.ExamId == examId);
        if (exam is null) return Decision.NotFound($"No examination {examId} was requested on this case.");
        if (exam.Completed) return Decision.Conflict(ProblemKinds.AlreadyRecorded, "This examination is already recorded.");

        var examinedAt = context.At(command.OccurredAt);
        if (examinedAt < exam.RequestedAt)
            return Decision.Invalid("occurredAt", "An examination cannot be recorded as done before it was requested.");
        var limit = context.Rules.GuardianRequiredUnderAge;
        if (!command.GuardianPresent && context.ChildAgeOn(current, VietnamTime.DateOf(examinedAt)) is { } age && age < limit)
            return Decision.Conflict(ProblemKinds.GuardianRequired, $"A child under {limit} is examined with a parent or guardian present; this child is {age}.");

        return CaseDecisions.Required(command.Facility, "facility")
               ?? CaseDecisions.Required(command.Findings, "findings")
               ?? Decision.Accept(new MedicalExamCompleted(current.Id, examId, examinedAt, command.Facility,
                   command.GuardianPresent, command.PrivateRoom, command.Findings));
    }
}
