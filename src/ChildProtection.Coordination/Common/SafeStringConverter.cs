using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
namespace ChildProtection.Coordination.Common;

/// <summary>
/// Refuses text no field of the service can mean: the NUL character (PostgreSQL's jsonb and text cannot store it, so
/// it failed deep inside the database), other C0 control characters except tab, CR and LF, and lone surrogates
/// ("\ud800", which is no character and cannot be written back as UTF-8). Invalid UTF-8 bytes never get this far:
/// the JSON reader refuses them. Query, route and header text go through <see cref="InputGuard"/> instead.
/// A string longer than <see cref="MaxLength"/> is refused too: a 1 MB "findings" was stored whole in the case's
/// events, which every later read, replay, export and seal then carried.
/// </summary>
public sealed class SafeStringConverter : JsonConverter<string>
{
    /// <summary>The longest text any field takes: a long Form 01 description or interview note is a few pages.</summary>
    public const int MaxLength = 20_000;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? value;
        try { value = reader.GetString(); }
        catch (InvalidOperationException) { throw new JsonException(); }
        // No message of our own: System.Text.Json then writes one that names the member's JSON path.
        if (value is not null && (value.Length > MaxLength || InputGuard.FirstInvalid(value, allowLineBreaks: true) is not null)) throw new JsonException();
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Dates and instants outside <see cref="LegalTime.AcceptedDates"/> are a 400 naming the member's JSON path.</summary>
public sealed class AcceptedDateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var day)
            || !LegalTime.AcceptedDates.Contains(day)) throw new JsonException();
        return day;
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}

/// <inheritdoc cref="AcceptedDateConverter"/>
public sealed class AcceptedInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var at) || !LegalTime.AcceptedDates.Contains(at))
            throw new JsonException();
        return at;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <inheritdoc cref="AcceptedDateConverter"/>
public sealed class AcceptedDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var at) || !LegalTime.AcceptedDates.Contains(at))
            throw new JsonException();
        return at;
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
