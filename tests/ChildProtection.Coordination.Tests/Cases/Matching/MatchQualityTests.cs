using System.Security.Cryptography;
using ChildProtection.Coordination.Cases.Matching;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>The quality targets of issue 17 on a fixed-seed generated set (a correctness test: nothing here is timed).</summary>
public class MatchQualityTests
{
    [Fact]
    public void recall_and_precision_reach_the_targets_on_the_fixed_seed_set()
    {
        var reports = SyntheticChildren.Generate(children: 3000, seed: 17);
        var quality = MatchQuality.Measure(reports, new MatchKeySecret(RandomNumberGenerator.GetBytes(32)), new MatchingOptions().Threshold);
        quality.TruePairs.ShouldBeGreaterThan(500);
        quality.Recall.ShouldBeGreaterThanOrEqualTo(0.95, $"recall {quality}");
        quality.Precision.ShouldBeGreaterThanOrEqualTo(0.95, $"precision {quality}");
    }
}
