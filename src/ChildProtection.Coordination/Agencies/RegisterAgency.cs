using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Agencies;

/// <summary>
/// An agency's entry: its slug id (what its tokens carry), names, kind, where it sits, when it serves
/// (<paramref name="ActiveTo"/> is the first day out of service) and, optionally, who supervises it.
/// </summary>
public sealed record RegisterAgency(
    string Id, string NameVi, AgencyKind Kind, DateOnly ActiveFrom,
    string? NameEn = null, string? ProvinceCode = null, string? CommuneCode = null,
    DateOnly? ActiveTo = null, string? SupervisingAgencyId = null);

public static class RegisterAgencyEndpoint
{
    [WolverinePost("/api/agencies", OperationId = "RegisterAgency")]
    [NonTransactional]
    [DirectoryResponses(typeof(Agency), StatusCodes.Status201Created, Write = true)]
    public static async Task<IResult> Post(RegisterAgency command, IDocumentSession session, HttpContext http)
    {
        var (admin, refused) = DirectoryWrites.Admin(http);
        if (refused is not null) return refused;
        if (command is null) return Problems.Invalid(http, "body", "A JSON request body is required.");

        var ct = http.RequestAborted;
        var agency = AgencyRules.Normalize(command);
        var commune = agency.CommuneCode is { } code ? await session.LoadAsync<Commune>(code, ct) : null;
        var supervisorKnown = agency.SupervisingAgencyId is { } s && Jurisdictions.IsValidCode(s)
                              && await session.LoadAsync<Agency>(s, ct) is not null;
        var errors = AgencyRules.Check(agency, c => c == commune?.Code ? commune : null, _ => supervisorKnown);
        if (errors.Count > 0) return Problems.Invalid(http, errors[0].Field, errors[0].Message);

        if (await session.LoadAsync<Agency>(agency.Id, ct) is { } existing)
            return Problems.From(new Decision.Rejected(ProblemKinds.AlreadyExists, "Agency exists",
                $"The id '{agency.Id}' is already the agency '{existing.NameVi}'; import a CSV row to change it.", "id"), http);

        EventHeaders.Stamp(session, http, admin!);
        session.Events.StartStream<Agency>(DirectoryStreams.Agency(agency.Id), AgencyRules.Registered(agency));
        return await DirectoryWrites.SaveAsync(session, http)
               ?? Results.Created($"/api/agencies/{agency.Id}", await session.LoadAsync<Agency>(agency.Id, ct));
    }
}
