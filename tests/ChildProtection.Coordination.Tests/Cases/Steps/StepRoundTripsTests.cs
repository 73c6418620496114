using System.Collections.Concurrent;
using System.Diagnostics;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Tests.Support;

namespace ChildProtection.Coordination.Tests.Cases.Steps;

/// <summary>
/// What one step costs the database in round trips, counted (not timed) from Npgsql's own activities in the request's trace:
/// the write lock and every first read in one batch, Marten's save, the seals' read and write (issue 19: a step once took the
/// lock, the owning commune and the case's key, up to three times, each in a round trip of its own; and the inline CaseSummary
/// projection loaded the summary the batch had just read, until the step's session kept it in an identity map).
/// </summary>
public sealed class StepRoundTripsTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    [Fact]
    public async Task a_step_reads_in_one_round_trip_and_saves_with_its_seals_in_three()
    {
        var caseId = await Api.Report();
        var trace = ActivityTraceId.CreateRandom();
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.Source.Name == "Npgsql" && a.TraceId == trace) commands.Enqueue(a.GetTagItem("db.query.text") as string ?? a.DisplayName);
            },
        };
        ActivitySource.AddActivityListener(listener);

        var response = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(),
            ("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01"));

        await response.ShouldBeAccepted(caseId);
        var seen = string.Join("\n---\n", commands);
        // The read batch (lock, summary, agency, communes, case and version, key), Marten's save (append, snapshot, summary),
        // the seals' read (heads and rows), the seals' write; the commit is not a command. Before issue 19 the lock, the owning
        // commune and the key each took one more, the seals' heads and rows two, and the inline CaseSummary projection loaded
        // the summary again: at least 10 in all.
        commands.Count.ShouldBeGreaterThan(0, "Npgsql's activities should be seen in the request's trace");
        commands.Count.ShouldBeLessThanOrEqualTo(4, seen);
        commands.ShouldNotContain(c => c.Contains("mt_doc_casesummary as d where id = ANY"), "the inline projection reuses the summary the batch read");
    }
}
