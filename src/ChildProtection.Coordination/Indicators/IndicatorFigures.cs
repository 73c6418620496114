namespace ChildProtection.Coordination.Indicators;

/// <summary>
/// One cell of a report: a count (<see cref="Denominator"/> null), or a share's numerator and denominator.
/// <see cref="Suppressed"/> cells carry no figures when they leave the service.
/// </summary>
public sealed record IndicatorCell(string Indicator, string Dimension, string Category, long? Count, long? Denominator = null, bool Suppressed = false)
{
    public double? Share => Count is { } n && Denominator is { } d && d > 0 ? Math.Round(n / (double)d, 4) : null;

    public string Key => $"{Indicator}|{Dimension}|{Category}";
}

/// <summary>Adds up cells while folding; <see cref="Cells"/> lays them out in the definitions' order with every fixed category present.</summary>
public sealed class IndicatorTally
{
    private readonly Dictionary<(string, string, string), (long Count, long? Denominator)> _cells = new();

    /// <summary>
    /// For a read as of now: the first moment after which these figures may differ although nothing more is recorded
    /// (a clock falls due, a case moves to an older age band, the period ends). Null: never.
    /// </summary>
    public DateTimeOffset? Until { get; private set; }

    /// <summary>Notes a moment at which a comparison with <paramref name="asOf"/> would turn, if it is still to come.</summary>
    public void Horizon(DateTimeOffset at, DateTimeOffset asOf)
    {
        if (at > asOf && (Until is null || at < Until)) Until = at;
    }

    public void Count(string indicator, string dimension, string category, long by = 1)
    {
        var key = (indicator, dimension, category);
        _cells[key] = (_cells.GetValueOrDefault(key).Count + by, null);
    }

    /// <summary>One more case in a share's denominator; in its numerator too when <paramref name="hit"/>.</summary>
    public void Share(string indicator, string dimension, string category, bool hit)
    {
        var key = (indicator, dimension, category);
        var (n, d) = _cells.GetValueOrDefault(key);
        _cells[key] = (n + (hit ? 1 : 0), (d ?? 0) + 1);
    }

    /// <summary>Every cell with a figure, keyed indicator|dimension|category: what the correctness test compares.</summary>
    public IReadOnlyDictionary<string, (long Count, long? Denominator)> NonZero() => _cells
        .Where(c => c.Value.Count != 0 || c.Value.Denominator is > 0)
        .ToDictionary(c => $"{c.Key.Item1}|{c.Key.Item2}|{c.Key.Item3}", c => c.Value);

    public IReadOnlyList<IndicatorCell> Cells(IndicatorDefinitions definitions)
    {
        var cells = new List<IndicatorCell>();
        foreach (var indicator in definitions.Indicators)
        foreach (var dimension in indicator.Disaggregations)
        {
            var fixedCategories = definitions.Split(dimension).Categories;
            var seen = _cells.Keys.Where(k => k.Item1 == indicator.Id && k.Item2 == dimension).Select(k => k.Item3);
            var categories = fixedCategories is null
                ? seen.Order(StringComparer.Ordinal).ToList()
                : fixedCategories.Concat(seen.Where(c => !fixedCategories.Contains(c)).Order(StringComparer.Ordinal)).ToList();
            foreach (var category in categories)
            {
                var (n, d) = _cells.GetValueOrDefault((indicator.Id, dimension, category));
                cells.Add(new IndicatorCell(indicator.Id, dimension, category, n, indicator.Kind == IndicatorKind.Share ? d ?? 0 : null));
            }
        }
        return cells;
    }
}
