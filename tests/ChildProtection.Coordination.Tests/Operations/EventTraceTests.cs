using ChildProtection.Coordination.Tests.Handoffs;
using ChildProtection.Coordination.Tests.Integration.Webhooks;
using ChildProtection.Coordination.Tests.Support;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ChildProtection.Coordination.Integration.Webhooks;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases;

namespace ChildProtection.Coordination.Tests.Operations;

public sealed class EventTraceTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    [Fact]
    public async Task one_trace_runs_from_the_report_request_through_the_pathway_to_the_hand_off_it_appends()
    {
        var pathway = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is EventTrace.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.Source.Name == EventTrace.SourceName) pathway.Enqueue(a); },
        };
        ActivitySource.AddActivityListener(listener);

        // The caller's trace, as a gateway or a browser would send it.
        var traceId = ActivityTraceId.CreateRandom();
        var created = await App.Client("hotline-operator", "hotline-111").PostJson("/api/cases", HandoffApi.Report(),
            ("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        await created.ShouldHave(HttpStatusCode.Created);
        var caseId = (await created.Read<StepAccepted>()).CaseId;
        await App.Handoff(caseId, HandoffTask.VerifyAndAssess, "ubnd-dong-hoi");

        var history = await App.History(caseId);
        var reported = history.Single(e => e.Data is ChildProtection.Coordination.Cases.CaseReported);
        // The report may call for several agencies at once (v2: the police too for violence with immediate danger): the commune's is one of them.
        var handoff = history.First(e => e.Data is HandoffRequested { Task: HandoffTask.VerifyAndAssess });
        ActivityContext.Parse(EventTrace.TraceParentOf(reported)!, null).TraceId.ShouldBe(traceId, "the report carries the request's trace");

        // The pathway decides the report in the report's own transaction (Handoffs/PathwayAtReport.cs), under a span of its own.
        bool ForTheReport(Activity a) => a.GetTagItem("cp.case.id") as string == caseId.ToString() && a.GetTagItem("cp.event.type") as string == reported.EventTypeName;
        await HandoffApi.Eventually(() => Task.FromResult(pathway.Any(ForTheReport)), "the pathway's activity for the report");
        var step = pathway.Single(ForTheReport);
        step.TraceId.ShouldBe(traceId, "the pathway continues the request's trace");
        step.DisplayName.ShouldBe("pathway case_reported");

        // The hand-off carries the pathway's own span, so a webhook delivering it continues the same trace under it.
        var handed = ActivityContext.Parse(EventTrace.TraceParentOf(handoff)!, null);
        handed.TraceId.ShouldBe(traceId);
        handed.SpanId.ShouldBe(step.SpanId);
        using var delivery = EventTrace.StartFrom(handoff, "webhook delivery");
        delivery!.TraceId.ShouldBe(traceId);
        delivery.ParentSpanId.ShouldBe(step.SpanId);
    }

    [Fact]
    public async Task the_webhook_delivering_the_hand_off_continues_the_trace_of_the_report_request()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is EventTrace.SourceName or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await App.Client("integrator", "stats-office").PostJson("/api/subscriptions",
            new CreateSubscription(receiver.Url, ["vn.childprotection.handoff.requested.v1"]));
        await created.ShouldHave(HttpStatusCode.Created);

        var traceId = ActivityTraceId.CreateRandom();
        var reported = await App.Client("hotline-operator", "hotline-111").PostJson("/api/cases", HandoffApi.Report(),
            ("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        await reported.ShouldHave(HttpStatusCode.Created);
        var caseId = (await reported.Read<StepAccepted>()).CaseId;

        await HandoffApi.Eventually(() => Task.FromResult(receiver.AcceptedFor(caseId).Count > 0), "the hand-off at the receiver");
        var delivery = receiver.AcceptedFor(caseId).First();
        delivery.Event.GetProperty("type").GetString().ShouldBe("vn.childprotection.handoff.requested.v1");
        delivery.TraceParent.ShouldNotBeNull("the delivery carries a traceparent");
        ActivityContext.Parse(delivery.TraceParent!, null).TraceId.ShouldBe(traceId,
            "HTTP request → pathway → hand-off event → webhook delivery is one trace");
    }
}
