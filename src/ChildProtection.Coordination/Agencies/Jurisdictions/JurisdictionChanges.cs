using ChildProtection.Coordination.Auth;
using Marten;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Agencies;

/// <summary>
/// How every change to the administrative map is made: fetch the jurisdictions stream for writing
/// (its version guards the whole map), load the communes the change names, decide purely, append.
/// </summary>
public static class JurisdictionChanges
{
    /// <summary>Decides and appends; the caller stamps and saves. Returns the decision.</summary>
    public static async Task<Decision> DecideAsync(IDocumentSession session, IEnumerable<string?> codes,
        Func<Func<string, Commune?>, Decision> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<JurisdictionLedger>(DirectoryStreams.Jurisdictions, ct);
        var wanted = codes.OfType<string>().Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToArray();
        var known = wanted.Length == 0
            ? new Dictionary<string, Commune>()
            : (await session.LoadManyAsync<Commune>(ct, wanted)).ToDictionary(c => c.Code);
        var decision = decide(code => known.GetValueOrDefault(code));
        if (decision is Decision.Accepted { Events.Count: > 0 } accepted) stream.AppendMany(accepted.Events.ToArray());
        return decision;
    }

    /// <summary>The whole HTTP round: administrator only, a body, decide, stamp, save; null when all went well.</summary>
    public static async Task<IResult?> ApplyAsync(IDocumentSession session, HttpContext http, object? command,
        IEnumerable<string?> codes, Func<Func<string, Commune?>, Decision> decide)
    {
        var (admin, refused) = DirectoryWrites.Admin(http);
        if (refused is not null) return refused;
        if (command is null) return Problems.Invalid(http, "body", "A JSON request body is required.");

        EventHeaders.Stamp(session, http, admin!);
        var decision = await DecideAsync(session, codes, decide, http.RequestAborted);
        if (decision is Decision.Rejected rejected) return Problems.From(rejected, http);
        return await DirectoryWrites.SaveAsync(session, http);
    }

    public static Decision Conflict(ProblemKind kind, string detail, string? field = null) => new Decision.Rejected(kind, "Conflict with the directory", detail, field);

    public static Decision? Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Decision.Invalid(field, $"'{field}' is required.") : null;

    public static Decision? Code(string? value, string field) => Jurisdictions.IsValidCode(value?.Trim()) ? null
        : Decision.Invalid(field, $"'{field}' must be a code of lower-case letters and digits in hyphenated words, at most 64 characters (e.g. \"19732\" or \"dong-hoi-ward\").");

    public static Decision? Province(string? value, string field) => Provinces.IsKnown(value) ? null
        : Decision.Invalid(field, $"Unknown province '{value}': '{field}' is one of the 34 official codes that GET /api/provinces lists.");

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
