using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs.Inbox;
using Marten;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>Waiting for the pathway and the inboxes to have seen every event of a case, then reading what is in view.</summary>
public static class CaseInView
{
    /// <summary>
    /// Waits until the pathway and the inbox projection have processed every event of the case and the case has stopped
    /// growing (the pathway's own appends included), so what the inboxes hold is what the case's history calls for.
    /// </summary>
    public static async Task Settled(this AppFixture app, Guid caseId)
    {
        long seen = -1;
        await HandoffApi.Eventually(async () =>
        {
            await using var session = app.Store.QuerySession();
            var last = (await session.Events.FetchStreamAsync(caseId)).Max(e => e.Sequence);
            var progress = await app.Store.Advanced.AllProjectionProgress();
            var caughtUp = progress.Where(p => p.ShardName.StartsWith("Pathway") || p.ShardName.StartsWith("AgencyInbox")).ToList();
            var settled = caughtUp.Count >= 2 && caughtUp.All(p => p.Sequence >= last) && last == seen;
            seen = last;
            return settled;
        }, $"the pathway and the inboxes to settle on case {caseId}");
    }

    /// <summary>What the agencies' inboxes hold for this case.</summary>
    public static async Task<IReadOnlyList<InboxItem>> InboxItems(this AppFixture app, Guid caseId)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<InboxItem>().Where(i => i.CaseId == caseId).ToListAsync();
    }

    /// <summary>The invariant: an open case always has open work or a review clock in some agency's inbox.</summary>
    public static async Task ShouldBeInSomeInbox(this AppFixture app, Guid caseId, string after)
    {
        await app.Settled(caseId);
        await using var session = app.Store.QuerySession();
        var current = await session.Events.AggregateStreamAsync<Coordination.Cases.Case>(caseId);
        if (current!.IsClosed) return;
        (await app.InboxItems(caseId)).ShouldNotBeEmpty($"after {after} the open case is in nobody's inbox");
    }
}
