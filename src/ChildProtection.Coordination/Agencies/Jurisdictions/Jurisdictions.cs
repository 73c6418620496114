using ChildProtection.Coordination.LegalTime;
using Marten;

namespace ChildProtection.Coordination.Agencies;

/// <summary>
/// Which commune answers, on a given day, for a unit named by a code: the unit itself while it is in
/// force, else its successor after a merger, followed as far as it goes. Days are Vietnam calendar days.
/// </summary>
public static class Jurisdictions
{
    /// <summary>A guard against a corrupted successor chain; real chains are one or two hops long.</summary>
    public const int MaxHops = 32;

    /// <summary>
    /// The commune responsible on <paramref name="on"/> for the unit named <paramref name="code"/>, or null when
    /// the code is unknown, the unit did not exist yet on that day (a commune created by a merger does not
    /// answer for the days before it), or it was dissolved without a successor.
    /// </summary>
    public static Commune? Resolve(Func<string, Commune?> find, string code, DateOnly on)
    {
        var current = find(code);
        for (var hop = 0; current is not null && hop < MaxHops; hop++)
        {
            var (responsible, next) = Step(current, on);
            if (next is null) return responsible;
            current = find(next);
        }
        return null;
    }

    public static Commune? Resolve(IReadOnlyDictionary<string, Commune> communes, string code, DateOnly on) =>
        Resolve(c => communes.GetValueOrDefault(c), code, on);

    public static Commune? Resolve(IReadOnlyDictionary<string, Commune> communes, string code, DateTimeOffset at) =>
        Resolve(communes, code, VietnamTime.DateOf(at));

    /// <summary><see cref="Resolve(Func{string, Commune?}, string, DateOnly)"/> against the stored communes.</summary>
    public static Task<Commune?> ResolveAsync(IQuerySession session, string code, DateOnly on, CancellationToken ct = default) =>
        ResolveAsync(session, code, on, null, ct);

    /// <param name="known">Communes already read (a step reads those around the case's owner with the case); any other is read here.</param>
    public static async Task<Commune?> ResolveAsync(IQuerySession session, string code, DateOnly on, IReadOnlyDictionary<string, Commune>? known,
        CancellationToken ct)
    {
        var current = await LoadAsync(session, code, known, ct);
        for (var hop = 0; current is not null && hop < MaxHops; hop++)
        {
            var (responsible, next) = Step(current, on);
            if (next is null) return responsible;
            current = await LoadAsync(session, next, known, ct);
        }
        return null;
    }

    /// <summary>
    /// <see cref="ResolveAllAsync(IQuerySession, IEnumerable{string?}, DateOnly, CancellationToken)"/> for a request's command:
    /// the communes answering today, read before the decision (which stays a pure function of what was read).
    /// </summary>
    public static Task<IReadOnlyDictionary<string, Commune>> ResolveAllTodayAsync(IQuerySession session, HttpContext http, params string?[] codes) =>
        ResolveAllAsync(session, codes, VietnamTime.DateOf(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()), http.RequestAborted);

    /// <summary>
    /// The commune answering on <paramref name="on"/> for each of <paramref name="codes"/> (trimmed) that some commune answers
    /// for, keyed by the trimmed code; the communes are read together, and a string that is no code is not looked up.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, Commune>> ResolveAllAsync(IQuerySession session, IEnumerable<string?> codes, DateOnly on,
        CancellationToken ct)
    {
        var wanted = codes.Select(c => c?.Trim()).Where(IsValidCode).OfType<string>().Distinct().ToArray();
        var answers = new Dictionary<string, Commune>(StringComparer.Ordinal);
        if (wanted.Length == 0) return answers;
        var known = (await session.LoadManyAsync<Commune>(ct, wanted)).ToDictionary(c => c.Code);
        foreach (var code in wanted)
            if (await ResolveAsync(session, code, on, known, ct) is { } responsible) answers[code] = responsible;
        return answers;
    }

    private static async Task<Commune?> LoadAsync(IQuerySession session, string code, IReadOnlyDictionary<string, Commune>? known, CancellationToken ct) =>
        known is not null && known.TryGetValue(code, out var commune) ? commune : await session.LoadAsync<Commune>(code, ct);

    /// <summary>The codes of every commune merged into <paramref name="commune"/>, directly or through earlier mergers.</summary>
    public static Task<IReadOnlySet<string>> AbsorbedAsync(IQuerySession session, Commune commune, CancellationToken ct = default) =>
        AbsorbedAsync(session, commune, null, ct);

    /// <param name="known">Communes already read; only the others are read here.</param>
    public static async Task<IReadOnlySet<string>> AbsorbedAsync(IQuerySession session, Commune commune, IReadOnlyDictionary<string, Commune>? known,
        CancellationToken ct)
    {
        var absorbed = new HashSet<string>(StringComparer.Ordinal);
        var next = commune.PredecessorCodes.ToArray();
        for (var hop = 0; next.Length > 0 && hop < MaxHops; hop++)
        {
            var fresh = next.Where(absorbed.Add).ToArray();
            if (fresh.Length == 0) break;
            var found = fresh.Select(c => known?.GetValueOrDefault(c)).OfType<Commune>().ToList();
            var missing = fresh.Where(c => known is null || !known.ContainsKey(c)).ToArray();
            if (missing.Length > 0) found.AddRange(await session.LoadManyAsync<Commune>(ct, missing));
            next = found.SelectMany(c => c.PredecessorCodes).ToArray();
        }
        absorbed.Remove(commune.Code);
        return absorbed;
    }

    /// <summary>One step of the walk: this commune answers, or the walk goes on to its successor, or nobody answers.</summary>
    public static (Commune? Responsible, string? Next) Step(Commune commune, DateOnly on)
    {
        if (on < commune.ActiveFrom) return (null, null);
        if (commune.IsActiveOn(on)) return (commune, null);
        return (null, commune.SuccessorCode);
    }

    /// <summary>Codes of communes and agencies: lower-case letters and digits in hyphenated words ("19732", "dong-hoi-ward").</summary>
    public static bool IsValidCode(string? code) =>
        code is { Length: > 0 and <= 64 } && code.Split('-').All(part => part.Length > 0 && part.All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9'));
}
