using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class ProvincesTests
{
    [Fact]
    public void there_are_34_provincial_units_with_distinct_two_digit_codes()
    {
        Provinces.All.Count.ShouldBe(34);
        Provinces.All.Select(p => p.Code).Distinct().Count().ShouldBe(34);
        Provinces.All.ShouldAllBe(p => p.Code.Length == 2 && p.Code.All(char.IsDigit));
        Provinces.All.ShouldAllBe(p => p.NameVi.Length > 0 && p.NameEn.Length > 0);
    }

    [Fact]
    public void six_are_centrally_run_cities()
    {
        Provinces.All.Where(p => p.CentrallyRunCity).Select(p => p.Code).ShouldBe(["01", "31", "46", "48", "79", "92"], ignoreOrder: true);
    }

    [Fact]
    public void merged_provinces_answer_under_their_new_codes()
    {
        Provinces.Find("44")!.NameVi.ShouldBe("Tỉnh Quảng Trị");
        Provinces.Find("31")!.NameEn.ShouldBe("Hai Phong City");
        Provinces.Find("45").ShouldBeNull(); // old Quảng Trị; the merged province carries Quảng Bình's 44
        Provinces.IsKnown("30").ShouldBeFalse(); // Hải Dương, now part of Hải Phòng
        Provinces.IsKnown(null).ShouldBeFalse();
    }
}
