using ChildProtection.Coordination.Common.Keys;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace ChildProtection.Coordination.Integration.Webhooks;

/// <summary>An integrator's webhook: where to send which public events, signed with which secret.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    /// <summary>The agency that registered it; its integrators see only their own agency's subscriptions.</summary>
    public string Agency { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>Public type names to send; empty means every type.</summary>
    public string[] EventTypes { get; set; } = [];
    /// <summary>
    /// Standard Webhooks secret (<c>whsec_</c> + base64), stored only wrapped by the key ring (<see cref="IKeyEncryptionKeys"/>,
    /// <c>kw:v1:…</c>; a secret stored in clear by an earlier version is wrapped at start-up). Never returned after creation.
    /// </summary>
    public string Secret { get; set; } = "";
    public bool Paused { get; set; }
    /// <summary>Why sending stopped when the service paused it (a receiver's 410 Gone); null when an integrator paused it.</summary>
    public string? PausedReason { get; set; }
    /// <summary>The secret before the last rotation: deliveries carry its signature too until <see cref="PreviousSecretUntil"/>.</summary>
    public string? PreviousSecret { get; set; }
    public DateTimeOffset? PreviousSecretUntil { get; set; }
    /// <summary>The receiver asked not to be called before this (<c>Retry-After</c>); no delivery of the subscription goes earlier.</summary>
    public DateTimeOffset? NotBefore { get; set; }
    /// <summary>
    /// Registered with a token granted <c>case:identity</c>: deliveries carry the child's identity where consent permits
    /// at the time of sending, as the feed does for such a reader (<see cref="IntegratorIdentity"/>).
    /// </summary>
    public bool IdentityScope { get; set; }
    /// <summary>
    /// Registered by an admin: no integrator's grant bounds it, it receives what the feed shows an admin. Every other
    /// subscription receives, at each fan-out and again at each send, only what its agency's grant reaches now.
    /// </summary>
    public bool AdminScope { get; set; }
    /// <summary>Events with a feed sequence after this are delivered; earlier ones only by a replay.</summary>
    public long StartsAfter { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public bool Wants(string type) => EventTypes.Length == 0 || EventTypes.Contains(type);

    /// <summary>What the subscription reaches now: everything for an admin's, its agency's grant (or nothing without one) otherwise.</summary>
    public FeedScope Scope(IntegrationOptions options) =>
        AdminScope ? FeedScope.Everything : options.GrantOf(Agency) is { } grant ? FeedScope.Of(grant) : FeedScope.Nothing;

    /// <summary>The secrets a delivery at <paramref name="now"/> is signed with: the current one, and the previous one during the overlap.</summary>
    public async Task<IReadOnlyList<string>> SigningSecretsAsync(IKeyEncryptionKeys keys, DateTimeOffset now, CancellationToken ct)
    {
        var secrets = new List<string> { await OpenAsync(keys, Secret, ct) };
        if (PreviousSecret is not null && PreviousSecretUntil > now) secrets.Add(await OpenAsync(keys, PreviousSecret, ct));
        return secrets;
    }

    /// <summary>What a wrapped secret of this subscription is bound to (the current and the previous secret alike, since rotation moves one to the other).</summary>
    public string KeyContext => $"webhook-secret:{Id:D}";

    /// <summary>A secret in the form to store: wrapped by the key ring.</summary>
    public async Task<string> WrapAsync(IKeyEncryptionKeys keys, string secret, CancellationToken ct) =>
        await keys.WrapAsync(System.Text.Encoding.UTF8.GetBytes(secret), KeyContext, ct);

    /// <summary>A stored secret opened: unwrapped, or as it is when stored in clear before wrapping existed.</summary>
    public async Task<string> OpenAsync(IKeyEncryptionKeys keys, string stored, CancellationToken ct) =>
        WrappedKey.IsWrapped(stored) ? System.Text.Encoding.UTF8.GetString(await keys.UnwrapAsync(stored, KeyContext, ct)) : stored;
}

/// <summary>Standard Webhooks secrets and signatures (https://www.standardwebhooks.com).</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinimumBytes = 24;

    /// <summary>What a well-formed secret is, for the 400 that refuses one.</summary>
    public static readonly string Expected =
        $"'secret' is '{Prefix}' followed by base64 of at least {MinimumBytes} random bytes; leave it out to have one generated.";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key bytes of a well-formed secret, or null.</summary>
    public static byte[]? Key(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var bytes = new byte[secret.Length];
        return Convert.TryFromBase64String(secret[Prefix.Length..], bytes, out var length) && length >= MinimumBytes ? bytes[..length] : null;
    }

    /// <summary><c>v1,</c> + base64 HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> keyed with the secret's decoded bytes.</summary>
    public static string Sign(byte[] key, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    /// <summary>The <c>webhook-signature</c> header: one signature per secret, space-separated, as Standard Webhooks allows during a rotation.</summary>
    public static string SignatureHeader(IEnumerable<string> secrets, string id, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(Key(s)!, id, timestamp, body)));
}

/// <summary>Webhook delivery settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Delay before the first retry; each further retry waits twice as long, up to <see cref="MaxDelay"/>, ±20 % jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// While a subscription fails, at least one of its deliveries is tried this often (the probe); the first that
    /// goes through sends every waiting case at once. So a receiver back from an outage gets its backlog within
    /// about this long, whatever the backoff of each case has grown to.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after its first attempt a delivery keeps being retried before it is dead-lettered.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "30.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a delivery waits at most when a receiver answers with <c>Retry-After</c>: the wait asked for is kept,
    /// up to this, so one receiver cannot park its queue for longer than the retry window allows.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After a secret rotation, how long deliveries carry the old secret's signature beside the new one's.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Networks (CIDR, e.g. <c>10.20.0.0/16</c>) a subscription may deliver into although they are private or reserved.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>Whether receivers on this machine's loopback may be registered (over plain http too). On by default for local receivers.</summary>
    public bool AllowLoopback { get; set; } = true;

    /// <summary>
    /// How many subscriptions one agency may hold, paused ones too (each keeps its queue filling). Every subscription
    /// multiplies the fan-out and the deliveries of each case event, so an integrator's registrations have a bound;
    /// a registration past it is a 409 <c>subscription-limit-reached</c>.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSubscriptionsPerAgency { get; set; } = 20;

    /// <summary>How long one POST to a receiver may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
