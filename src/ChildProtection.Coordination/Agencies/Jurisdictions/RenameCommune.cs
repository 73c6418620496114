using Wolverine.Attributes;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Agencies.JurisdictionChanges;

namespace ChildProtection.Coordination.Agencies;

/// <summary>Đổi tên: the commune carries <paramref name="NameVi"/> from <paramref name="EffectiveFrom"/>.</summary>
public sealed record RenameCommune(string NameVi, DateOnly EffectiveFrom, string? NameEn = null);

public static class RenameCommuneEndpoint
{
    [WolverinePost("/api/communes/{code}/rename", OperationId = "RenameCommune")]
    [NonTransactional]
    [DirectoryResponses(typeof(Commune), Write = true)]
    public static async Task<IResult> Post(string code, RenameCommune command, IDocumentSession session, HttpContext http)
    {
        var problem = await ApplyAsync(session, http, command, [code], find => Decide(code, command!, find));
        return problem ?? Results.Ok(await session.LoadAsync<Commune>(code.Trim(), http.RequestAborted));
    }

    public static Decision Decide(string code, RenameCommune command, Func<string, Commune?> find)
    {
        if (find(code.Trim()) is not { } commune) return Decision.NotFound($"No commune '{code}'.");
        if (Required(command.NameVi, "nameVi") is { } problem) return problem;

        var day = command.EffectiveFrom;
        if (!commune.IsActiveOn(day))
            return Conflict(ProblemKinds.CommuneNotInForce, $"The commune '{commune.Code}' is not in force on {day:yyyy-MM-dd}.", "effectiveFrom");
        if (commune.Names.Count > 0 && day <= commune.Names[^1].From)
            return Conflict(ProblemKinds.RenameNotLater, $"The commune's last change of name took effect on {commune.Names[^1].From:yyyy-MM-dd}; a new name must take effect later.", "effectiveFrom");
        var name = command.NameVi.Trim();
        var nameEn = Trimmed(command.NameEn);
        var current = commune.NameOn(day);
        if (current.NameVi == name && current.NameEn == nameEn)
            return Conflict(ProblemKinds.NameUnchanged, $"The commune '{commune.Code}' is already named '{name}'.", "nameVi");
        return Decision.Accept(new CommuneRenamed(commune.Code, name, day, nameEn));
    }
}
