using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Tests.Agencies;

/// <summary>The query API the hand-off pathway uses, against the real database.</summary>
public sealed class AgencyDirectoryTests(AppFixture app) : IntegrationContext(app)
{
    protected override bool DemoDirectory => false;

    private static readonly DateOnly MergedOn = new(2026, 1, 1);
    private static DateTimeOffset At(DateOnly day, int hour = 9) => VietnamTime.StartOf(day).AddHours(hour);

    [Fact]
    public async Task after_communes_a_and_b_merge_into_c_the_committee_of_c_serves_a()
    {
        await App.EstablishAsync("a");
        await App.EstablishAsync("b");
        await App.RegisterAsync("ubnd-a", AgencyKind.CommunePeoplesCommittee, commune: "a");
        await App.RegisterAsync("ubnd-b", AgencyKind.CommunePeoplesCommittee, commune: "b");
        await App.MergeAsync(new MergeCommunes(["a", "b"], "c", MergedOn, "Phường C", ProvinceCode: "44"));
        await App.RegisterAsync("ubnd-c", AgencyKind.CommunePeoplesCommittee, commune: "c", from: MergedOn);
        await App.Admin().PostJson("/api/agencies/ubnd-a/retirement", new RetireAgency(MergedOn, "Commune merged into c"));

        var directory = App.Directory();
        (await directory.ServingAsync(AgencyKind.CommunePeoplesCommittee, "a", At(MergedOn.AddDays(-1))))!.Id.ShouldBe("ubnd-a");
        (await directory.ServingAsync(AgencyKind.CommunePeoplesCommittee, "a", At(MergedOn)))!.Id.ShouldBe("ubnd-c");
        (await directory.ServingAsync(AgencyKind.CommunePeoplesCommittee, "b", At(MergedOn.AddYears(1))))!.Id.ShouldBe("ubnd-c");
        (await directory.ServingAsync(AgencyKind.CommunePeoplesCommittee, "c", At(MergedOn.AddDays(-1)))).ShouldBeNull();

        var a = (await directory.GetCommuneAsync("a"))!;
        (a.NameVi, a.ActiveFrom, a.ActiveTo, a.SuccessorCode).ShouldBe(("Phường a", DirectoryApi.Reform, (DateOnly?)MergedOn, "c"));
        (await directory.ResolveCommuneAsync("a", At(MergedOn.AddDays(-1))))!.Code.ShouldBe("a");
        (await directory.GetAsync("ubnd-a"))!.ActiveTo.ShouldBe(MergedOn);
    }

    [Fact]
    public async Task until_the_merged_commune_has_its_own_committee_the_absorbed_ones_still_serve()
    {
        await App.EstablishAsync("a");
        await App.EstablishAsync("b");
        await App.EstablishAsync("x");
        await App.RegisterAsync("ubnd-b", AgencyKind.CommunePeoplesCommittee, commune: "b");
        await App.MergeAsync(new MergeCommunes(["a", "b"], "c", MergedOn, "Phường C", ProvinceCode: "44"));
        var later = MergedOn.AddYears(1);
        await App.MergeAsync(new MergeCommunes(["c", "x"], "x", later));
        var directory = App.Directory();

        (await Jurisdictions.AbsorbedAsync(App.Store.QuerySession(), (await directory.GetCommuneAsync("x"))!)).ShouldBe(["a", "b", "c"], ignoreOrder: true);
        (await directory.ServingAsync(AgencyKind.CommunePeoplesCommittee, "a", At(later)))!.Id.ShouldBe("ubnd-b");

        await App.RegisterAsync("ubnd-x", AgencyKind.CommunePeoplesCommittee, commune: "x");
        (await directory.CandidatesAsync(AgencyKind.CommunePeoplesCommittee, "a", At(later))).Select(a => a.Id).ShouldBe(["ubnd-x", "ubnd-b"]);
        (await directory.ServingAsync(AgencyKind.CommunePeoplesCommittee, "a", At(MergedOn))).ShouldNotBeNull().Id.ShouldBe("ubnd-b");
    }

    [Fact]
    public async Task provincial_kinds_follow_the_province_of_the_resolved_commune_and_declined_ones_are_skipped()
    {
        await App.EstablishAsync("a");
        await App.EstablishAsync("h", province: "31");
        await App.RegisterAsync("ctxh-quang-tri", AgencyKind.SocialWorkCentre);
        await App.RegisterAsync("ctxh-quang-tri-2", AgencyKind.SocialWorkCentre);
        await App.RegisterAsync("ctxh-hai-phong", AgencyKind.SocialWorkCentre, province: "31");
        await App.RegisterAsync("hotline-111", AgencyKind.Hotline, province: null);
        var directory = App.Directory();
        var now = At(MergedOn);

        (await directory.ServingAsync(AgencyKind.SocialWorkCentre, "a", now))!.Id.ShouldBe("ctxh-quang-tri");
        (await directory.ServingAsync(AgencyKind.SocialWorkCentre, "a", now, ["ctxh-quang-tri"]))!.Id.ShouldBe("ctxh-quang-tri-2");
        (await directory.ServingAsync(AgencyKind.SocialWorkCentre, "a", now, ["ctxh-quang-tri", "ctxh-quang-tri-2"])).ShouldBeNull();
        (await directory.ServingAsync(AgencyKind.SocialWorkCentre, "h", now))!.Id.ShouldBe("ctxh-hai-phong");
        (await directory.ServingAsync(AgencyKind.Hotline, "h", now))!.Id.ShouldBe("hotline-111");
        (await directory.ServingAsync(AgencyKind.ProvincialPolice, "a", now)).ShouldBeNull();
        (await directory.ServingAsync(AgencyKind.Hotline, "nowhere", now)).ShouldBeNull();
        (await directory.CandidatesAsync(AgencyKind.SocialWorkCentre, "a", now)).Select(x => x.Id).ShouldBe(["ctxh-quang-tri", "ctxh-quang-tri-2"]);
    }

