using System.Text.RegularExpressions;

namespace ChildProtection.Coordination.Common;

/// <summary>
/// What the service says about a request body it cannot read, whatever the route: the problem Wolverine writes when
/// binding the body fails (title "Invalid JSON format", type httpstatuses.com, the serializer's message as the detail —
/// which names the service's own types, e.g. <c>…Cases.Matching.LinkCases</c>) becomes an <c>invalid-input</c> problem
/// whose detail the service words itself, from the parts of the message it can trust: the member's JSON path, the
/// missing members' names, the line and position. Nothing of the serializer's sentence is repeated, so no type name and
/// no text of the body reaches the answer or the log. <see cref="ClientErrors.Customize"/> applies it, one place for every
/// route.
/// </summary>
public static partial class UnreadableBody
{
    /// <summary>The titles of Wolverine.Http's own answers to a body it could not bind.</summary>
    public static bool IsWolverines(string? title) =>
        title is "Invalid JSON format" or "Request body could not be read" or "Request body could not be deserialized";

    /// <summary>The field at fault (<c>body</c> when it is the body as a whole) and the detail to answer with.</summary>
    /// <param name="message">The serializer's message, as Wolverine put it in the detail.</param>
    /// <param name="line">The line (0-based, as the serializer counts) where reading stopped, if known.</param>
    /// <param name="position">The byte in that line (0-based), if known.</param>
    public static (string Field, string Detail) Describe(string? message, long? line, long? position)
    {
        message ??= "";
        var path = PathOf().Match(message) is { Success: true } p ? p.Groups[1].Value : null;
        var field = string.IsNullOrEmpty(path) ? null : path;
        string Under(string name) => field is null ? name : $"{field}.{name}";

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = QuotedName().Matches(missing.Groups[1].Value).Select(m => Under(m.Groups[1].Value)).ToList();
            if (names.Count > 0)
                return (names[0], names.Count == 1 ? $"'{names[0]}' is required." : $"'{names[0]}' is required (and {string.Join(", ", names.Skip(1).Select(n => $"'{n}'"))}).");
        }
        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var name = Under(unmapped.Groups[1].Value);
            return (name, $"'{name}' is not a member of this request's body.");
        }
        if (field is not null && NullRefused().IsMatch(message))
            return (field, $"'{field}' may not be null.");
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
            return field is null
                ? ("body", "The body must be a JSON object holding this request's members.")
                : (field, $"'{field}' holds no value this member takes: the wrong JSON kind, an unknown name, a number or date out of range, " +
                          $"or text with control characters or over {SafeStringConverter.MaxLength:N0} characters.");
        var where = line is { } l ? $" at line {l + 1}" + (position is { } b ? $", byte {b + 1}" : "") : "";
        return (field ?? "body", message.Length == 0 && line is null
            ? "The request body could not be read."
            : $"The body is not valid JSON{where}{(field is null ? "" : $" (in '{field}')")}.");
    }

    // "Path: $.incident.harmForms[0] | LineNumber: 0 | BytePositionInLine: 57." — the member, without the "$." root.
    [GeneratedRegex(@"Path: \$\.?([A-Za-z0-9_.\[\]]*)")]
    private static partial Regex PathOf();

    // "JSON deserialization for type 'X' was missing required properties including: 'a', 'b'."
    [GeneratedRegex(@"missing required properties,? including:? (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"'([A-Za-z0-9_]+)'")]
    private static partial Regex QuotedName();

    // "The JSON property 'x' could not be mapped to any .NET member contained in type 'X'."
    [GeneratedRegex(@"^The JSON property '([A-Za-z0-9_]+)' could not be mapped")]
    private static partial Regex Unmapped();

    // "The property or field 'x' on type 'X' doesn't allow setting null values." / "The constructor parameter 'x' … doesn't allow null values."
    [GeneratedRegex(@"doesn't allow (setting )?null values")]
    private static partial Regex NullRefused();
}
