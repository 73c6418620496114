using JasperFx.Events.Projections;
using Marten;

namespace ChildProtection.Coordination.Agencies;

/// <summary>Section <c>Directory</c>.</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    /// <summary>Load the demo directory (two provinces, every kind of agency) at start, idempotently. Default false.</summary>
    public bool SeedDemo { get; set; }
}

/// <summary>The directory's wiring: one call inside <c>AddMarten</c>, one on the services.</summary>
public static class AgencyDirectorySetup
{
    /// <summary>The jurisdictions stream's write model and the inline read models of communes and agencies.</summary>
    public static StoreOptions AddAgencyDirectory(this StoreOptions opts)
    {
        opts.Projections.Snapshot<JurisdictionLedger>(SnapshotLifecycle.Inline);
        opts.Projections.Add<CommuneProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<AgencyProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<Commune>().Identity(x => x.Code).Index(x => x.ProvinceCode);
        opts.Schema.For<Agency>().Index(x => x.ProvinceCode).Index(x => x.CommuneCode);
        return opts;
    }

    /// <summary><see cref="AgencyDirectory"/> for the request's session, and the demo seed when <c>Directory:SeedDemo</c> is true.</summary>
    public static IServiceCollection AddAgencies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.Section);
        services.AddScoped<AgencyDirectory>();
        services.ConfigureSwaggerGen(swagger => swagger.OperationFilter<CsvRequestBodyFilter>());
        var options = configuration.GetSection(DirectoryOptions.Section).Get<DirectoryOptions>() ?? new DirectoryOptions();
        if (options.SeedDemo) services.InitializeMartenWith<DemoDirectorySeed>();
        return services;
    }
}