    [Fact]
    public async Task schools_in_the_commune_come_before_the_provincial_education_department()
    {
        await App.EstablishAsync("a");
        await App.EstablishAsync("b");
        await App.RegisterAsync("sgddt", AgencyKind.Education);
        await App.RegisterAsync("th-a", AgencyKind.Education, commune: "a");
        var directory = App.Directory();

        (await directory.ServingAsync(AgencyKind.Education, "a", At(MergedOn)))!.Id.ShouldBe("th-a");
        (await directory.ServingAsync(AgencyKind.Education, "b", At(MergedOn)))!.Id.ShouldBe("sgddt");
    }

    [Fact]
    public async Task a_health_station_of_another_commune_of_the_province_serves_only_when_none_nearer_does()
    {
        await App.EstablishAsync("a");
        await App.EstablishAsync("b");
        await App.EstablishAsync("c");
        await App.EstablishAsync("h", province: "31");
        await App.RegisterAsync("tyt-b", AgencyKind.HealthFacility, commune: "b");
        await App.RegisterAsync("tyt-c", AgencyKind.HealthFacility, commune: "c");
        await App.RegisterAsync("tyt-h", AgencyKind.HealthFacility, commune: "h", province: "31");
        var directory = App.Directory();
        var now = At(MergedOn);

        // Nobody in a, nor at the province: the other communes of the province, by id; never another province's.
        (await directory.ServingAsync(AgencyKind.HealthFacility, "a", now))!.Id.ShouldBe("tyt-b");
        (await directory.ServingAsync(AgencyKind.HealthFacility, "a", now, ["tyt-b"]))!.Id.ShouldBe("tyt-c");
        (await directory.ServingAsync(AgencyKind.HealthFacility, "a", now, ["tyt-b", "tyt-c"])).ShouldBeNull();

        // Once the province has its own, it comes first; declined, the walk goes on to the other communes.
        await App.RegisterAsync("bv-tinh", AgencyKind.HealthFacility);
        (await directory.ServingAsync(AgencyKind.HealthFacility, "a", now))!.Id.ShouldBe("bv-tinh");
        (await directory.ServingAsync(AgencyKind.HealthFacility, "a", now, ["bv-tinh"]))!.Id.ShouldBe("tyt-b");
        (await directory.ServingAsync(AgencyKind.HealthFacility, "b", now))!.Id.ShouldBe("tyt-b");
        (await directory.CandidatesAsync(AgencyKind.HealthFacility, "a", now)).Select(x => x.Id).ShouldBe(["bv-tinh", "tyt-b", "tyt-c"]);
    }

    [Fact]
    public async Task the_supervisor_is_the_explicit_one_while_active_else_the_rule()
    {
        await App.EstablishAsync("a");
        await App.RegisterAsync("syt", AgencyKind.ProvincialHealthDepartment);
        await App.RegisterAsync("ca-tinh", AgencyKind.ProvincialPolice);
        await App.RegisterAsync("ctxh", AgencyKind.SocialWorkCentre);
        await App.RegisterAsync("ubnd-a", AgencyKind.CommunePeoplesCommittee, commune: "a");
        await App.RegisterAsync("ca-a", AgencyKind.CommunePolice, commune: "a");
        await App.RegisterAsync("th-a", AgencyKind.Education, commune: "a", supervisor: "ctxh");
        await App.Admin().PostJson("/api/agencies/ctxh/retirement", new RetireAgency(MergedOn, "Closed"));
        var directory = App.Directory();

        (await directory.SupervisorOfAsync("ubnd-a", At(MergedOn)))!.Id.ShouldBe("syt");
        (await directory.SupervisorOfAsync("ca-a", At(MergedOn)))!.Id.ShouldBe("ca-tinh");
        (await directory.SupervisorOfAsync("th-a", At(MergedOn.AddDays(-1))))!.Id.ShouldBe("ctxh");
        (await directory.SupervisorOfAsync("th-a", At(MergedOn)))!.Id.ShouldBe("ubnd-a");
        (await directory.SupervisorOfAsync("syt", At(MergedOn))).ShouldBeNull();
        (await directory.SupervisorOfAsync("ghost", At(MergedOn))).ShouldBeNull();
    }
}
