using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Access;
namespace ChildProtection.Coordination.Cases.GetCase;

/// <summary>Need-to-know views of a case: which parts of <see cref="CaseSummary"/> a caller gets back.</summary>
public enum CaseViewKind
{
    /// <summary>Everything: the owning commune (jurisdiction or supervising), auditors, admins; a former owning commune, of the case as it stood at the transfer.</summary>
    Full,
    /// <summary>What was reported and where the case stands: the hotline, and a commune that only reported or was handed work.</summary>
    Reporter,
    /// <summary>Police: identity, the reported harm, the crime report and the interviews.</summary>
    Police,
    /// <summary>Health: identity and the examination work.</summary>
    Health,
    /// <summary>Social work centres: identity, harm, risk, plan and reviews, but no medical findings or interview content.</summary>
    Social,
    /// <summary>Education: the child's name and school, and its own task.</summary>
    Education,
    /// <summary>A mass organisation: the child's name (with consent) and its own task.</summary>
    Task,
}

/// <summary>How much of a field a view releases: all of it, only the caller's own part (its tasks), or nothing.</summary>
public enum Release { None, Own, All }

/// <summary>One field of the case as the views release it, with what it holds.</summary>
public sealed record ViewField(string Path, string Holds, IReadOnlyDictionary<CaseViewKind, Release> ReleasedTo, bool Identity = false)
{
    public Release To(CaseViewKind kind) => ReleasedTo.GetValueOrDefault(kind, Release.None);
}

/// <summary>A case as one caller may see it, and the paths of the fields it released (for the access log).</summary>
public sealed record CaseView(JsonObject Body, IReadOnlyList<string> Released)
{
    public bool ReleasesDetails => Released.Any(f => !CaseViews.Core.Contains(f));
}

/// <summary>
/// The need-to-know rule (Law on Children Arts. 6 and 21, ND56 Art. 33: the record is private as a whole, the services
/// given included): a pure function of role, relation and the loaded summary, applied after loading — and after any
/// step that reveals sealed fields — and before answering. The field × view table of docs/permissions-and-privacy.md is printed from <see cref="Fields"/>.
/// </summary>
public static class CaseViews
{
    private const CaseViewKind F = CaseViewKind.Full, R = CaseViewKind.Reporter, P = CaseViewKind.Police, H = CaseViewKind.Health,
        S = CaseViewKind.Social, E = CaseViewKind.Education, T = CaseViewKind.Task;

    private static Dictionary<CaseViewKind, Release> All(params CaseViewKind[] kinds) => kinds.ToDictionary(k => k, _ => Release.All);

    private static Dictionary<CaseViewKind, Release> AllAndOwn(CaseViewKind[] all, CaseViewKind[] own) =>
        all.Select(k => (k, Release.All)).Concat(own.Select(k => (k, Release.Own))).ToDictionary(x => x.k, x => x.Item2);

    /// <summary>Released to every view: which case, and where it stands.</summary>
    public static readonly IReadOnlySet<string> Core = new HashSet<string> { "id", "version", "status", "stage", "receivedAt", "lastStepAt", "closedAt" };

    public static readonly IReadOnlyList<ViewField> Fields =
    [
        new("id", "the case id", All(F, R, P, H, S, E, T)),
        new("version", "the stream version (the ETag)", All(F, R, P, H, S, E, T)),
        new("status", "open or closed", All(F, R, P, H, S, E, T)),
        new("stage", "where it stands in ND56 Arts. 25–32", All(F, R, P, H, S, E, T)),
        new("receivedAt", "when the report was received", All(F, R, P, H, S, E, T)),
        new("lastStepAt", "when the latest step happened", All(F, R, P, H, S, E, T)),
        new("closedAt", "when it was closed", All(F, R, P, H, S, E, T)),
        new("channel", "how it was reported", All(F, R, P, H, S)),
        new("reportingAgency", "the agency that recorded the report", All(F, R, P, H, S)),
        new("child.name", "the child's name", All(F, R, P, H, S, E, T), Identity: true),
        new("child.sex", "the child's sex", All(F, R, P, H, S), Identity: true),
        new("child.communeOfResidence", "where the child lives", All(F, R, P, H, S), Identity: true),
        new("child.dateOfBirth", "date of birth", All(F, R, P, H, S), Identity: true),
        new("child.ageYears", "age when reported", All(F, R, P, H, S), Identity: true),
        new("child.school", "the child's school", All(F, R, P, H, S, E), Identity: true),
        new("carers", "parents or carers: name, relation, phone, address (sealed like the child's identity)", All(F, R, P, H, S), Identity: true),
        new("caseType", "abused, at risk or in special circumstances (Form 01)", All(F, R, P, H, S)),
        new("incidentCommune", "where it happened", All(F, R, P, S)),
        new("owningCommune", "the commune that owns the case: where it happened, until a transfer", All(F, R, P, H, S, E)),
        new("transfers", "the case's moves from commune to commune, with the reasons", All(F, S)),
        new("setting", "where the harm happened: family, school, online, community, tourism, workplace", All(F, R, P, S)),
        new("sexualAbuseTypes", "the acts of sexual abuse reported (Law Art. 4(8))", All(F, R, P, H, S)),
        new("specialCircumstances", "groups of Law Art. 10 the child is or was in, with the dates", All(F, S)),
        new("harmForms", "the forms of harm reported (Law Art. 4)", All(F, R, P, S)),
        new("immediateDanger", "the reporter's danger flag", All(F, R, P, S)),
        new("verified", "whether the report was verified", All(F, R, P, S)),
        new("risk", "the initial risk assessment (Form 02)", All(F, P, S)),
        new("crimeReport", "the police receipt of the crime report", All(F, P)),
        new("interviews", "child-friendly interviews, with the notes", All(F, P)),
        new("medicalExams", "examinations, with the medical findings", All(F, H)),
        new("plan", "the support plan and its services (Forms 04–05)", All(F, S)),
        new("lastReview", "the latest review's recommendation (Form 06)", All(F, S)),
        new("timesReopened", "how often it was reopened", All(F, S)),
        new("clocks", "the legal clocks", All(F, S)),
        new("clockBreaches", "how many clocks were breached", All(F, S)),
        new("consents", "consents to disclosure given and withdrawn (see Privacy)", All(F, S)),
        new("identityErased", "whether the child's identity was erased (it then reads \"[erased]\")", All(F, R, P, H, S, E, T)),
        new("closure", "why it closed without a plan: the reason code and reason", All(F, R, P, H, S)),
        new("planReturns", "plans the Chair returned, with the reasons", All(F, S)),
        new("planningMeetings", "planning meetings: participants by role and agency, the child's and the family's views", All(F, S)),
        new("serviceProgress", "progress notes on the plan's services (visit, session, outcome)", All(F, S)),
        new("reviewedRisk", "the risk as the latest review re-rated it (Form 06)", All(F, P, S)),
        new("nextReviewDueAt", "when the next scheduled review falls due", All(F, S)),
        new("links", "links to other cases (same child, same incident, same suspected perpetrator): case ids and reasons, never the other child's identity", All(F, R, P, H, S)),
        new("rejectedDuplicates", "cases judged to be another child, not offered again as possible duplicates", All(F, S)),
        new("sameChildTimeline", "the cases linked as the same child, read together: ids, kinds, dates and steps of those the caller may read, never their identity", All(F, R, P, H, S)),
        new("possibleDuplicates", "on the case as it is now, for the roles that may look for duplicates: the cases whose child may be this child, each with score and matched parts if the caller may read it, else only counted (as GET …/possible-duplicates)", All(F, R, P, H, S, E, T)),
        new("mergedInto", "the lead case this case was merged into, and the open work that moved there", All(F, S)),
        new("mergedCases", "the cases merged into this one, each with the open work it brought", All(F, S)),
        new("openWork", "work waiting on somebody; own: the kinds of work of the caller's role",
            AllAndOwn([F, S], [P, H, E])),
        new("handoffs", "work handed between agencies; own: handed to or by the caller's agency",
            AllAndOwn([F], [R, P, H, S, E, T])),
    ];

