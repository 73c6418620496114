using ChildProtection.Coordination.Cases.Matching;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

public class VietnameseNamesTests
{
    [Theory]
    [InlineData("Nguyễn Thị Mai", "nguyen thi mai")]
    [InlineData("ĐẶNG Văn Đức", "dang van duc")]
    [InlineData("  Trần   Thị-Ngọc  Ánh. ", "tran thi ngoc anh")]
    [InlineData("Nguyen Thi Mai", "nguyen thi mai")]
    [InlineData("Lê Thị Thuỷ", "le thi thuy")]
    [InlineData("Lê Thị Thủy", "le thi thuy")]
    [InlineData("", "")]
    public void folding_drops_diacritics_case_spacing_and_punctuation(string name, string folded) =>
        VietnameseNames.Fold(name).ShouldBe(folded);

    [Fact]
    public void composed_and_decomposed_unicode_fold_alike() =>
        VietnameseNames.Fold("Nguyễn".Normalize(System.Text.NormalizationForm.FormD)).ShouldBe(VietnameseNames.Fold("Nguyễn".Normalize(System.Text.NormalizationForm.FormC)));

    [Fact]
    public void vietnamese_order_reads_family_first_and_given_last()
    {
        var parts = VietnameseNames.Parse("Nguyễn Thị Mai");
        parts.Family.ShouldBe("nguyen");
        parts.Given.ShouldBe("mai");
        parts.Core.ShouldBe(["nguyen", "mai"]);
    }

    [Fact]
    public void a_name_written_given_first_is_read_the_same()
    {
        var parts = VietnameseNames.Parse("Mai Nguyễn Thị");
        parts.Family.ShouldBe("nguyen");
        parts.Given.ShouldBe("mai");
    }

    [Theory]
    [InlineData("bé Mai", "mai")]
    [InlineData("Cháu Nguyễn Văn An", "an")]
    [InlineData("em Lan", "lan")]
    public void a_prefix_before_the_name_is_no_part_of_it(string name, string given) =>
        VietnameseNames.Parse(name).Given.ShouldBe(given);

    [Fact]
    public void chau_as_a_family_name_stays() => VietnameseNames.Parse("Châu Minh Anh").Core.ShouldBe(["chau", "minh", "anh"]);

    [Fact]
    public void a_school_is_its_own_name_without_the_words_every_school_shares()
    {
        VietnameseNames.SchoolName("Trường Tiểu học Hải Đình").ShouldBe("hai dinh");
        VietnameseNames.SchoolName("TH Hải Đình").ShouldBe("hai dinh");
    }

    [Fact]
    public void words_one_typing_slip_apart_share_a_one_letter_out_form()
    {
        VietnameseNames.OneLetterOut("nguyen").Intersect(VietnameseNames.OneLetterOut("nguen")).ShouldNotBeEmpty();
        VietnameseNames.OneLetterOut("nguyen").Intersect(VietnameseNames.OneLetterOut("ngyuen")).ShouldNotBeEmpty();
        VietnameseNames.OneLetterOut("huong").Intersect(VietnameseNames.OneLetterOut("huonf")).ShouldNotBeEmpty();
        VietnameseNames.OneLetterOut("huong").Intersect(VietnameseNames.OneLetterOut("thanh")).ShouldBeEmpty();
    }
}
