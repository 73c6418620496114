using System.Collections.Concurrent;
using JasperFx;
using JasperFx.Events;
using Marten;
using Weasel.Core;

namespace Bench;

// CaseReported-like events: the same shape and size as the service's, so the baseline serialises the same JSON.
public sealed record PlainReporter(string? Relation = null, bool ConsentsToIdentity = false, string? Name = null, string? Phone = null);
public sealed record PlainChild(string Name, string Sex, string CommuneOfResidence, DateOnly? DateOfBirth = null, int? AgeYears = null, string? School = null);
public sealed record PlainIncident(string Commune, DateTimeOffset OccurredAt, string[] HarmForms, string Description,
    string SuspectedPerpetrator = "Unknown", bool ImmediateDanger = false);
public sealed record PlainCaseReported(Guid CaseId, DateTimeOffset ReceivedAt, string Channel, PlainReporter Reporter, PlainChild Child, PlainIncident Incident);
public sealed record PlainReportVerified(Guid CaseId, DateTimeOffset VerifiedAt, bool Substantiated, string Findings);
public sealed class PlainCase { public Guid Id { get; set; } }

/// <summary>
/// The plain Marten baseline: the same appends as the service (a stream started with a report; one event added to
/// an existing stream), with the same serializer and event metadata, but no HTTP, no Wolverine, no projections.
/// Its own schema in the same database, so the service's async daemon never sees these events.
/// </summary>
public sealed class PlainMarten(DocumentStore store) : IDisposable
{
    private readonly ConcurrentBag<Guid> streams = [];
    private Guid[] pool = [];

    public static async Task<PlainMarten> CreateAsync(string connectionString)
    {
        var store = DocumentStore.For(o =>
        {
            // The pool settings the service runs with (Operations/ConnectionTuning.cs), so that the baseline is not
            // slowed by a reset the service does not pay, nor by parsing and planning statements the service prepares.
            o.Connection(connectionString + ";No Reset On Close=true;Max Auto Prepare=100");
            o.DatabaseSchemaName = "bench_plain";
            o.AutoCreateSchemaObjects = AutoCreate.All;
            o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            o.Events.StreamIdentity = StreamIdentity.AsGuid;
            o.Events.MetadataConfig.CorrelationIdEnabled = true;
            o.Events.MetadataConfig.CausationIdEnabled = true;
            o.Events.MetadataConfig.HeadersEnabled = true;
            o.Events.MetadataConfig.UserNameEnabled = true;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new PlainMarten(store);
    }

    public static PlainCaseReported Report(Guid id, string commune) => new(id, DateTimeOffset.UtcNow, "Hotline111", new PlainReporter(),
        new PlainChild("Bench Child", "Female", commune, AgeYears: 9),
        new PlainIncident(commune, DateTimeOffset.Parse("2026-01-01T00:00:00+07:00"), ["Neglect"], "benchmark"));

    /// <summary>One report: a new stream, committed.</summary>
    public async Task<bool> StartStreamAsync(string commune)
    {
        await using var session = store.LightweightSession();
        Stamp(session);
        var id = Guid.CreateVersion7();
        session.Events.StartStream<PlainCase>(id, Report(id, commune));
        await session.SaveChangesAsync();
        streams.Add(id);
        return true;
    }

    /// <summary>Streams to append to: client c takes streams c, c + clients, …, so no two clients race on a stream.</summary>
    public void FreezePool() => pool = streams.ToArray();

    public int StreamCount => streams.Count;

    public int PoolSize => pool.Length;

    /// <summary>One step: an event appended to an existing stream with an optimistic version check, committed.</summary>
    public async Task<bool> AppendAsync(int client, long i, int clients)
    {
        var id = pool[client + clients * (int)(i % (pool.Length / clients))];
        await using var session = store.LightweightSession();
        Stamp(session);
        await session.Events.AppendOptimistic(id, new PlainReportVerified(id, DateTimeOffset.UtcNow, true, "bench"));
        await session.SaveChangesAsync();
        return true;
    }

    private static void Stamp(IDocumentSession session)
    {
        session.CorrelationId = Guid.NewGuid().ToString("N");
        session.LastModifiedBy = "bench";
        session.SetHeader("user-id", "bench");
        session.SetHeader("user-name", "bench");
        session.SetHeader("agency", "hotline-111");
        session.SetHeader("role", "hotline-operator");
    }

    public void Dispose() => store.Dispose();
}
