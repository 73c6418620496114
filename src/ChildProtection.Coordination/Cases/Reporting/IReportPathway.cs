using JasperFx.Events;
using Marten;

namespace ChildProtection.Coordination.Cases.Reporting;

/// <summary>
/// The pathway's rules on a report, asked in the report's own transaction: the commune's first hand-off (and whatever else
/// the case's version of the rules calls for on a report) is appended with the report, so it costs no second append to the
/// case (no second version of its snapshot, summary and chain head, and no pathway transaction). The rules and the directory
/// belong to the pathway, which sits above <c>Cases</c>; it implements this, and it is registered only while the pathway runs.
/// </summary>
public interface IReportPathway
{
    /// <summary>
    /// The events the pathway records on <paramref name="report"/> (its id, time, actor and correlation are final), as the
    /// pathway's own: stamped with its actor, the report's correlation id, and the report as their cause. Null when the
    /// pathway is to decide the report later, on its own (the report is then recorded without
    /// <see cref="CaseReported.PathwayDecided"/>).
    /// </summary>
    Task<IReadOnlyList<IEvent>?> DecideAsync(IDocumentSession session, Case reported, IEvent report, DateTimeOffset now, CancellationToken ct);
}
