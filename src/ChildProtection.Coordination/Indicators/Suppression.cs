namespace ChildProtection.Coordination.Indicators;

/// <summary>
/// Small-cell suppression for figures that leave the service for a non-statutory reader. Primary: a count from 1 to
/// threshold−1 is withheld, and so is a share whose numerator, denominator or the difference of the two is in that
/// range (either would give a small count back). Complementary: a split (sex, age group, channel…) with exactly one
/// withheld cell would give it back as the total minus the others, so the next smallest non-zero cell of that split is
/// withheld too; if there is none, the indicator is withheld whole, as it is when its total is small. Zeros are shown.
/// Pure: the same cells and threshold give the same answer.
/// </summary>
public static class Suppression
{
    public static IReadOnlyList<IndicatorCell> Apply(IReadOnlyList<IndicatorCell> cells, int threshold)
    {
        bool Small(long? n) => n is > 0 && n < threshold;
        bool Primary(IndicatorCell c) => c.Denominator is { } d ? Small(d) || Small(c.Count) || Small(d - c.Count) : Small(c.Count);

        var withheld = cells.Where(Primary).Select(c => c.Key).ToHashSet();
        var wholeIndicators = new HashSet<string>();
        foreach (var indicator in cells.GroupBy(c => c.Indicator))
        {
            if (indicator.Any(c => c.Dimension == "total" && withheld.Contains(c.Key))) { wholeIndicators.Add(indicator.Key); continue; }
            foreach (var split in indicator.Where(c => c.Dimension != "total").GroupBy(c => c.Dimension))
            {
                if (split.Count(c => withheld.Contains(c.Key)) != 1) continue;
                var complement = split.Where(c => !withheld.Contains(c.Key) && (c.Denominator ?? c.Count) > 0)
                    .OrderBy(c => c.Denominator ?? c.Count).FirstOrDefault();
                if (complement is null) wholeIndicators.Add(indicator.Key);
                else withheld.Add(complement.Key);
            }
        }
        return cells.Select(c => withheld.Contains(c.Key) || wholeIndicators.Contains(c.Indicator)
            ? c with { Count = null, Denominator = null, Suppressed = true }
            : c).ToList();
    }
}
