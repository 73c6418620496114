using ChildProtection.Coordination.Cases;
using Marten;
using Marten.Services;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Operations;

/// <summary>
/// Moves the service counters from what was committed, whoever appended it (a request, the pathway, a clock),
/// on the node that committed it: a rolled-back step or a lost race counts nothing, and a cluster's nodes
/// add up to the whole.
/// </summary>
public sealed class ServiceMetricsListener : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents()) Count(e.Data);
        return Task.CompletedTask;
    }

    public static void Count(object @event)
    {
        switch (@event)
        {
            case CaseReported r:
                ServiceMetrics.CasesReported.Add(1, new KeyValuePair<string, object?>("channel", r.Channel.ToString()));
                break;
            case HandoffRequested h:
                ServiceMetrics.HandoffsRequested.Add(1, new KeyValuePair<string, object?>("task", h.Task.ToString()));
                break;
            case HandoffAccepted:
                ServiceMetrics.HandoffsAnswered.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
                break;
            case HandoffDeclined:
                ServiceMetrics.HandoffsAnswered.Add(1, new KeyValuePair<string, object?>("outcome", "declined"));
                break;
            case ClockBreached b:
                ServiceMetrics.ClockBreaches.Add(1, new KeyValuePair<string, object?>("task", b.Task.ToString()));
                break;
        }
    }
}
