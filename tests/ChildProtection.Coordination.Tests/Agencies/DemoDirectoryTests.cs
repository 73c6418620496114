using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.LegalTime;
using Marten;
using Marten.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class DemoDirectoryTests(AppFixture app) : IntegrationContext(app)
{
    protected override bool DemoDirectory => false;

    private static readonly DateTimeOffset Now = VietnamTime.StartOf(new DateOnly(2026, 3, 1)).AddHours(9);

    [Fact]
    public async Task the_demo_directory_loads_twice_without_duplicates()
    {
        var first = await DemoDirectorySeed.LoadAsync(App.Store);
        first.ShouldBe(new DemoSeedResult(6, 56, 0));
        var events = await EventCount();

        var second = await DemoDirectorySeed.LoadAsync(App.Store);
        second.ShouldBe(new DemoSeedResult(0, 0, 56));
        (await EventCount()).ShouldBe(events);

        await using var session = App.Store.QuerySession();
        (await session.Query<Agency>().CountAsync()).ShouldBe(56);
        (await session.Query<Commune>().CountAsync()).ShouldBe(6);
    }

    [Fact]
    public async Task every_kind_serves_every_demo_ward()
    {
        await DemoDirectorySeed.LoadAsync(App.Store);
        var directory = App.Directory();
        var wards = (await directory.CommunesAsync()).Select(c => c.Code).ToList();
        wards.Count.ShouldBe(6);

        foreach (var ward in wards)
        foreach (var kind in Enum.GetValues<AgencyKind>())
            (await directory.ServingAsync(kind, ward, Now)).ShouldNotBeNull($"{kind} for {ward}");

        (await directory.ServingAsync(AgencyKind.CommunePeoplesCommittee, "dong-hoi-ward", Now))!.Id.ShouldBe("ubnd-dong-hoi");
        (await directory.ServingAsync(AgencyKind.School, "dong-hoi-ward", Now))!.Id.ShouldBe("th-hai-dinh");
        (await directory.ServingAsync(AgencyKind.Education, "dong-hoi-ward", Now))!.Id.ShouldBe("sgddt-quang-tri");
        (await directory.ServingAsync(AgencyKind.ForensicMedicineCentre, "dong-hoi-ward", Now))!.Id.ShouldBe("phapy-quang-tri");
        (await directory.ServingAsync(AgencyKind.InterSectorCoordinationBody, "dong-hoi-ward", Now))!.Id.ShouldBe("lienganh-dong-hoi");
        (await directory.SupervisorOfAsync("phapy-quang-tri", Now))!.Id.ShouldBe("syt-quang-tri");
        (await directory.SupervisorOfAsync("lienganh-dong-hoi", Now))!.Id.ShouldBe("ubnd-dong-hoi");
        (await directory.ServingAsync(AgencyKind.ProvincialPolice, "le-chan-ward", Now))!.Id.ShouldBe("ca-hai-phong");
        (await directory.SupervisorOfAsync("ubnd-dong-hoi", Now))!.Id.ShouldBe("syt-quang-tri");
        (await directory.SupervisorOfAsync("th-hai-dinh", Now))!.Id.ShouldBe("sgddt-quang-tri");
    }

    [Fact]
    public async Task reseeding_leaves_an_administrators_changes_alone()
    {
        await DemoDirectorySeed.LoadAsync(App.Store);
        await App.Admin().PostJson("/api/agencies/ubnd-dong-hoi/retirement", new RetireAgency(new DateOnly(2026, 1, 1), "Test"));

        await DemoDirectorySeed.LoadAsync(App.Store);
        (await App.Directory().GetAsync("ubnd-dong-hoi"))!.ActiveTo.ShouldBe(new DateOnly(2026, 1, 1));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void the_seed_runs_at_start_only_when_configured(string? seedDemo, bool registered)
    {
        var settings = new Dictionary<string, string?>();
        if (seedDemo is not null) settings["Directory:SeedDemo"] = seedDemo;
        var services = new ServiceCollection().AddAgencies(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        services.Any(s => s.ServiceType == typeof(IInitialData) && s.ImplementationType == typeof(DemoDirectorySeed)).ShouldBe(registered);
        services.ShouldContain(s => s.ServiceType == typeof(AgencyDirectory));
    }

    private async Task<long> EventCount()
    {
        await using var session = App.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
