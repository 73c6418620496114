using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Cases.Reporting;

/// <summary>Form 01: a report received by 111, health, police or the commune.</summary>
public sealed record ReportCase(
    ReportChannel Channel,
    ChildDetails Child,
    IncidentDetails Incident,
    Reporter? Reporter = null,
    DateTimeOffset? ReceivedAt = null,
    CaseType? CaseType = null,
    Carer[]? Carers = null);

public static class ReportCaseEndpoint
{
    [WolverinePost("/api/cases", OperationId = "ReportCase")]
    [NonTransactional]
    [StepResponses(StatusCodes.Status201Created)]
    public static Task<IResult> Post(ReportCase command, IDocumentSession session, HttpContext http) =>
        CaseSteps.Start(session, http, command, CaseAction.Report, Decide);

    public static Decision Decide(Guid caseId, ReportCase command, StepContext context)
    {
        var receivedAt = context.At(command.ReceivedAt);
        var problem = CaseDecisions.CheckStepTime(command.ReceivedAt, context, null, "receivedAt")
                      ?? CheckChild(command.Child, receivedAt, context, ReportFactsRules.AgeLimit(context.Rules, command.CaseType))
                      ?? CheckIncident(command.Incident, receivedAt, context)
                      ?? ReportFactsRules.Check(command);
        if (problem is not null) return problem;

        // The reporter's identity is kept only with their consent (ND56 Art. 25).
        var reporter = command.Reporter ?? new Reporter();
        if (!reporter.ConsentsToIdentity) reporter = reporter with { Name = null, Phone = null };

        var child = command.Child with { Name = command.Child.Name.Trim(), CommuneOfResidence = command.Child.CommuneOfResidence.Trim() };
        var incident = command.Incident with
        {
            Commune = command.Incident.Commune.Trim(), HarmForms = command.Incident.HarmForms.Distinct().ToArray(),
            SexualAbuseTypes = command.Incident.SexualAbuseTypes is { Length: > 0 } acts ? acts.Distinct().ToArray() : null,
        };
        return Decision.Accept(new CaseReported(caseId, receivedAt, command.Channel, reporter, child, incident,
            CaseType: command.CaseType, Carers: ReportFactsRules.Carers(command.Carers)));
    }

    /// <param name="limit">The age from which a person is not registered: the Law on Children's, or the Law on Juvenile Justice's for a victim where configured.</param>
    private static Decision? CheckChild(ChildDetails child, DateTimeOffset receivedAt, StepContext context, int limit)
    {
        var problem = CaseDecisions.Required(child.Name, "child.name")
                      ?? CaseDecisions.Required(child.CommuneOfResidence, "child.communeOfResidence");
        if (problem is not null) return problem;

        var reportDate = VietnamTime.DateOf(receivedAt);
        if (child.DateOfBirth is { } dob)
        {
            if (dob > reportDate) return Decision.Invalid("child.dateOfBirth", "'child.dateOfBirth' is after the report.");
            if (Case.AgeYears(dob, reportDate) >= limit)
                return Decision.Invalid("child.dateOfBirth", $"{ReportFactsRules.AgeRule(context.Rules)}; this person is {Case.AgeYears(dob, reportDate)}.");
        }
        else if (child.AgeYears is { } age)
        {
            if (age < 0 || age >= limit)
                return Decision.Invalid("child.ageYears", $"'child.ageYears' must be from 0 to {limit - 1}: {ReportFactsRules.AgeRule(context.Rules)}.");
        }
        else return Decision.Invalid("child.dateOfBirth", "Give the child's 'dateOfBirth' or, if unknown, 'ageYears'.");
        return null;
    }

    private static Decision? CheckIncident(IncidentDetails incident, DateTimeOffset receivedAt, StepContext context)
    {
        var problem = CaseDecisions.Required(incident.Commune, "incident.commune")
                      ?? CaseDecisions.Required(incident.Description, "incident.description");
        if (problem is not null) return problem;
        if (incident.HarmForms.Length == 0 || !incident.HarmForms.All(Enum.IsDefined))
            return Decision.Invalid("incident.harmForms", "Name at least one form of harm, each from the Law on Children's list (Art. 4).");
        if (incident.OccurredAt > receivedAt + context.Rules.ClockSkewTolerance)
            return Decision.Invalid("incident.occurredAt", "'incident.occurredAt' is after the report was received.");
        return null;
    }
}
