using ChildProtection.Coordination.Auth;
using JasperFx.CommandLine;
using Marten;
namespace ChildProtection.Coordination.Agencies;

public enum AgenciesAction
{
    // Lower case: these are the words typed on the command line, as JasperFx's own "resources setup".
    list,
    import,
    demo,
}

public sealed class AgenciesInput : NetCoreInput
{
    [Description("list: print the directory's agencies; import: register or update agencies from a CSV file; demo: load the demo directory")]
    public AgenciesAction Action { get; set; } = AgenciesAction.list;

    [Description("The CSV file to import; header id,nameVi,nameEn,kind,province,commune,activeFrom,activeTo,supervisor")]
    public string File { get; set; } = "";

    [Description("list: only the agencies of this province code (e.g. 44)")]
    public string? ProvinceFlag { get; set; }
}

/// <summary>
/// <c>dotnet ChildProtection.Coordination.dll agencies import agencies.csv</c> (or <c>agencies list [--province 44]</c>,
/// or <c>agencies demo</c> to load the demo directory as <c>Directory:SeedDemo</c> does),
/// beside the JasperFx commands. The import is the API's: all rows or none, rows for existing ids update them.
/// </summary>
[Description("Import agencies from a CSV file into the directory, or list them", Name = "agencies")]
public sealed class AgenciesCommand : JasperFxAsyncCommand<AgenciesInput>
{
    public AgenciesCommand()
    {
        Usage("List the directory's agencies").Arguments(x => x.Action);
        Usage("Import agencies from a CSV file").Arguments(x => x.Action, x => x.File);
    }

    public override async Task<bool> Execute(AgenciesInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        switch (input.Action)
        {
            case AgenciesAction.import:
                return await ImportAsync(store, input.File, Console.Out);
            case AgenciesAction.demo:
                var seeded = await DemoDirectorySeed.LoadAsync(store);
                Console.WriteLine($"Demo directory: {seeded.CommunesEstablished} communes established, " +
                                  $"{seeded.AgenciesCreated} agencies registered, {seeded.AgenciesAlreadyThere} already there.");
                return true;
            default:
                return await ListAsync(store, input.ProvinceFlag, Console.Out);
        }
    }

    /// <summary>Imports <paramref name="path"/>; prints the counts, or every bad row and saves nothing. True on success.</summary>
    public static async Task<bool> ImportAsync(IDocumentStore store, string path, TextWriter output, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(path) || !System.IO.File.Exists(path))
        {
            await output.WriteLineAsync($"No such file: '{path}'. Usage: agencies import <file.csv>");
            return false;
        }
        await using var session = store.LightweightSession();
        EventHeaders.Stamp(session, DirectoryWrites.System("cli"), $"cli-{Guid.NewGuid():N}");
        var result = await AgencyImport.PrepareAsync(session, await System.IO.File.ReadAllTextAsync(path, ct), ImportMode.Upsert, ct);
        if (!result.Ok)
        {
            await output.WriteLineAsync($"Nothing imported: {result.Errors.Select(e => e.Row).Distinct().Count()} row(s) are invalid.");
            foreach (var e in result.Errors) await output.WriteLineAsync($"  row {e.Row}, {e.Field}: {e.Message}");
            return false;
        }
        await session.SaveChangesAsync(ct);
        await output.WriteLineAsync($"Imported {path}: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged.");
        return true;
    }

    public static async Task<bool> ListAsync(IDocumentStore store, string? province, TextWriter output, CancellationToken ct = default)
    {
        if (province is not null && !Provinces.IsKnown(province))
        {
            await output.WriteLineAsync($"Unknown province '{province}'.");
            return false;
        }
        await using var session = store.QuerySession();
        var agencies = await new AgencyDirectory(session).ListAsync(province, ct: ct);
        foreach (var a in agencies)
            await output.WriteLineAsync($"{a.Id,-24} {a.Kind,-26} {a.ProvinceCode ?? "--",-3} {a.CommuneCode ?? "",-20} " +
                                        $"{a.ActiveFrom:yyyy-MM-dd}..{(a.ActiveTo is { } to ? to.ToString("yyyy-MM-dd") : ""),-10} {a.NameVi}");
        await output.WriteLineAsync($"{agencies.Count} agencies.");
        return true;
    }
}
