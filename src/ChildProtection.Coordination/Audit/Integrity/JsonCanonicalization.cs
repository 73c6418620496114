using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChildProtection.Coordination.Audit.Integrity;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: no whitespace; object members sorted by their names' UTF-16 code units;
/// strings with only <c>"</c>, <c>\</c> and U+0000–U+001F escaped (the short forms where JSON has them, else
/// <c>\u00xx</c> in lower case) and every other character as itself, U+2028 and emoji included; numbers as
/// ECMAScript's <c>Number.prototype.toString</c> writes the IEEE 754 double. The output is hashed as UTF-8.
/// JavaScript's <c>JSON.stringify</c> over key-sorted objects gives the same text (ops/verify-export relies on it).
/// </summary>
public static class JsonCanonicalization
{
    public static string Serialize(JsonNode? node) => Sorted(node, String, Value);

    /// <summary>
    /// Members sorted by their names' UTF-16 code units at every depth, arrays in order, no whitespace; names and
    /// values written by <paramref name="name"/> and <paramref name="value"/>. RFC 8785 is one such writer; the
    /// case chain's version 1 form (<see cref="CaseChain"/>) is another.
    /// </summary>
    public static string Sorted(JsonNode? node, Action<string, StringBuilder> name, Action<JsonValue, StringBuilder> value)
    {
        var text = new StringBuilder();
        Write(node, text, name, value);
        return text.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder text, Action<string, StringBuilder> name, Action<JsonValue, StringBuilder> value)
    {
        switch (node)
        {
            case null: text.Append("null"); break;
            case JsonObject o:
                text.Append('{');
                var first = true;
                foreach (var (key, member) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    name(key, text);
                    text.Append(':');
                    Write(member, text, name, value);
                }
                text.Append('}');
                break;
            case JsonArray a:
                text.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Write(a[i], text, name, value);
                }
                text.Append(']');
                break;
            case JsonValue v: value(v, text); break;
        }
    }

    private static void Value(JsonValue v, StringBuilder text)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.String: String(v.GetValue<string>(), text); break;
            // Through the number's JSON text: a value built from a long or a decimal has no double to hand out.
            case JsonValueKind.Number: text.Append(Number(double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture))); break;
            case JsonValueKind.True: text.Append("true"); break;
            case JsonValueKind.False: text.Append("false"); break;
            default: text.Append("null"); break;
        }
    }

    private static void String(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }

    /// <summary>ECMAScript's Number::toString(10) for a finite double: the shortest digits that round-trip, placed by its rules.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "JSON has no NaN or Infinity.");
        if (value == 0) return "0";
        var negative = value < 0;
        // "R" gives the shortest round-trip digits, as ECMAScript requires; only their placement differs.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(['E', 'e']);
        var exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa[..point] + mantissa[(point + 1)..];
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var trimmed = digits.TrimStart('0');
        n -= digits.Length - trimmed.Length;
        digits = trimmed.TrimEnd('0');
        var k = digits.Length;

        string s;
        if (k <= n && n <= 21) s = digits + new string('0', n - k);
        else if (0 < n && n <= 21) s = digits[..n] + "." + digits[n..];
        else if (-6 < n && n <= 0) s = "0." + new string('0', -n) + digits;
        else
        {
            var exp = n - 1;
            s = digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + (exp >= 0 ? "+" : "-") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + s : s;
    }
}
