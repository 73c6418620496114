using ChildProtection.Coordination.Tests.Support;
using System.Diagnostics;
using System.Net;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Handoffs.Inbox;
using JasperFx.Events;
using Marten;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>Driving cases and reading inboxes in the demo directory (Quảng Trị: Đồng Hới ward and its agencies).</summary>
public static class HandoffApi
{
    public const string Commune = "dong-hoi-ward";

    public static ReportCase Report(HarmForm[]? harm = null) => Scenarios.HotlineReport(harm: harm) with
    {
        Child = new ChildDetails("Nguyễn Thị Mai", Sex.Female, Commune, AgeYears: 9, School: "Trường Tiểu học Hải Đình"),
        Incident = Scenarios.HotlineReport(harm: harm).Incident with { Commune = Commune },
    };

    public static async Task<Guid> ReportByHotline(this AppFixture app, HarmForm[]? harm = null)
    {
        var response = await app.Client("hotline-operator", "hotline-111").PostJson("/api/cases", Report(harm));
        await response.ShouldHave(HttpStatusCode.Created);
        return (await response.Read<StepAccepted>()).CaseId;
    }

    public static async Task<StepAccepted> Post(this AppFixture app, string role, string agency, string url, object body)
    {
        var response = await app.Client(role, agency).PostJson(url, body);
        await response.ShouldHave(HttpStatusCode.OK);
        return await response.Read<StepAccepted>();
    }

    public static async Task<InboxPage> Inbox(this AppFixture app, string agency, string role = "commune-officer")
    {
        var response = await app.Client(role, agency).GetAsync($"/api/agencies/{agency}/inbox?pageSize=100");
        await response.ShouldHave(HttpStatusCode.OK);
        return await response.Read<InboxPage>();
    }

    public static Func<string>? Diagnose;

    /// <summary>Polls until <paramref name="found"/> holds (the pathway and the inbox run asynchronously); returns how long it took.</summary>
    public static async Task<TimeSpan> Eventually(Func<Task<bool>> found, string what, int seconds = 15)
    {
        var clock = Stopwatch.StartNew();
        while (!await found())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"Not within {seconds} s: {what}{Diagnose?.Invoke()}");
            await Task.Delay(50);
        }
        return clock.Elapsed;
    }

    public static async Task<InboxEntry> InInbox(this AppFixture app, string agency, Func<InboxEntry, bool> match, string what, string role = "commune-officer")
    {
        InboxEntry? entry = null;
        await Eventually(async () => (entry = (await app.Inbox(agency, role)).Items.FirstOrDefault(match)) is not null, what);
        return entry!;
    }

    public static async Task<IReadOnlyList<IEvent>> History(this AppFixture app, Guid caseId)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.FetchStreamAsync(caseId);
    }

    public static async Task<T> Eventually<T>(this AppFixture app, Guid caseId, Func<T, bool> match, string what) where T : class
    {
        T? found = null;
        Diagnose = () => "; history: " + string.Join(", ", app.History(caseId).GetAwaiter().GetResult().Select(e => e.Data.ToString()));
        await Eventually(async () => (found = (await app.History(caseId)).Select(e => e.Data).OfType<T>().FirstOrDefault(match)) is not null, what);
        return found!;
    }

    public static async Task<HandoffRequested> Handoff(this AppFixture app, Guid caseId, HandoffTask task, string? to = null) =>
        await app.Eventually<HandoffRequested>(caseId, h => h.Task == task && (to is null || h.ToAgency == to), $"{task} handed to {to ?? "someone"}");
}
