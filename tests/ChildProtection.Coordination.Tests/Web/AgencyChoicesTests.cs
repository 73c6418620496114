using System.Text;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Web;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>Which agencies a form naming one offers by name, in what order, and what the list weighs with a country's directory.</summary>
public sealed class AgencyChoicesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static Agency At(string id, AgencyKind kind, string? province, string? commune, string? name = null, DateOnly? retired = null) => new()
    {
        Id = id, NameVi = name ?? id, Kind = kind, ProvinceCode = province, CommuneCode = commune, ActiveFrom = new DateOnly(2025, 7, 1), ActiveTo = retired,
    };

    [Fact]
    public void the_case_s_communes_come_first_then_the_province_then_the_nation_then_the_province_s_other_communes()
    {
        Agency[] directory =
        [
            At("ubnd-far", AgencyKind.CommunePeoplesCommittee, "44", "far-ward"),
            At("hotline-111", AgencyKind.Hotline, null, null),
            At("ca-quang-tri", AgencyKind.ProvincialPolice, "44", null),
            At("ca-dong-hoi", AgencyKind.CommunePolice, "44", "dong-hoi-ward"),
            At("ubnd-dong-hoi", AgencyKind.CommunePeoplesCommittee, "44", "dong-hoi-ward"),
            At("ubnd-hong-bang", AgencyKind.CommunePeoplesCommittee, "31", "hong-bang-ward"),
            At("ca-hai-phong", AgencyKind.ProvincialPolice, "31", null),
            At("tyt-old", AgencyKind.HealthFacility, "44", "dong-hoi-ward", retired: new DateOnly(2026, 1, 1)),
        ];
        var offered = AgencyChoices.Rank(directory, ["dong-hoi-ward"], "44", "ubnd-dong-hoi", Today).Select(a => a.Id);
        // The caller's own agency and a retired one are not offered, nor another province's.
        offered.ShouldBe(["ca-dong-hoi", "ca-quang-tri", "hotline-111", "ubnd-far"]);
    }

    [Fact]
    public void a_province_of_a_thousand_agencies_offers_those_near_the_case_and_stays_light()
    {
        // A province of 168 communes, six agencies each, with long Vietnamese names: more than the list holds.
        var directory = Enumerable.Range(0, 168).SelectMany(c => Enum.GetValues<AgencyKind>().Take(6)
                .Select(k => At($"{k}-xa-{c}".ToLowerInvariant(), k, "79", $"xa-{c}", $"Ủy ban nhân dân phường Thạnh Mỹ Lợi Bình Trưng Tây số {c} ({k})")))
            .Append(At("ca-hcm", AgencyKind.ProvincialPolice, "79", null, "Công an Thành phố Hồ Chí Minh"))
            .ToList();
        var offered = AgencyChoices.Rank(directory, ["xa-120"], "79", "communepeoplescommittee-xa-120", Today);
        offered.Count.ShouldBe(AgencyChoices.Limit);
        offered.Take(5).ShouldAllBe(a => a.CommuneCode == "xa-120");
        offered[5].Id.ShouldBe("ca-hcm");

        var html = AgencyChoices.Datalist(offered, vietnamese: true).ToString()!;
        html.ShouldContain("Ủy ban nhân dân phường Thạnh Mỹ Lợi", customMessage: "Vietnamese is written as it is, not as character references");
        Encoding.UTF8.GetByteCount(html).ShouldBeLessThan(48 * 1024, "the list leaves the case page well under its 150 KB");
    }

    [Fact]
    public void the_list_names_each_agency_in_the_reader_s_language_and_posts_its_id()
    {
        var police = At("ca-dong-hoi", AgencyKind.CommunePolice, "44", "dong-hoi-ward", "Công an phường Đồng Hới");
        police.NameEn = "Dong Hoi Ward Police";
        AgencyChoices.Datalist([police], vietnamese: true).ToString().ShouldBe(
            "<datalist id=\"agency-choices\"><option value=\"ca-dong-hoi\">Công an phường Đồng Hới</option></datalist>");
        AgencyChoices.Datalist([police], vietnamese: false).ToString().ShouldContain(">Dong Hoi Ward Police<");
    }
}
