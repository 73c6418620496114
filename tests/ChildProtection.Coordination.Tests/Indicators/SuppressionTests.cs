using ChildProtection.Coordination.Indicators;
namespace ChildProtection.Coordination.Tests.Indicators;

/// <summary>Small cells are withheld, and so is what would give them back.</summary>
public sealed class SuppressionTests
{
    private static IndicatorCell C(string dimension, string category, long count, long? denominator = null, string indicator = "abused-children") =>
        new(indicator, dimension, category, count, denominator);

    private static IReadOnlyDictionary<string, IndicatorCell> Suppress(params IndicatorCell[] cells) =>
        Suppression.Apply(cells, 5).ToDictionary(c => $"{c.Dimension}|{c.Category}");

    [Fact]
    public void a_small_count_is_withheld_and_the_next_smallest_of_its_split_with_it()
    {
        var result = Suppress(C("total", "all", 30), C("sex", "Female", 3), C("sex", "Male", 20), C("sex", "Unknown", 7));
        result["sex|Female"].Suppressed.ShouldBeTrue();
        result["sex|Female"].Count.ShouldBeNull();
        result["sex|Unknown"].Suppressed.ShouldBeTrue("else Female = 30 − 20 − 7");
        result["sex|Male"].Count.ShouldBe(20);
        result["total|all"].Count.ShouldBe(30);
    }

    [Fact]
    public void two_small_cells_in_a_split_protect_each_other()
    {
        var result = Suppress(C("total", "all", 30), C("sex", "Female", 3), C("sex", "Male", 25), C("sex", "Unknown", 2));
        result["sex|Male"].Count.ShouldBe(25);
        result["sex|Female"].Suppressed.ShouldBeTrue();
        result["sex|Unknown"].Suppressed.ShouldBeTrue();
    }

    [Fact]
    public void a_small_cell_beside_zeros_only_takes_its_one_other_figure_with_it()
    {
        var result = Suppress(C("total", "all", 23), C("sex", "Female", 3), C("sex", "Male", 20), C("sex", "Unknown", 0));
        result["sex|Female"].Suppressed.ShouldBeTrue();
        result["sex|Male"].Suppressed.ShouldBeTrue();
        result["sex|Unknown"].Count.ShouldBe(0);
        result["total|all"].Count.ShouldBe(23);
    }

    [Fact]
    public void a_small_cell_whose_split_has_nothing_else_to_hide_withholds_the_indicator()
    {
        var result = Suppress(C("total", "all", 23), C("sex", "Female", 11), C("sex", "Male", 12), C("special-group", "orphaned", 3),
            C("special-group", "disabled", 0));
        result.Values.ShouldAllBe(c => c.Suppressed);
    }

    [Fact]
    public void a_small_total_withholds_every_cell_of_its_indicator_and_zeros_stay()
    {
        var result = Suppress(C("total", "all", 4), C("sex", "Female", 4), C("sex", "Male", 0));
        result.Values.ShouldAllBe(c => c.Suppressed);
        Suppress(C("total", "all", 0), C("sex", "Female", 0)).Values.ShouldAllBe(c => !c.Suppressed && c.Count == 0);
    }

    [Theory]
    [InlineData(10, 12, true)] // 2 missed: a small count
    [InlineData(3, 12, true)]
    [InlineData(6, 12, false)]
    [InlineData(3, 4, true)]
    [InlineData(0, 12, false)]
    public void a_share_is_withheld_when_its_part_its_rest_or_its_whole_is_small(long hits, long of, bool withheld) =>
        Suppress(C("total", "all", hits, of, "medical-care"))["total|all"].Suppressed.ShouldBe(withheld);

    [Fact]
    public void nothing_is_withheld_above_the_threshold()
    {
        var cells = new[] { C("total", "all", 40), C("sex", "Female", 15), C("sex", "Male", 25) };
        Suppression.Apply(cells, 5).ShouldBe(cells);
    }
}
