using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Cases.MedicalExam;

/// <summary>A medical (khám, chữa bệnh) or forensic (giám định pháp y) examination asked of health.</summary>
public sealed record RequestMedicalExam(ExamKind Kind, string Reason, DateTimeOffset? OccurredAt = null) : ICaseCommand;

public static class RequestMedicalExamEndpoint
{
    [WolverinePost("/api/cases/{caseId}/medical-exams", OperationId = "RequestMedicalExam")]
    [NonTransactional]
    [StepResponses]
    public static Task<IResult> Post(Guid caseId, RequestMedicalExam command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Step(session, http, caseId, command, CaseAction.RequestMedicalExam, Decide);

    public static Decision Decide(Case current, RequestMedicalExam command, StepContext context)
    {
        if (CaseDecisions.Required(command.Reason, "reason") is { } problem) return problem;
        var examId = Guid.CreateVersion7();
        return Decision.AcceptCreating(examId, new MedicalExamRequested(current.Id, examId, context.At(command.OccurredAt), command.Kind, command.Reason));
    }
}
