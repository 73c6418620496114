using Wolverine.Attributes;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Agencies.JurisdictionChanges;

namespace ChildProtection.Coordination.Agencies;

/// <summary>Records a commune (xã / phường / đặc khu) of a province, in force from <paramref name="EffectiveFrom"/>.</summary>
public sealed record EstablishCommune(string Code, string NameVi, string ProvinceCode, DateOnly EffectiveFrom, string? NameEn = null);

public static class EstablishCommuneEndpoint
{
    [WolverinePost("/api/communes", OperationId = "EstablishCommune")]
    [NonTransactional]
    [DirectoryResponses(typeof(Commune), StatusCodes.Status201Created, Write = true)]
    public static async Task<IResult> Post(EstablishCommune command, IDocumentSession session, HttpContext http)
    {
        var problem = await ApplyAsync(session, http, command, [command?.Code], find => Decide(command!, find));
        if (problem is not null) return problem;
        var code = command!.Code.Trim();
        return Results.Created($"/api/communes/{code}", await session.LoadAsync<Commune>(code, http.RequestAborted));
    }

    public static Decision Decide(EstablishCommune command, Func<string, Commune?> find)
    {
        var problem = Code(command.Code, "code") ?? Required(command.NameVi, "nameVi") ?? Province(command.ProvinceCode, "provinceCode");
        if (problem is not null) return problem;

        var code = command.Code.Trim();
        if (find(code) is { } existing)
            return Conflict(ProblemKinds.AlreadyExists, $"The code '{code}' is already the commune '{existing.NameVi}'; codes are never reused.", "code");
        return Decision.Accept(new CommuneEstablished(code, command.NameVi.Trim(), Trimmed(command.NameEn),
            command.ProvinceCode.Trim(), command.EffectiveFrom));
    }
}
