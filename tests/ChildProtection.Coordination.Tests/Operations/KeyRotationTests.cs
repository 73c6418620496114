using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Common.Keys;
using ChildProtection.Coordination.Integration.Webhooks;
using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Tests.Integration.Webhooks;
using ChildProtection.Coordination.Tests.Support;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>
/// A host with a key ring of its own, in a schema of its own: a rotation adds a key version to the ring, and on the ring the
/// other hosts of the run share it would add one more version on every run, for good.
/// </summary>
public sealed class KeyRotationHost : WebhookFixture
{
    public override string Schema => "cp_key_rotation";

    /// <summary>One per test database, beside the shared ring; begun afresh with the schema on every run.</summary>
    public static string Ring => DefaultKeyRing.Replace("cp-test-key-ring-", "cp-test-key-rotation-ring-");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings) { ["Keys:KeyRingFile"] = Ring };

    protected override Task PrepareDatabaseAsync()
    {
        // The schema is dropped below, so no stored key needs the ring's old versions.
        File.Delete(Ring);
        File.Delete(Ring + ".lock");
        return base.PrepareDatabaseAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class KeyRotationCollection : ICollectionFixture<KeyRotationHost>
{
    public const string Name = "key rotation";
}

/// <summary>
/// Case keys and webhook secrets are stored only wrapped by the key ring outside the database: a copy of the database alone
/// opens nothing; a rotation re-wraps every stored key while everything still reads; keys stored in clear by an earlier
/// version are wrapped; an erased case's key stays gone.
/// </summary>
[Collection(KeyRotationCollection.Name)]
public sealed class KeyRotationTests(KeyRotationHost app)
{
    [Fact]
    public void the_rotations_here_add_versions_to_a_ring_of_their_own_not_the_one_the_other_hosts_share()
    {
        var ring = ((LocalKeyRing)app.Keys).Path;
        ring.ShouldBe(KeyRotationHost.Ring);
        ring.ShouldNotBe(Environment.GetEnvironmentVariable("Keys__KeyRingFile"));
    }

    private const string Child = "Xuyenngoc Hathiq";
    private readonly CaseApi _api = new(app);

    private Task<Guid> Reported() => _api.Report(Bodies.Report(childName: Child));

    [Fact]
    public async Task a_copy_of_the_database_without_the_key_ring_opens_no_identity_and_no_webhook_secret()
    {
        var caseId = await Reported();
        var subscription = await app.Subscribe("https://stats.example.org/hooks");

        var (key, legacy) = await CaseKeyRow(caseId);
        key.ShouldNotBeNull().ShouldStartWith("kw:v1:");
        legacy.ShouldBeNull("no clear key is stored");
        var secret = (string?)await Scalar($"select data->>'secret' from {app.Schema}.mt_doc_webhooksubscription where id = @id", subscription.Id);
        secret.ShouldNotBeNull().ShouldStartWith("kw:v1:");
        (await Scalar($"select count(*) from {app.Schema}.mt_doc_webhooksubscription where data::text like @p", text: $"%{subscription.Secret[6..20]}%"))
            .ShouldBe(0L);

        // The same rows read by a service with another key ring (the copy restored elsewhere): nothing opens.
        var elsewhere = new LocalKeyRing(Options.Create(new KeyOptions { KeyRingFile = Path.Combine(Path.GetTempPath(), $"cp-other-ring-{Guid.NewGuid():N}.json") }),
            NullLogger<LocalKeyRing>.Instance);
        await using var session = app.Store.QuerySession();
        var summary = (await session.LoadAsync<CaseSummary>(caseId))!;
        var copy = await new IdentityVault(session, elsewhere).RevealAsync(summary, CancellationToken.None);
        copy.Child.Name.ShouldBe(IdentityVault.Unreadable);
        copy.Child.School.ShouldBe(IdentityVault.Unreadable);
        var stored = (await session.LoadAsync<WebhookSubscription>(subscription.Id))!;
        await Should.ThrowAsync<KeyUnavailableException>(() => stored.OpenAsync(elsewhere, stored.Secret, CancellationToken.None));
        File.Delete(elsewhere.Path);

        // With the service's ring, everything opens.
        (await Case(caseId)).ShouldContain(Child);
        (await stored.OpenAsync(app.Keys, stored.Secret, CancellationToken.None)).ShouldBe(subscription.Secret);
    }

    [Fact]
    public async Task keys_stored_in_clear_are_wrapped_and_a_rotation_rewraps_every_key_under_a_new_version_while_everything_reads_and_erasure_holds()
    {
        var wrapped = await Reported();
        var clear = await Reported();
        var erased = await Reported();
        await _api.Step(Roles.Admin, $"/api/cases/{erased}/erasure", Bodies.Erase());
        var subscription = await app.Subscribe("https://stats.example.org/hooks");
        var legacySubscription = await app.Subscribe("https://stats.example.org/hooks");

        // As a version before wrapping stored them: the case's key and the secret in clear.
        var (clearWrapped, _) = await CaseKeyRow(clear);
        var clearKey = await app.Keys.UnwrapAsync(clearWrapped!, CaseKey.Context(clear), CancellationToken.None);
        await Execute($"update {app.Schema}.mt_doc_casekey set data = (data - 'wrapped') || jsonb_build_object('key', @p::text) where id = @id", clear,
            Convert.ToBase64String(clearKey));
        await Execute($"update {app.Schema}.mt_doc_webhooksubscription set data = jsonb_set(data, '{{secret}}', to_jsonb(@p::text)) where id = @id",
            legacySubscription.Id, legacySubscription.Secret);
        (await Case(clear)).ShouldContain(Child, customMessage: "a clear key from before still reads");

        // What every node does at start-up: wrap what is in clear, and nothing else.
        var started = await KeyRotation.RewrapAsync(app.Store, app.Keys, 2, onlyClear: true, CancellationToken.None);
        started.CaseKeys.ShouldBeGreaterThanOrEqualTo(1);
        (await CaseKeyRow(clear)).ShouldSatisfyAllConditions(r => r.Wrapped.ShouldNotBeNull().ShouldStartWith("kw:v1:"), r => r.Legacy.ShouldBeNull());
        (await Secret(legacySubscription.Id)).ShouldStartWith("kw:v1:");

        var rotated = await RotateKeysCommand.RotateAsync(app.Store, app.Keys, batchSize: 2, addVersion: true, CancellationToken.None);

        rotated.Version.ShouldNotBeNull();
        rotated.Unopenable.ShouldBe(0);
        foreach (var caseId in new[] { wrapped, clear })
        {
            WrappedKey.VersionOf((await CaseKeyRow(caseId)).Wrapped!).ShouldBe(rotated.Version);
            (await Case(caseId)).ShouldContain(Child);
        }
        foreach (var s in new[] { subscription, legacySubscription })
        {
            var stored = await Secret(s.Id);
            WrappedKey.VersionOf(stored).ShouldBe(rotated.Version);
            (await new WebhookSubscription { Id = s.Id }.OpenAsync(app.Keys, stored, CancellationToken.None)).ShouldBe(s.Secret);
        }
        (await CaseKeyRow(erased)).Wrapped.ShouldBeNull("an erased case's key is not brought back");
        (await Case(erased)).ShouldNotContain(Child);

        // New cases are sealed under the new version, and a second run finds nothing left to do.
        WrappedKey.VersionOf((await CaseKeyRow(await Reported())).Wrapped!).ShouldBe(rotated.Version);
        var again = await RotateKeysCommand.RotateAsync(app.Store, app.Keys, 50, addVersion: false, CancellationToken.None);
        (again.CaseKeys, again.WebhookSecrets).ShouldBe((0, 0));
    }

    private async Task<string> Case(Guid caseId) =>
        (await (await _api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK)).GetRawText();

    private async Task<(string? Wrapped, string? Legacy)> CaseKeyRow(Guid caseId) =>
        ((string?)await Scalar($"select data->>'wrapped' from {app.Schema}.mt_doc_casekey where id = @id", caseId),
         (string?)await Scalar($"select data->>'key' from {app.Schema}.mt_doc_casekey where id = @id", caseId));

    private async Task<string> Secret(Guid subscriptionId) =>
        (string)(await Scalar($"select data->>'secret' from {app.Schema}.mt_doc_webhooksubscription where id = @id", subscriptionId))!;

    private static async Task<object?> Scalar(string sql, Guid? id = null, string? text = null)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is { } i) command.Parameters.AddWithValue("id", i);
        if (text is not null) command.Parameters.AddWithValue("p", text);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private static async Task Execute(string sql, Guid id, string text)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("p", text);
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }
}
