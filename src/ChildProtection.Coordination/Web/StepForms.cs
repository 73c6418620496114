using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.LegalTime;
using Marten;

namespace ChildProtection.Coordination.Web;

/// <summary>How a form input is shown and what JSON it becomes.</summary>
public enum InputKind
{
    /// <summary>One line of text; a string.</summary>
    Text,
    /// <summary>Several lines; a string.</summary>
    LongText,
    /// <summary>Several lines; an array of strings, one a line.</summary>
    Lines,
    /// <summary>A checkbox; true or false.</summary>
    Check,
    /// <summary>One of <see cref="Input.Choices"/>; a string.</summary>
    Choice,
    /// <summary>Any of <see cref="Input.Choices"/>; an array of strings.</summary>
    Choices,
    /// <summary>A day (yyyy-MM-dd).</summary>
    Date,
    /// <summary>A moment in Vietnam time (datetime-local); an instant with +07:00.</summary>
    Moment,
    /// <summary>A number of minutes; a duration (hh:mm:ss).</summary>
    Minutes,
    /// <summary>A whole number from 0 (an age in years); a number.</summary>
    Number,
}

/// <summary>
/// One input of a step form, named as the API's JSON names the field (<c>risk.overall</c>, <c>services[1].dueDate</c>), so the
/// field a refusal names is the input it stands beside. <paramref name="Words"/> is the enum whose words label the choices.
/// </summary>
public sealed record Input(string Name, InputKind Kind, string Label, bool Optional = false, IReadOnlyList<string>? Choices = null, string? Words = null, bool Checked = false)
{
    public static Input Choice<TEnum>(string name, string label, bool optional = false) where TEnum : struct, Enum =>
        new(name, InputKind.Choice, label, optional, Enum.GetNames<TEnum>(), typeof(TEnum).Name);

    public static Input Multi<TEnum>(string name, string label, IEnumerable<TEnum>? only = null) where TEnum : struct, Enum =>
        new(name, InputKind.Choices, label, false, (only ?? Enum.GetValues<TEnum>()).Select(v => v.ToString()).ToArray(), typeof(TEnum).Name);
}

/// <summary>Where a form applies now: what it acts on (an order, an examination, a consent; null for the case), and whether it is due work.</summary>
public sealed record Target(Guid? Id, string? Label, bool Due)
{
    /// <summary>The id of a target that is a value, not a record with an id (a group of Law Art. 10): the same value, the same id.</summary>
    public static Guid Keyed(string value) => new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}

/// <summary>
/// What a form's targets are read from: the case as stored, the case as the caller may see it (the API's view, sealed
/// values opened), who is asking, the possible duplicates the caller may know of (null when the role finds none), and the
/// write model the API decides on (<see cref="Cases.Case"/>: a form whose condition is a step's own precondition reads it), and
/// an agency's name in the reader's language by its id (a target's label names agencies as people know them).
/// </summary>
public sealed record FormScope(CaseSummary Summary, JsonObject View, Actor Actor, Cases.Matching.PossibleDuplicates? Duplicates = null,
    Cases.Case? Written = null, Func<string, string>? AgencyName = null)
{
    public string NameOf(string agency) => AgencyName?.Invoke(agency) ?? agency;
}

/// <summary>What a step form sends: the case, the target, the form's fields as the API's JSON body, and the request.</summary>
public sealed record StepCall(Guid CaseId, Guid? TargetId, JsonObject Body, IDocumentSession Session, HttpContext Http)
{
    /// <summary>The body read as the API reads it (the same JSON options and converters): a wrong value is a <see cref="JsonException"/>.</summary>
    public T Command<T>() => Body.Deserialize<T>(CaseJson.Options) ?? throw new JsonException("A body is required.");

    public Guid Target => TargetId ?? Guid.Empty;
}

