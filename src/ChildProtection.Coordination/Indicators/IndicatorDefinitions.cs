using System.Text.Json;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Common;
using Wolverine.Http;
namespace ChildProtection.Coordination.Indicators;

public enum IndicatorKind { Count, Share }

/// <summary>A way to split an indicator (sex, age group, channel…); null categories are open (the agencies that appear).</summary>
public sealed record Disaggregation(string Id, string NameVi, string NameEn, string[]? Categories);

/// <summary>One indicator as the table in indicators.v1.json defines it: names, definition, the events it counts, its splits.</summary>
public sealed record IndicatorDefinition(string Id, string Group, IndicatorKind Kind, string NameVi, string NameEn, string Definition,
    string[] Counts, string[] Disaggregations, string? Code = null, double? Target = null);

/// <summary>The indicator table: data, not code (Indicators/indicators.v1.json, embedded like the pathway's rules).</summary>
public sealed record IndicatorDefinitions(int Version, string Basis, IReadOnlyList<Disaggregation> Disaggregations, IReadOnlyList<IndicatorDefinition> Indicators)
{
    public const string Resource = "ChildProtection.Coordination.Indicators.indicators.v1.json";

    private static readonly Lazy<IndicatorDefinitions> Embedded = new(() =>
    {
        using var stream = typeof(IndicatorDefinitions).Assembly.GetManifestResourceStream(Resource)!;
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return JsonSerializer.Deserialize<IndicatorDefinitions>(stream, options)!;
    });

    public static IndicatorDefinitions Current => Embedded.Value;

    public IndicatorDefinition Find(string id) => Indicators.First(i => i.Id == id);

    public Disaggregation Split(string id) => Disaggregations.First(d => d.Id == id);
}

public static class GetIndicatorDefinitionsEndpoint
{
    /// <summary>The indicator table: every indicator's id, names, definition, the events it counts and its disaggregations.</summary>
    [WolverineGet("/api/indicators/definitions", OperationId = "GetIndicatorDefinitions")]
    [ReadResponses(typeof(IndicatorDefinitions), tag: "Indicators")]
    public static IndicatorDefinitions Get() => IndicatorDefinitions.Current;
}
