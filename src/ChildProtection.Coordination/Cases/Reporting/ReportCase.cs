using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Cases.Reporting;

/// <summary>Form 01: a report received by 111, health, police, the commune, a school, a social-work centre or a provincial line.</summary>
public sealed record ReportCase(
    ReportChannel Channel,
    ChildDetails Child,
    IncidentDetails Incident,
    Reporter? Reporter = null,
    DateTimeOffset? ReceivedAt = null,
    CaseType? CaseType = null,
    Carer[]? Carers = null);

/// <summary>The answer to a report: the new case, and the possible duplicates the caller may know of.</summary>
public sealed record ReportAccepted(Guid CaseId, long Version, Guid? Id, Matching.PossibleDuplicates PossibleDuplicates);

public static class ReportCaseEndpoint
{
    [WolverinePost("/api/cases", OperationId = "ReportCase")]
    [NonTransactional]
    [StepResponses(StatusCodes.Status201Created, typeof(ReportAccepted))]
    public static async Task<IResult> Post(ReportCase command, IDocumentSession session, HttpContext http)
    {
        // The directory's answers, read before the decision as a transfer's are: the commune answering today for each commune named.
        var communes = await Jurisdictions.ResolveAllTodayAsync(session, http, command?.Incident?.Commune, command?.Child?.CommuneOfResidence);
        var pathway = http.RequestServices.GetService<IReportPathway>();
        var result = await CaseSteps.Start(session, http, command, CaseAction.Report,
            (caseId, report, context) => Decide(caseId, report, communes.GetValueOrDefault, context), pathway is null ? null : WithPathway(pathway));
        // The answer lists the possible duplicates the caller may know of (Cases/Matching), when its role may look for them.
        if (result is not Microsoft.AspNetCore.Http.HttpResults.Created<StepAccepted> { Value: { } accepted } created
            || Actor.From(http.User) is not { } actor || !CasePermissions.AllowsSomewhere(CaseAction.FindDuplicates, actor.Role)
            || await session.LoadAsync<Cases.GetCase.CaseSummary>(accepted.CaseId, http.RequestAborted) is not { } summary)
            return result;
        var threshold = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Matching.MatchingOptions>>().Value.Threshold;
        var duplicates = await Matching.PossibleDuplicatesReader.ForAsync(session, http, actor, summary, threshold);
        return Results.Created(created.Location, new ReportAccepted(accepted.CaseId, accepted.Version, accepted.Id, duplicates));
    }

    /// <summary>
    /// The pathway's rules on the report, in the report's own transaction (<see cref="IReportPathway"/>): the report is
    /// recorded as decided by the pathway, followed by what it called for; when the pathway leaves it for later, as before.
    /// </summary>
    private static CaseSteps.ThenInSameTransaction WithPathway(IReportPathway pathway) => async (session, recorded, context, ct) =>
    {
        if (recorded is not [{ Data: CaseReported report } reported]) return recorded;
        var decided = EventHeaders.Stamp(session.Events.BuildEvent(report with { PathwayDecided = true }), context.Actor,
            reported.CorrelationId, null, reported.Id);
        decided.StreamId = report.CaseId;
        return await pathway.DecideAsync(session, Case.Create((CaseReported)decided.Data), decided, context.Now, ct) is { } handoffs
            ? [decided, .. handoffs]
            : recorded;
    };

    /// <param name="inForce">The commune answering today for a commune code, itself or its successor after mergers; null when none does.</param>
    public static Decision Decide(Guid caseId, ReportCase command, Func<string, Commune?> inForce, StepContext context)
    {
        var receivedAt = context.At(command.ReceivedAt);
        var problem = CaseDecisions.CheckStepTime(command.ReceivedAt, context, null, "receivedAt")
                      ?? CheckChild(command.Child, receivedAt, inForce, context, ReportFactsRules.AgeLimit(context.Rules, command.CaseType))
                      ?? CheckIncident(command.Incident, receivedAt, inForce, context)
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
        // The case is decided under the pathway's rules in force at its report for its whole life, and whether the report
        // shows signs of a crime is decided once, here, by the signs in force (Cases/CrimeSigns.cs).
        return Decision.Accept(new CaseReported(caseId, receivedAt, command.Channel, reporter, child, incident,
            CaseType: command.CaseType, Carers: ReportFactsRules.Carers(command.Carers),
            PathwayVersion: context.Rules.PathwayVersion, CrimeSigns: CrimeSigns.Shown(incident, context.Rules.CrimeSignsInForce)));
    }

    /// <param name="limit">The age from which a person is not registered: the Law on Children's, or the Law on Juvenile Justice's for a victim where configured.</param>
    private static Decision? CheckChild(ChildDetails child, DateTimeOffset receivedAt, Func<string, Commune?> inForce, StepContext context, int limit)
    {
        var problem = CaseDecisions.Required(child.Name, "child.name")
                      ?? CaseDecisions.Required(child.CommuneOfResidence, "child.communeOfResidence")
                      ?? CaseDecisions.CommuneInForce(child.CommuneOfResidence, inForce(child.CommuneOfResidence.Trim()), "child.communeOfResidence", identity: true);
        if (problem is not null) return problem;

        if (child.DateOfBirth is null && child.AgeYears is null)
            return Decision.Invalid("child.dateOfBirth", "Give the child's 'dateOfBirth' or, if unknown, 'ageYears'.");
        return ReportFactsRules.CheckAgeAtReport(child.DateOfBirth, child.AgeYears, VietnamTime.DateOf(receivedAt), limit, context.Rules, "child.");
    }

    private static Decision? CheckIncident(IncidentDetails incident, DateTimeOffset receivedAt, Func<string, Commune?> inForce, StepContext context)
    {
        // The incident commune owns the case: one no commune answers for would leave the report with no one to act on it.
        var problem = CaseDecisions.Required(incident.Commune, "incident.commune")
                      ?? CaseDecisions.CommuneInForce(incident.Commune, inForce(incident.Commune.Trim()), "incident.commune")
                      ?? CaseDecisions.Required(incident.Description, "incident.description");
        if (problem is not null) return problem;
        if (incident.HarmForms.Length == 0 || !incident.HarmForms.All(Enum.IsDefined))
            return Decision.Invalid("incident.harmForms", "Name at least one form of harm, each from the Law on Children's list (Art. 4).");
        if (incident.OccurredAt > receivedAt + context.Rules.ClockSkewTolerance)
            return Decision.Invalid("incident.occurredAt", "'incident.occurredAt' is after the report was received.");
        return null;
    }
}