/// <summary>
/// A step form: the action the permission matrix knows it by, its inputs, where it applies on the case now (read from the
/// case summary: open work, orders in force, consents not withdrawn), and the endpoint method it calls. The page never
/// decides: it shows a form where the matrix allows the caller and the case has something for it, and the endpoint's own
/// gate and decision answer.
/// </summary>
public sealed record StepForm(string Name, CaseAction Action, IReadOnlyList<Input> Inputs,
    Func<FormScope, IEnumerable<Target>> Targets, Func<StepCall, Task<IResult>> Send)
{
    /// <summary>Rows of a repeated group (the plan's services): the inputs named <c>prefix[0].x</c> are shown this many times.</summary>
    public int Rows { get; init; } = 1;

    /// <summary>The words above each row of the repeated group after the first (<c>{0}</c> is the row's number).</summary>
    public string RowCaption { get; init; } = "field.anotherService";

    /// <summary>Whether <paramref name="input"/> opens its row of the repeated group (the caption goes above it).</summary>
    public bool StartsRow(Input input, int row) =>
        row > 0 && Inputs.FirstOrDefault(i => i.Name.Contains("[0]", StringComparison.Ordinal)) is { } first
        && first.Name.Replace("[0]", $"[{row}]", StringComparison.Ordinal) == input.Name;

    /// <summary>The inputs of the form with a repeated group unrolled: <c>services[0].kind</c>, <c>services[1].kind</c>, …</summary>
    public IEnumerable<(Input Input, int Row)> Unrolled() =>
        Inputs.SelectMany(i => i.Name.Contains("[0]", StringComparison.Ordinal)
            ? Enumerable.Range(0, Rows).Select(r => (i with { Name = i.Name.Replace("[0]", $"[{r}]", StringComparison.Ordinal) }, r))
            : [(i, -1)]);

    /// <summary>An id for an input, unique on the page: <c>DraftPlan-services-1-dueDate</c>.</summary>
    public static string Id(string form, string field, Guid? target = null) =>
        $"{form}{(target is { } t ? "-" + t.ToString("N")[..8] : "")}-{field.Replace("[", "-").Replace("]", "").Replace(".", "-")}";
}