    /// <summary>The open work each role does itself, for the views that show only their own task.</summary>
    private static readonly IReadOnlyDictionary<CaseViewKind, string[]> OwnWork = new Dictionary<CaseViewKind, string[]>
    {
        [P] = ["crime-report", "interview"],
        [H] = ["medical-exam"],
        [E] = ["school-reintegration"],
    };

    /// <summary>Which view a role gets under its relation to the case.</summary>
    public static CaseViewKind KindFor(string role, CaseRelation relations) => role switch
    {
        Roles.Auditor or Roles.Admin => F,
        Roles.CommuneOfficer or Roles.CommuneChair =>
            // A former owner sees all of the case as it stood when it was transferred away (Access/FormerOwner.cs).
            (relations & (CaseRelation.Jurisdiction | CaseRelation.Supervising | CaseRelation.Any | CaseRelation.Former)) != 0 ? F : R,
        Roles.PoliceOfficer => P,
        Roles.HealthWorker => H,
        Roles.SocialWorker => S,
        Roles.EducationOfficer => E,
        Roles.HotlineOperator => R,
        _ => T,
    };

    /// <param name="role">The caller's role.</param>
    /// <param name="relations">How the caller's agency stands to the case.</param>
    /// <param name="agencyId">The caller's agency: its own hand-offs are "own".</param>
    /// <param name="summary">The case, already loaded (and revealed, where fields are sealed).</param>
    /// <param name="identityConsented">Consent on record to disclose the child's identity to this recipient; only
    /// matters where <see cref="Disclosure.NeedsConsent"/> says so.</param>
    public static CaseView For(string role, CaseRelation relations, string agencyId, CaseSummary summary, bool identityConsented = false)
    {
        var kind = KindFor(role, relations);
        var withhold = Disclosure.NeedsConsent(role) && !identityConsented;
        var source = JsonSerializer.SerializeToNode(summary, CaseJson.Options)!.AsObject();
        var body = new JsonObject();
        var released = new List<string>();
        foreach (var field in Fields)
        {
            var release = field.To(kind);
            if (release == Release.None || (field.Identity && withhold)) continue;
            var path = field.Path.Split('.');
            var value = path.Length == 1 ? source[path[0]] : source[path[0]]?[path[1]];
            if (release == Release.Own) value = Own(field.Path, value, kind, agencyId);
            if (path.Length == 1) body[path[0]] = value?.DeepClone();
            else
            {
                if (body[path[0]] is not JsonObject parent) body[path[0]] = parent = new JsonObject();
                parent[path[1]] = value?.DeepClone();
            }
            released.Add(field.Path);
        }
        return new CaseView(body, released);
    }

    private static JsonNode? Own(string path, JsonNode? value, CaseViewKind kind, string agencyId)
    {
        if (value is not JsonArray items) return value;
        bool Mine(JsonNode? item) => path switch
        {
            "openWork" => OwnWork.TryGetValue(kind, out var kinds) && kinds.Contains(item?["kind"]?.GetValue<string>()),
            "handoffs" => item?["toAgency"]?.GetValue<string>() == agencyId || item?["fromAgency"]?.GetValue<string>() == agencyId,
            _ => false,
        };
        return new JsonArray(items.Where(Mine).Select(i => i!.DeepClone()).ToArray());
    }
}
