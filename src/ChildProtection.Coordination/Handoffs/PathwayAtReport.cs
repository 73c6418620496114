using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Common.Keys;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Handoffs;

/// <summary>
/// The pathway's rules on a report, decided in the report's own transaction: the commune's first hand-off (and whatever else
/// the case's version of the rules calls for on a report) is appended right after the report, by the same
/// <see cref="PathwayDecision"/> the subscription uses and with the same provenance (the pathway as actor, the report's
/// correlation id, the report as cause). The hand-off ids are derived from the report's event id as always, so the
/// subscription — which skips a report marked <see cref="CaseReported.PathwayDecided"/>, and finds the hand-offs there should
/// it decide the report again — requests nothing twice; it still starts each hand-off's legal clock when it reads the
/// <see cref="HandoffRequested"/>, as for any other.
/// </summary>
/// <remarks>
/// A rule that sends a report to the child's own school needs the case's key, which is not committed yet: a version of the
/// rules with one leaves its reports to the subscription. Should the directory fail to answer, so does the report:
/// it is recorded without the mark and the subscription decides it (and dead-letters it, should it fail there too).
/// </remarks>
public sealed class PathwayAtReport(PathwayCatalogue catalogue, IOptions<FollowUpOptions> followUp, IKeyEncryptionKeys keys,
    ILogger<PathwayAtReport> log) : IReportPathway
{
    public async Task<IReadOnlyList<IEvent>?> DecideAsync(IDocumentSession session, Case reported, IEvent report, DateTimeOffset now,
        CancellationToken ct)
    {
        if (catalogue.For(reported.PathwayVersion).Rules.Any(r => r.ToChildsSchool && r.On == nameof(CaseReported))) return null;
        // The directory is read through the request's own session: one connection for the whole report.
        var decision = new PathwayDecision(new PageRouting(new DirectoryRouting(new AgencyDirectory(session))), catalogue, followUp.Value, keys);
        // The request's trace goes on through the pathway's decision, and the hand-offs carry the pathway's own span, as
        // when the subscription decides.
        using var trace = EventTrace.StartFrom(report, $"pathway {report.EventTypeName}");
        try
        {
            var decided = await decision.DecideAsync(session, reported, report, now, now, ct);
            return decided.Select(data => EventHeaders.Stamp(session.Events.BuildEvent(data), EventHeaders.System, report.CorrelationId,
                report.Id.ToString())).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("The pathway could not decide the report of case {CaseId} in its transaction ({Error}); it decides it later.",
                reported.Id, e.GetType().Name);
            return null;
        }
    }
}