/// <summary>Reads a posted form into the JSON body the API would get, input by input.</summary>
public static partial class FormBody
{
    /// <summary>The body, or the input whose value cannot be a value of its kind and why.</summary>
    public static (JsonObject? Body, string? Field, string? Detail) Read(StepForm form, IFormCollection posted)
    {
        var body = new JsonObject();
        var rows = Enumerable.Range(0, form.Rows).Where(r => RowFilled(form, posted, r)).DefaultIfEmpty(0).Max();
        foreach (var (input, row) in form.Unrolled())
        {
            if (row > rows) continue;
            var raw = posted[input.Name].ToString().Trim();
            JsonNode? value;
            switch (input.Kind)
            {
                case InputKind.Check:
                    value = posted[input.Name].Any(v => v == "true");
                    break;
                case InputKind.Lines:
                    value = new JsonArray(raw.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonNode)l).ToArray());
                    break;
                case InputKind.Choices:
                    value = new JsonArray(posted[input.Name].Where(v => !string.IsNullOrEmpty(v)).Select(v => (JsonNode)v!).ToArray());
                    break;
                case InputKind.Date when raw.Length > 0:
                    var (day, notDay) = Day(input.Name, raw);
                    if (day is null) return (null, input.Name, notDay);
                    value = raw;
                    break;
                case InputKind.Moment when raw.Length > 0:
                    var (moment, notMoment) = Moment(input.Name, raw);
                    if (moment is not { } at) return (null, input.Name, notMoment);
                    value = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
                    break;
                case InputKind.Minutes when raw.Length > 0:
                    if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes > 24 * 60)
                        return (null, input.Name, $"'{input.Name}' is a number of minutes, at most a day.");
                    value = TimeSpan.FromMinutes(minutes).ToString("c", CultureInfo.InvariantCulture);
                    break;
                case InputKind.Number when raw.Length > 0:
                    if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                        return (null, input.Name, $"'{input.Name}' is a whole number, e.g. 9.");
                    value = number;
                    break;
                case InputKind.Date or InputKind.Moment or InputKind.Minutes or InputKind.Number:
                    if (!input.Optional) return (null, input.Name, $"'{input.Name}' is required.");
                    value = null;
                    break;
                default:
                    // Text the API requires goes as written (empty too: the API names the field); optional text that is empty is absent.
                    value = raw.Length == 0 && input.Optional ? null : posted[input.Name].ToString();
                    break;
            }
            if (value is not null) Set(body, input.Name, value);
        }
        return (body, null, null);
    }

    /// <summary>A day input's value (<c>yyyy-MM-dd</c>), or why it is none: not a date, or outside the dates the service accepts.</summary>
    public static (DateOnly? Day, string? Detail) Day(string field, string raw) =>
        !DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? (null, $"'{field}' is a date, e.g. 2026-12-31.")
        : !AcceptedDates.Contains(day) ? (null, AcceptedDates.Rule(field))
        : (day, null);

    /// <summary>
    /// A datetime-local value (Vietnam time, no offset) as the instant it names, or why it is none: not a date and time, or
    /// outside the dates the service accepts — checked before the offset is applied, since a moment before 0001-01-01T07:00
    /// has no instant at +07:00 and <see cref="DateTimeOffset"/>'s constructor throws on it.
    /// </summary>
    public static (DateTimeOffset? Moment, string? Detail) Moment(string field, string raw)
    {
        if (!DateTime.TryParseExact(raw, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return (null, $"'{field}' is a date and time, e.g. 2026-12-31T14:30.");
        if (!AcceptedDates.Contains(local)) return (null, AcceptedDates.Rule(field));
        // The API's reader holds the UTC day to the range too (1900-01-01T06:59 here is 1899 in UTC).
        var at = new DateTimeOffset(local, VietnamTime.Offset);
        return AcceptedDates.Contains(at) ? (at, null) : (null, AcceptedDates.Rule(field));
    }

    /// <summary>
    /// One of <typeparamref name="TEnum"/>'s names as the API's JSON reader takes it (<see cref="StrictEnumConverter"/>: a
    /// name in any case; no number, no list of names), or null: a value the form did not offer is refused, never dropped.
    /// </summary>
    public static TEnum? Named<TEnum>(string? raw) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => (TEnum?)v).FirstOrDefault(v => string.Equals(v.ToString(), raw, StringComparison.OrdinalIgnoreCase));

    /// <summary>A repeated row counts when any of its text, date or minutes inputs holds something; the first always counts.</summary>
    private static bool RowFilled(StepForm form, IFormCollection posted, int row) =>
        form.Unrolled().Any(x => x.Row == row && x.Input.Kind is InputKind.Text or InputKind.LongText or InputKind.Date or InputKind.Moment or InputKind.Minutes or InputKind.Number
                                 && posted[x.Input.Name].ToString().Trim().Length > 0);

    /// <summary>Sets <paramref name="path"/> (<c>a</c>, <c>a.b</c>, <c>a[1].b</c>) in <paramref name="body"/>.</summary>
    private static void Set(JsonObject body, string path, JsonNode value)
    {
        JsonNode parent = body;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var m = Part().Match(parts[i]);
            var name = m.Groups[1].Value;
            var last = i == parts.Length - 1;
            var obj = (JsonObject)parent;
            if (!m.Groups[2].Success)
            {
                if (last) { obj[name] = value; return; }
                parent = obj[name] ??= new JsonObject();
                continue;
            }
            var index = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var array = (JsonArray)(obj[name] ??= new JsonArray());
            while (array.Count <= index) array.Add(new JsonObject());
            if (last) { array[index] = value; return; }
            parent = array[index]!;
        }
    }

    [GeneratedRegex(@"^([A-Za-z]+)(?:\[(\d+)\])?$")]
    private static partial Regex Part();

    /// <summary>
    /// The field a JSON reader's refusal points at: <c>$.risk.overall</c> → <c>risk.overall</c>; an item of a list the form
    /// sends from one input (<c>$.recipientKinds[1]</c>) is that input's (<c>recipientKinds</c>), so the refusal stands beside it.
    /// </summary>
    public static string FieldOf(JsonException e) => e.Path is { Length: > 1 } p ? Item().Replace(p.TrimStart('$').TrimStart('.'), "") : "body";

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex Item();
}
