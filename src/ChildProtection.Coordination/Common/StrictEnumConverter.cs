using System.Text.Json;
using System.Text.Json.Serialization;
namespace ChildProtection.Coordination.Common;

/// <summary>
/// Enums travel as exactly one of their names. The stock converter also reads "A, B" as the bitwise
/// OR of two names even for enums that are not flags — "Exploitation, SexualAbuse" would arrive as
/// Trafficking — and numbers; both are refused here. It is registered ahead of a
/// <see cref="JsonStringEnumConverter"/>, which stays only so that OpenAPI describes enums as strings.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Strict<>).MakeGenericType(typeToConvert))!;

    private sealed class Strict<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName =
            Enum.GetValues<T>().ToDictionary(v => v.ToString(), v => v, StringComparer.OrdinalIgnoreCase);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)) return value;
            // No message of our own: System.Text.Json then writes one that names the member's JSON path.
            throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ByName.TryGetValue(reader.GetString()!, out var value) ? value : throw new JsonException();

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}
