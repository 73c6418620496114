using System.Text.Json;
using System.Text.Json.Serialization;
namespace ChildProtection.Coordination.Common;

/// <summary>
/// Refuses the NUL character in any text: PostgreSQL's jsonb cannot store it, so it would fail the
/// append deep inside the database instead of being a 400 naming the field.
/// </summary>
public sealed class SafeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        // No message of our own: System.Text.Json then writes one that names the member's JSON path.
        if (value is not null && value.Contains('\0')) throw new JsonException();
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
