using Wolverine.Attributes;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Agencies.JurisdictionChanges;

namespace ChildProtection.Coordination.Agencies;

/// <summary>
/// Sáp nhập: <paramref name="FromCodes"/> cease on <paramref name="EffectiveFrom"/> and <paramref name="IntoCode"/> answers
/// for them from then on. A new <paramref name="IntoCode"/> needs its name and province; an existing one keeps
/// its province and, unless a name is given, its name. Every commune merged is in force and of that province.
/// </summary>
public sealed record MergeCommunes(
    string[] FromCodes, string IntoCode, DateOnly EffectiveFrom,
    string? IntoNameVi = null, string? IntoNameEn = null, string? ProvinceCode = null, string? LegalBasis = null);

/// <summary>The answer to a merger: the commune that answers from now on, and those that ceased.</summary>
public sealed record MergeRecorded(Commune Into, IReadOnlyList<Commune> Merged);

public static class MergeCommunesEndpoint
{
    [WolverinePost("/api/communes/mergers", OperationId = "MergeCommunes")]
    [NonTransactional]
    [DirectoryResponses(typeof(MergeRecorded), Write = true)]
    public static async Task<IResult> Post(MergeCommunes command, IDocumentSession session, HttpContext http)
    {
        var codes = (command?.FromCodes ?? []).Append(command?.IntoCode);
        var problem = await ApplyAsync(session, http, command, codes, find => Decide(command!, find));
        if (problem is not null) return problem;

        var into = command!.IntoCode.Trim();
        var communes = (await session.LoadManyAsync<Commune>(http.RequestAborted, command.FromCodes.Select(c => c.Trim()).Append(into).Distinct()))
            .ToDictionary(c => c.Code);
        return Results.Ok(new MergeRecorded(communes[into], communes.Values.Where(c => c.Code != into).OrderBy(c => c.Code).ToList()));
    }

    public static Decision Decide(MergeCommunes command, Func<string, Commune?> find)
    {
        var from = (command.FromCodes ?? []).Select(c => c?.Trim()).ToArray();
        if (from.Length == 0 || from.Any(c => !Jurisdictions.IsValidCode(c)))
            return Decision.Invalid("fromCodes", "'fromCodes' lists the codes of the communes merged, each lower-case letters and digits in hyphenated words.");
        if (from.Distinct().Count() != from.Length) return Decision.Invalid("fromCodes", "'fromCodes' names a commune twice.");
        if (Code(command.IntoCode, "intoCode") is { } badInto) return badInto;

        var into = command.IntoCode.Trim();
        var day = command.EffectiveFrom;
        if (!from.Any(c => c != into)) return Decision.Invalid("fromCodes", "'fromCodes' must name at least one commune other than 'intoCode'.");

        foreach (var code in from.Where(c => c != into))
        {
            if (find(code!) is not { } ceasing) return Decision.Invalid("fromCodes", $"Unknown commune '{code}'.");
            if (!ceasing.IsActiveOn(day) || ceasing.ActiveFrom == day)
                return Conflict(ProblemKinds.CommuneNotInForce, $"The commune '{code}' is not in force on {day:yyyy-MM-dd}" +
                                (ceasing.SuccessorCode is { } s ? $": it was merged into '{s}' from {ceasing.ActiveTo:yyyy-MM-dd}." : "."), "fromCodes");
        }

        string nameVi, province;
        var nameEn = Trimmed(command.IntoNameEn);
        if (find(into) is { } target)
        {
            if (!target.IsActiveOn(day)) return Conflict(ProblemKinds.CommuneNotInForce, $"The commune '{into}' is not in force on {day:yyyy-MM-dd}.", "intoCode");
            if (Trimmed(command.ProvinceCode) is { } p && p != target.ProvinceCode)
                return Decision.Invalid("provinceCode", $"The commune '{into}' belongs to province {target.ProvinceCode}, not {p}.");
            province = target.ProvinceCode;
            var current = target.NameOn(day);
            nameVi = Trimmed(command.IntoNameVi) ?? current.NameVi;
            nameEn ??= nameVi == current.NameVi ? current.NameEn : null;
        }
        else
        {
            var problem = Required(command.IntoNameVi, "intoNameVi") ?? Province(command.ProvinceCode, "provinceCode");
            if (problem is not null) return problem;
            nameVi = command.IntoNameVi!.Trim();
            province = command.ProvinceCode!.Trim();
        }

        // Communes are rearranged within their province (each province's arrangement is a resolution of its own of the
        // National Assembly Standing Committee); a commune of another province merged here would hand its cases and open
        // work, and the reading of them, to this province's agencies.
        for (var i = 0; i < from.Length; i++)
        {
            if (from[i] == into || find(from[i]!) is not { } merged || merged.ProvinceCode == province) continue;
            return Decision.Invalid($"fromCodes[{i}]",
                $"The commune '{merged.Code}' belongs to province {merged.ProvinceCode}, not {province}: communes merge within one province.");
        }

        return Decision.Accept(new CommunesMerged(from!, into, nameVi, day, nameEn, province, Trimmed(command.LegalBasis)));
    }
}
