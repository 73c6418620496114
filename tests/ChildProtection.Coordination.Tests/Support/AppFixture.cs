using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Alba;
using ChildProtection.Coordination.Auth;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Wolverine;
using Wolverine.Runtime;
namespace ChildProtection.Coordination.Tests.Support;

/// <summary>
/// One service host per test run against the real PostgreSQL that ops/test prepares
/// (ConnectionStrings__Marten), in a non-Development environment so the committed generated
/// Wolverine code is loaded statically: a stale or missing generated handler fails the run.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    /// <summary>Settings of this host. The plain fixture tests the steps alone, without the pathway appending hand-offs.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Pathway:Enabled"] = "false" };

    /// <summary>
    /// The integrators the tests act for, and their grants (Integration:Grants): the statistics office reads the whole
    /// country with identity, the police system the whole country without; the scoped ones are IntegratorGrantTests'.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> TestGrants = new Dictionary<string, string>
    {
        ["Integration:Grants:stats-office:National"] = "true",
        ["Integration:Grants:stats-office:Identity"] = "true",
        ["Integration:Grants:police-system:National"] = "true",
        // Scoped integrators (IntegratorGrantTests): one per province of the demo directory, and one granted a single type.
        ["Integration:Grants:quang-tri-partner:Provinces:0"] = "44",
        ["Integration:Grants:quang-tri-partner:Identity"] = "true",
        ["Integration:Grants:hai-phong-partner:Provinces:0"] = "31",
        ["Integration:Grants:dong-thuan-partner:Agencies:0"] = "ubnd-dong-thuan",
        ["Integration:Grants:verifications-only:National"] = "true",
        ["Integration:Grants:verifications-only:EventTypes:0"] = "vn.childprotection.case.verified.v1",
    };

    /// <summary>The tests' national inspectorate (not in the directory): its auditors hold national scope (<see cref="Scopes.AuditNational"/>).</summary>
    public const string NationalInspectorate = "inspectorate";

    public const string DefaultConnection = "Host=127.0.0.1;Port=55432;Database=childprotection_tests;Username=postgres";

    public static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(64);

    public static readonly byte[] MatchKey = RandomNumberGenerator.GetBytes(32);

    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>The key ring of this test database's runs when ops/test names none: beside the other temporary files, one per database.</summary>
    public static string DefaultKeyRing => Path.Combine(Path.GetTempPath(),
        $"cp-test-key-ring-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? DefaultConnection)))[..12]}.json");

    /// <summary>The host's key-encryption keys.</summary>
    public Coordination.Common.Keys.IKeyEncryptionKeys Keys => Host.Services.GetRequiredService<Coordination.Common.Keys.IKeyEncryptionKeys>();

    /// <summary>What the host logged, as its level rules let through.</summary>
    public LogCapture Logs { get; } = new();

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Marten")))
            Environment.SetEnvironmentVariable("ConnectionStrings__Marten", DefaultConnection);
        Environment.SetEnvironmentVariable("Auth__SigningKey", Convert.ToBase64String(SigningKey));
        Environment.SetEnvironmentVariable("Auth__SigningKeyFile", null);
        Environment.SetEnvironmentVariable("Auth__Authority", null);
        // Every host and service process of the run shares one key ring outside the database (ops/test names one under .data/).
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Keys__KeyRingFile")))
            Environment.SetEnvironmentVariable("Keys__KeyRingFile", DefaultKeyRing);
        // The match key (Cases/Matching) as a value, like the signing key: no file under the test's content root.
        Environment.SetEnvironmentVariable("Matching__Key", Convert.ToBase64String(MatchKey));

        await PrepareDatabaseAsync();
        Host = await AlbaHost.For<Program>(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            // One Warning line per refused body (Common/ClientErrors.cs); the tests send hundreds on purpose, so keep them off the console.
            b.UseSetting("Logging:Console:LogLevel:ChildProtection.Coordination.Common.ClientErrors", "Error");
            // The tests send hundreds of bad tokens on purpose; the throttle has its own test with its own host.
            b.UseSetting("Auth:FailureLimit", "1000000");
            // The tests' schemas keep their subscriptions from run to run (most are not dropped), and the webhook tests register
            // many for one integrator; the limit has its own test with its own host (SubscriptionLimitTests).
            b.UseSetting("Webhooks:MaxSubscriptionsPerAgency", "100000");
            foreach (var (key, value) in TestGrants) b.UseSetting(key, value);
            foreach (var (key, value) in Settings) b.UseSetting(key, value);
            b.ConfigureServices(s =>
            {
                s.RunWolverineInSoloMode();
                s.DisableAllExternalWolverineTransports();
                s.AddSingleton<ILoggerProvider>(Logs);
                Configure(s);
            });
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected virtual Task PrepareDatabaseAsync() => Task.CompletedTask;

    protected virtual void Configure(IServiceCollection services) { }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>A token as ops/token prints it: HS256, issuer cp-local, audience cp-api.</summary>
    public static string Token(string role, string agency = "agency-1", string? user = null, DateTime? expires = null, byte[]? key = null,
        string? scope = null)
    {
        user ??= $"user-{role}";
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.LocalIssuer,
            Audience = AuthOptions.LocalAudience,
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            NotBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            IssuedAt = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            Claims = new Dictionary<string, object> { ["sub"] = user, ["name"] = $"Name of {user}", ["agency"] = agency, ["role"] = role },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
        };
        if (scope is not null) descriptor.Claims["scope"] = scope;
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An HTTP client acting as <paramref name="role"/> of <paramref name="agency"/>; null role means anonymous.</summary>
    public HttpClient Client(string? role, string agency = "agency-1", string? user = null)
    {
        var client = Host.Server.CreateClient();
        if (role is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, agency, user,
                scope: role == Roles.Auditor && agency == NationalInspectorate ? Scopes.AuditNational : null));
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>A host with the pathway subscription running: hand-offs, inboxes and clocks.</summary>
public sealed class PathwayFixture : AppFixture
{
    public const string Schema = "cp_pathway";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "true",
        // Its own schema, dropped once before the host starts: resetting data under a running daemon
        // between tests would stall the pathway subscription, so these tests share one clean store and
        // tell their cases apart by id.
        ["Marten:Schema"] = Schema,
        // The demo directory (two provinces, an agency of every kind) is loaded again after every reset.
        ["Directory:SeedDemo"] = "true",
    };

    protected override Task PrepareDatabaseAsync() => TestDatabase.DropSchemaAsync(Schema);
}

