using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.Access;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Steps;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Http;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>A possible duplicate the caller may read anyway: which case, how alike, and where it stands — never the child's identity.</summary>
/// <param name="LinkId">The same-child link when the pair is already confirmed.</param>
public sealed record PossibleDuplicate(Guid CaseId, double Score, IReadOnlyList<string> MatchedParts, CaseStatus Status, CaseStage Stage,
    DateTimeOffset ReceivedAt, string OwningCommune, Guid? LinkId);

/// <summary>Possible duplicates the caller may not read: only counted.</summary>
public sealed record NotShownDuplicates(int Count, int InOtherCommunes);

/// <summary>The possible duplicates of a case as one caller may know of them.</summary>
/// <param name="MatchKeyMissing">The case has no match key: its identity was erased, or it was reported before matching existed.</param>
public sealed record PossibleDuplicates(Guid CaseId, double Threshold, IReadOnlyList<PossibleDuplicate> Candidates, NotShownDuplicates NotShown,
    bool MatchKeyMissing = false);

public static class GetPossibleDuplicatesEndpoint
{
    /// <summary>
    /// Cases whose child may be this case's child, best first, each with its score and the parts that matched. A candidate the
    /// caller's agency could not read is only counted (and counted again when it lies in another commune): its existence is
    /// all that is said, so that the province, which may read both, can confirm or reject it.
    /// </summary>
    [WolverineGet("/api/cases/{caseId}/possible-duplicates", OperationId = "GetPossibleDuplicates")]
    [ReadResponses(typeof(PossibleDuplicates))]
    public static async Task<IResult> Get(Guid caseId, IQuerySession session, HttpContext http, IOptions<MatchingOptions> options)
    {
        var (refused, admitted) = await CaseGate.CheckAsync(session, http, caseId, CaseAction.FindDuplicates);
        if (refused is not null) return refused;
        return Results.Ok(await PossibleDuplicatesReader.ForAsync(session, http, admitted!.Actor, admitted.Summary, options.Value.Threshold));
    }
}

public static class PossibleDuplicatesReader
{
    public static async Task<PossibleDuplicates> ForAsync(IQuerySession session, HttpContext http, Actor actor, CaseSummary summary, double threshold)
    {
        var ct = http.RequestAborted;
        if (await MatchKeyStorage.LoadAsync(session, summary.Id, ct) is not { } key)
            return new PossibleDuplicates(summary.Id, threshold, [], new NotShownDuplicates(0, 0), MatchKeyMissing: true);
        var found = await DuplicateCandidates.FindAsync(session, key, threshold, summary.RejectedDuplicates, ct);
        if (found.Count == 0) return new PossibleDuplicates(summary.Id, threshold, [], new NotShownDuplicates(0, 0));

        var others = (await session.LoadManyAsync<CaseSummary>(ct, found.Select(c => c.CaseId))).ToDictionary(s => s.Id);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        // The caller's agency is read once for every candidate's relations, not once per candidate.
        var actorsAgency = Task.FromResult(await session.LoadAsync<Agencies.Agency>(actor.Agency, ct));
        var shown = new List<PossibleDuplicate>();
        int hidden = 0, elsewhere = 0;
        foreach (var candidate in found)
        {
            if (!others.TryGetValue(candidate.CaseId, out var other) || other.RejectedDuplicates.Contains(summary.Id)) continue;
            var access = await CaseRelationsLoader.LoadAsync(session, actor, other, now, new GateReads(actorsAgency!), ct);
            // A former owner reads a case only as it stood at its transfer: where it stands now is not for it.
            if (CasePermissions.Allows(CaseAction.Read, actor.Role, access.Relations & ~CaseRelation.Former))
                shown.Add(new PossibleDuplicate(other.Id, candidate.Match.Score, candidate.Match.Parts, other.Status, other.Stage, other.ReceivedAt,
                    other.Owner(), summary.Links.Find(l => l.OtherCaseId == other.Id && l.Kind == CaseLinkKind.SameChild)?.LinkId));
            else
            {
                hidden++;
                if (other.Owner() != summary.Owner()) elsewhere++;
            }
        }
        return new PossibleDuplicates(summary.Id, threshold, shown, new NotShownDuplicates(hidden, elsewhere));
    }
}
