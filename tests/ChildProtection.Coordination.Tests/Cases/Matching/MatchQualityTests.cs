using System.Security.Cryptography;
using ChildProtection.Coordination.Cases.Matching;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>
/// The quality targets of issue 17 on generated sets of 3,000 children from several fixed seeds (a correctness test: nothing
/// here is timed). Each seed is another set of households, names, slips and namesakes; the targets must hold on every one.
/// </summary>
public class MatchQualityTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(17)]
    public void recall_and_precision_reach_the_targets_on_each_fixed_seed_set(int seed)
    {
        var reports = SyntheticChildren.Generate(children: 3000, seed: seed);
        var quality = MatchQuality.Measure(reports, new MatchKeySecret(RandomNumberGenerator.GetBytes(32)), new MatchingOptions().Threshold);
        quality.TruePairs.ShouldBeGreaterThan(500);
        quality.Recall.ShouldBeGreaterThanOrEqualTo(0.95, $"recall {quality}");
        quality.Precision.ShouldBeGreaterThanOrEqualTo(0.95, $"precision {quality}");
    }
}