[CollectionDefinition(Name)]
public sealed class PathwayCollection : ICollectionFixture<PathwayFixture>
{
    public const string Name = "pathway";
}

/// <summary>Base for tests of the pathway: one store with the demo directory for the whole collection.</summary>
[Collection(PathwayCollection.Name)]
public abstract class PathwayIntegrationContext(PathwayFixture app) : IAsyncLifetime
{
    protected PathwayFixture App { get; } = app;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Base for integration tests: a clean database before each test, with the demo directory unless told otherwise.</summary>
[Collection(AppCollection.Name)]
public abstract class IntegrationContext(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    /// <summary>
    /// Access depends on how the caller's agency stands to the case, so the agencies the tests act for must be in the
    /// directory: the demo directory (see <c>RoleAgencies.Of</c>). The directory's own tests start from an empty one.
    /// </summary>
    protected virtual bool DemoDirectory => true;

    public virtual async Task InitializeAsync()
    {
        await App.Host.ResetAllMartenDataAsync();
        // The match keys live in tables of their own (Cases/Matching/MatchKeyStorage), which Marten's reset leaves alone.
        await using (var session = App.Store.LightweightSession())
        {
            session.QueueSqlCommand($"truncate {Coordination.Cases.Matching.MatchKeyStorage.KeyTableOf(session)}, {Coordination.Cases.Matching.MatchKeyStorage.BlockTableOf(session)}");
            await session.SaveChangesAsync();
        }
        await App.Host.ClearAllWolverineStorageAsync();
        if (DemoDirectory) await Coordination.Agencies.DemoDirectorySeed.LoadAsync(App.Store);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
