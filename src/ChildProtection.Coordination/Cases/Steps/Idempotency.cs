using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
using Marten;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Cases.Steps;

/// <summary>The first successful answer to an <c>Idempotency-Key</c>, stored in the same transaction as its events.</summary>
public sealed class IdempotencyRecord
{
    public string Id { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int Status { get; set; }
    public Guid CaseId { get; set; }
    public long Version { get; set; }
    public Guid? ResourceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// An <c>Idempotency-Key</c> is scoped to the caller and the route: the same key with the same body
/// answers with the first result and appends nothing; with a different body it is a 422.
/// </summary>
public sealed record IdempotencyKey(string Id, string RequestHash)
{
    public const string Header = "Idempotency-Key";

    /// <summary>Null when the request carries no key; a problem when the key is malformed.</summary>
    public static (IdempotencyKey? Key, IResult? Problem) From<TCommand>(HttpContext http, Actor actor, TCommand command)
    {
        if (!http.Request.Headers.TryGetValue(Header, out var values)) return (null, null);
        var key = values.ToString();
        if (key.Length is 0 or > 200 || key.Any(char.IsControl))
            return (null, Problems.Invalid(http, Header, "The Idempotency-Key header must be 1–200 printable characters."));

        var scope = $"{actor.UserId}\n{http.Request.Method}\n{http.Request.Path}\n{key}";
        var body = JsonSerializer.SerializeToUtf8Bytes(command, CaseJson.Options);
        return (new IdempotencyKey(Hash(Encoding.UTF8.GetBytes(scope)), Hash(body)), null);
    }

    /// <summary>The earlier answer to replay, a 422 if the key was used with another body, or null to proceed.</summary>
    public async Task<IResult?> ReplayAsync(IQuerySession session, HttpContext http, CancellationToken ct) =>
        Replay(await session.LoadAsync<IdempotencyRecord>(Id, ct), http);

    /// <summary>As <see cref="ReplayAsync"/>, on the record under this key already read (null: none).</summary>
    public IResult? Replay(IdempotencyRecord? earlier, HttpContext http)
    {
        if (earlier is null) return null;
        if (earlier.RequestHash != RequestHash)
            return Problems.Create(http, ProblemKinds.IdempotencyKeyReused, "Idempotency-Key reused",
                "This Idempotency-Key was already used with a different request body.", Header);
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return CaseResponses.Accepted(http, earlier.Status, earlier.CaseId, earlier.Version, earlier.ResourceId);
    }

    public IdempotencyRecord Record(int status, Guid caseId, long version, Guid? resourceId, DateTimeOffset now) => new()
    {
        Id = Id, RequestHash = RequestHash, Status = status, CaseId = caseId, Version = version,
        ResourceId = resourceId, CreatedAt = now,
    };

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
