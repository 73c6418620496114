using ChildProtection.Coordination.Auth;

namespace ChildProtection.Coordination.Cases.Access;

/// <summary>
/// Records reads of cases that pass no case gate: an integrator receiving the child's identity on the feed or a webhook.
/// The access log itself lives in <c>Audit</c>; the features below it that release identity record through this.
/// </summary>
public interface ICaseReadLog
{
    /// <summary>
    /// Records, in one transaction and before the data leaves, that <paramref name="actor"/> received <paramref name="fields"/> of
    /// each of <paramref name="caseIds"/>, by <paramref name="read"/> (<c>feed</c> or <c>webhook</c>), for <paramref name="purpose"/>,
    /// in the request or delivery <paramref name="correlationId"/>.
    /// </summary>
    Task RecordAsync(IReadOnlyCollection<Guid> caseIds, string read, Actor actor, string purpose, IReadOnlyList<string> fields, string? correlationId,
        CancellationToken ct);
}
