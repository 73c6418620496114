using ChildProtection.Coordination.Common.Keys;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;
namespace ChildProtection.Coordination.Audit;

public sealed class ReplayInput : NetCoreInput
{
    [Description("The case id")]
    public string CaseId { get; set; } = "";

    [Description("Only what was recorded up to this ISO-8601 instant, e.g. 2026-11-25T03:00:00Z")]
    [FlagAlias("as-of")]
    public string? AsOfFlag { get; set; }
}

/// <summary>
/// <c>dotnet ChildProtection.Coordination.dll replay &lt;caseId&gt; [--as-of T]</c>: a case's timeline, one line per event
/// (recorded time, step time, version, type, agency/role), then where the case stood, folded again from those events.
/// </summary>
[Description("Print a case's timeline from its events, optionally as of an instant", Name = "replay")]
public sealed class ReplayCommand : JasperFxAsyncCommand<ReplayInput>
{
    public ReplayCommand()
    {
        Usage("Print a case's whole timeline").Arguments(x => x.CaseId);
    }

    public override async Task<bool> Execute(ReplayInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var threshold = host.Services.GetRequiredService<IOptions<AuditOptions>>().Value.LateEntryThreshold;
        return await ReplayAsync(store, host.Services.GetRequiredService<IKeyEncryptionKeys>(), input.CaseId, input.AsOfFlag, threshold, Console.Out);
    }

    public static async Task<bool> ReplayAsync(IDocumentStore store, IKeyEncryptionKeys keys, string caseId, string? asOf, TimeSpan lateEntryThreshold,
        TextWriter output, CancellationToken ct = default)
    {
        if (!Guid.TryParse(caseId, out var id))
        {
            await output.WriteLineAsync($"Not a case id: '{caseId}'. Usage: replay <caseId> [--as-of 2026-11-25T03:00:00Z]");
            return false;
        }
        DateTimeOffset? at = null;
        if (asOf is not null)
        {
            if (!PointInTime.TryInstant(asOf, out var parsed))
            {
                await output.WriteLineAsync(PointInTime.InstantRule("--as-of").Replace("%2B", "+"));
                return false;
            }
            at = parsed;
        }

        await using var session = store.QuerySession();
        var point = new PointInTime(at, null);
        var (outcome, entries, current) = await CaseTimeline.LoadAsync(session, keys, id, point, lateEntryThreshold, ct);
        switch (outcome)
        {
            case CaseTimeline.Outcome.UnknownCase:
                await output.WriteLineAsync($"No case {id}.");
                return false;
            case CaseTimeline.Outcome.NotYet:
                await output.WriteLineAsync($"Case {id} had not been reported {point.Describe()}.");
                return false;
        }

        await output.WriteLineAsync($"{"recorded",-25} {"step",-25} {"v",4} {"type",-34} agency/role");
        foreach (var e in entries)
            await output.WriteLineAsync($"{e.RecordedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ,-25} " +
                                        $"{(e.StepAt is { } s ? s.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ") : "-"),-25} " +
                                        $"{e.Version,4} {e.Type,-34} {e.Actor.Agency ?? "?"}/{e.Actor.Role ?? "?"}{(e.LateEntry ? "  LATE" : "")}");

        var summary = await CaseAsOf.AggregateAsync(session, id, point, ct);
        await output.WriteLineAsync($"{entries.Count} of {current} events; the case {(at is null ? "now" : point.Describe())}: " +
                                    $"{summary?.Status} at stage {summary?.Stage}, version {summary?.Version}.");
        return true;
    }
}
