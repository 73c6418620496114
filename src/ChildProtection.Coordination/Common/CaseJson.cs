using System.Text.Json;
using System.Text.Json.Serialization;
namespace ChildProtection.Coordination.Common;

/// <summary>
/// The API's JSON rules: camelCase, enums as their names only (an unknown name or a number is a 400),
/// a missing or null required member is a 400 naming its path rather than a null deep inside a decision, and so are
/// text no field can mean (<see cref="SafeStringConverter"/>) and dates outside <see cref="LegalTime.AcceptedDates"/>.
/// </summary>
public static class CaseJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new StrictEnumConverter());
        options.Converters.Add(new SafeStringConverter());
        options.Converters.Add(new AcceptedDateConverter());
        options.Converters.Add(new AcceptedInstantConverter());
        options.Converters.Add(new AcceptedDateTimeConverter());
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
