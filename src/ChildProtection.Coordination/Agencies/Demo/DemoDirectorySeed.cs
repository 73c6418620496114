using ChildProtection.Coordination.Auth;
using System.Text.Json;
using Marten;
using Marten.Schema;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Agencies;

/// <summary>What a demo load added: communes established, agencies registered, agencies already there.</summary>
public sealed record DemoSeedResult(int CommunesEstablished, int AgenciesCreated, int AgenciesAlreadyThere);

/// <summary>
/// The local demo directory (<c>Directory:SeedDemo</c>): Quảng Trị (44, which absorbed Quảng Bình, hence
/// the Đồng Hới wards) and Hải Phòng (31), three wards each (<c>communes.json</c>), and an agency of every
/// kind (<c>agencies.csv</c>): per province the police, Department of Health, social work centre, legal aid,
/// Women's Union, Department of Education and a hospital; per ward the People's Committee, police, health
/// station and a primary school; and the national hotline 111. Commune codes are readable slugs, not the
/// official 5-digit codes; the school names other than Hải Đình are illustrative.
/// Idempotent: it adds what is missing and never changes what an administrator has since changed.
/// </summary>
public sealed class DemoDirectorySeed(ILogger<DemoDirectorySeed> logger) : IInitialData
{
    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        var result = await LoadAsync(store, cancellation);
        logger.LogInformation("Demo directory: {Communes} communes established, {Created} agencies registered, {Existing} already there.",
            result.CommunesEstablished, result.AgenciesCreated, result.AgenciesAlreadyThere);
    }

    public static async Task<DemoSeedResult> LoadAsync(IDocumentStore store, CancellationToken ct = default)
    {
        var actor = DirectoryWrites.System("demo-seed");
        var correlation = $"demo-seed-{Guid.NewGuid():N}";
        var communes = JsonSerializer.Deserialize<EstablishCommune[]>(Resource("communes.json"), CaseJson.Options)!;

        // Communes first, in their own transaction: the agencies' rows are checked against stored communes.
        int communesEstablished;
        await using (var session = store.LightweightSession())
        {
            EventHeaders.Stamp(session, actor, correlation);
            var decision = await JurisdictionChanges.DecideAsync(session, communes.Select(c => c.Code), find => EstablishMissing(communes, find), ct);
            if (decision is Decision.Rejected rejected) throw new InvalidOperationException($"Demo communes: {rejected.Detail}");
            await session.SaveChangesAsync(ct);
            communesEstablished = ((Decision.Accepted)decision).Events.Count;
        }

        await using (var session = store.LightweightSession())
        {
            EventHeaders.Stamp(session, actor, correlation);
            var result = await AgencyImport.PrepareAsync(session, Resource("agencies.csv"), ImportMode.CreateMissing, ct);
            if (!result.Ok)
                throw new InvalidOperationException("Demo agencies: " + string.Join("; ", result.Errors.Select(e => $"row {e.Row} {e.Field}: {e.Message}")));
            await session.SaveChangesAsync(ct);
            return new DemoSeedResult(communesEstablished, result.Created, result.Unchanged);
        }
    }

    private static Decision EstablishMissing(IEnumerable<EstablishCommune> communes, Func<string, Commune?> find)
    {
        var events = new List<object>();
        foreach (var commune in communes.Where(c => find(c.Code) is null))
        {
            var decision = EstablishCommuneEndpoint.Decide(commune, find);
            if (decision is Decision.Rejected) return decision;
            events.AddRange(((Decision.Accepted)decision).Events);
        }
        return new Decision.Accepted(events);
    }

    /// <summary>The demo files ship inside the assembly, so the seed works from any working directory.</summary>
    public static string Resource(string file)
    {
        var assembly = typeof(DemoDirectorySeed).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Demo." + file, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
