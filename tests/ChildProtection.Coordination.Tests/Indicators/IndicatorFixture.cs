using ChildProtection.Coordination.Tests.Support;
namespace ChildProtection.Coordination.Tests.Indicators;

/// <summary>
/// A host of its own schema with the demo directory (provinces 44 and 31 and their wards) and no pathway: the indicator
/// tests append case histories and let the async daemon (or a rebuild) build the facts. Its store is shared by the
/// collection's tests, which tell their figures apart by commune or compare the whole store.
/// </summary>
public sealed class IndicatorFixture : AppFixture
{
    public const string Schema = "cp_indicators";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Pathway:Enabled"] = "false",
        ["Marten:Schema"] = Schema,
        ["Directory:SeedDemo"] = "true",
    };

    protected override Task PrepareDatabaseAsync() => TestDatabase.DropSchemaAsync(Schema);
}

[CollectionDefinition(Name)]
public sealed class IndicatorCollection : ICollectionFixture<IndicatorFixture>
{
    public const string Name = "indicators";
}
