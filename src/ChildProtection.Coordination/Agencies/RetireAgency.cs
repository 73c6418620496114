using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Agencies;

/// <summary>The agency stops serving on <paramref name="Effective"/>, its first day out of service, for <paramref name="Reason"/>.</summary>
public sealed record RetireAgency(DateOnly Effective, string Reason);

public static class RetireAgencyEndpoint
{
    public const int MaxReasonLength = 1000;

    [WolverinePost("/api/agencies/{agencyId}/retirement", OperationId = "RetireAgency")]
    [NonTransactional]
    [DirectoryResponses(typeof(Agency), Write = true)]
    public static async Task<IResult> Post(string agencyId, RetireAgency command, IDocumentSession session, HttpContext http)
    {
        var (admin, refused) = DirectoryWrites.Admin(http);
        if (refused is not null) return refused;
        if (command is null) return Problems.Invalid(http, "body", "A JSON request body is required.");

        var ct = http.RequestAborted;
        if (await session.LoadAsync<Agency>(agencyId, ct) is not { } agency) return Problems.NotFound(http, $"No agency '{agencyId}'.");
        var decision = Decide(agency, command);
        if (decision is Decision.Rejected rejected) return Problems.From(rejected, http);

        EventHeaders.Stamp(session, http, admin!);
        session.Events.Append(DirectoryStreams.Agency(agency.Id), ((Decision.Accepted)decision).Events.ToArray());
        return await DirectoryWrites.SaveAsync(session, http) ?? Results.Ok(await session.LoadAsync<Agency>(agency.Id, ct));
    }

    public static Decision Decide(Agency agency, RetireAgency command)
    {
        if (JurisdictionChanges.Required(command.Reason, "reason") is { } missing) return missing;
        if (command.Reason.Trim().Length > MaxReasonLength) return Decision.Invalid("reason", $"'reason' is at most {MaxReasonLength} characters.");
        if (command.Effective <= agency.ActiveFrom)
            return Decision.Invalid("effective", $"'effective' must be after the agency's first day of service, {agency.ActiveFrom:yyyy-MM-dd}.");
        if (agency.ActiveTo is { } to)
            return JurisdictionChanges.Conflict(ProblemKinds.AgencyRetired, $"The agency '{agency.Id}' is already out of service from {to:yyyy-MM-dd}.", "effective");
        return Decision.Accept(new AgencyRetired(agency.Id, command.Effective, command.Reason.Trim()));
    }
}
