namespace ChildProtection.Coordination.Common;

/// <summary>
/// Why a request was refused, as a client can branch on it: the problem's <c>type</c> is
/// <c>urn:problem-type:cp:{Name}</c>, a name rather than an address (RFC 9457 §3.1.1 lets a type be a URI that
/// resolves nowhere). Two refusals with different reasons have different kinds; one reason met by two
/// steps shares its kind. A kind, once published, keeps its name and status.
/// </summary>
public sealed record ProblemKind(string Name, int Status, string Meaning)
{
    public const string TypePrefix = "urn:problem-type:cp:";
    public string Type => TypePrefix + Name;
}

/// <summary>Every kind of problem the API answers with; docs/agencies.md prints this list (pinned by a test).</summary>
public static class ProblemKinds
{
    public static readonly ProblemKind InvalidInput = new("invalid-input", 400, "A field of the request is missing, malformed or out of range; `field` names it.");
    public static readonly ProblemKind Forbidden = new("forbidden", 403, "The caller's role or agency may not do this (see the permission matrix).");
    public static readonly ProblemKind NotFound = new("not-found", 404, "No such case, or none the caller's agency is related to; or no such order, exam, interview, hand-off, consent, agency, commune or subscription.");
    public static readonly ProblemKind UnsupportedMediaType = new("unsupported-media-type", 415, "The body is not in the format the route reads (an import is `text/csv`).");
    public static readonly ProblemKind ContentTooLarge = new("content-too-large", 413, "The body is larger than the route accepts.");
    public static readonly ProblemKind TooManySignInFailures = new("too-many-sign-in-failures", 429, "Too many requests from this address failed authentication; a token that does not authenticate is refused until `Retry-After` seconds have passed (valid tokens are still served).");
    public static readonly ProblemKind StaleVersion = new("stale-version", 412, "`If-Match` names an older version of the case; nothing was appended.");
    public static readonly ProblemKind IdempotencyKeyReused = new("idempotency-key-reused", 422, "This `Idempotency-Key` was used before with a different body.");
    public static readonly ProblemKind MethodNotAllowed = new("method-not-allowed", 405, "The route exists but not for this HTTP method.");
    public static readonly ProblemKind DatabaseUnavailable = new("database-unavailable", 503, "The database cannot be reached just now; nothing was recorded. Retry after `Retry-After` seconds, with the same `Idempotency-Key`.");
    public static readonly ProblemKind FeedBusy = new("feed-busy", 503, "The feed has nothing new and this node holds as many waiting readers as it allows; retry after `Retry-After` seconds.");
    public static readonly ProblemKind ConcurrentChange = new("concurrent-change", 409, "Another write to the same case or directory entry won the race; read again and retry.");

    // A case's state forbids the step (409).
    public static readonly ProblemKind CaseClosed = new("case-closed", 409, "The case is closed; reopening is the only step it accepts.");
    public static readonly ProblemKind CaseNotClosed = new("case-not-closed", 409, "Only a closed case is reopened.");
    public static readonly ProblemKind StepOutOfOrder = new("step-out-of-order", 409, "The step this one follows is not recorded yet: the risk assessment before the detailed assessment, that before a plan, a drafted plan before its approval, an approved plan before a review, a planned return to school before its completion.");
    public static readonly ProblemKind PlanAlreadyApproved = new("plan-already-approved", 409, "The plan is approved: it is not approved again, and a new plan needs a review recommending re-planning or a reopened case.");
    public static readonly ProblemKind PlanNotCurrent = new("plan-not-current", 409, "The plan named is not the case's current plan.");
    public static readonly ProblemKind ClosureNotRecommended = new("closure-not-recommended", 409, "A case is closed only after its latest review recommends closing it.");
    public static readonly ProblemKind NotClosableWithoutPlan = new("not-closable-without-plan", 409, "A case closes without a plan only on the grounds its reason code needs (`unfounded`: a verification found the report unsubstantiated; `no-protection-need`: the risk is rated Low with no emergency measures; `referred-elsewhere`, `duplicate`: a verification is recorded), and not once a plan is approved since it was opened: that case closes after a review.");
    public static readonly ProblemKind PlanReturned = new("plan-returned", 409, "The plan was returned to the planner; a revised draft is awaited before a plan is approved or returned.");
    public static readonly ProblemKind ProtectionInForce = new("protection-in-force", 409, "Emergency protection still in force is ended before the case is closed, or merged into another.");
    public static readonly ProblemKind AlreadyRecorded = new("already-recorded", 409, "This interview session, examination or service outcome is already recorded.");
    public static readonly ProblemKind InterviewLimitReached = new("interview-limit-reached", 409, "The child already has the most interview sessions allowed on that day.");
    public static readonly ProblemKind InterviewTooLong = new("interview-too-long", 409, "An interview session lasts longer than the rules allow.");
    public static readonly ProblemKind GuardianRequired = new("guardian-required", 409, "A child under the configured age is examined with a parent or guardian present.");
    public static readonly ProblemKind NotASeparation = new("not-a-separation", 409, "Only a temporary separation is extended.");
    public static readonly ProblemKind OrderEnded = new("order-ended", 409, "The emergency protection order has already ended.");
    public static readonly ProblemKind SchoolReturnAlreadyPlanned = new("school-return-already-planned", 409, "A return to school is planned and not yet completed.");
    public static readonly ProblemKind IdentityErased = new("identity-erased", 409, "The case's identity is already erased.");
    public static readonly ProblemKind ConsentWithdrawn = new("consent-withdrawn", 409, "The consent is already withdrawn.");
    public static readonly ProblemKind SpecialCircumstanceAlreadyEstablished = new("special-circumstance-already-established", 409, "The child is already recorded in that group of special circumstances; end it before establishing it again.");
    public static readonly ProblemKind SpecialCircumstanceNotEstablished = new("special-circumstance-not-established", 409, "The child is not recorded in that group of special circumstances now, so it cannot end.");
    public static readonly ProblemKind AlreadyLinked = new("already-linked", 409, "The two cases are already linked this way (or, for a rejection, linked as the same child).");
    public static readonly ProblemKind CaseMerged = new("case-merged", 409, "The case was merged into a lead case: its work goes on there, and it takes no step (and is merged into no other case) until it is unmerged; a lead case is not merged into another.");
    public static readonly ProblemKind NotLinkedAsSameChild = new("not-linked-as-same-child", 409, "Only two cases linked as the same child are merged: link them first.");
    public static readonly ProblemKind DuplicateAlreadyRejected = new("duplicate-already-rejected", 409, "This pair of cases was already judged to be two children.");
    public static readonly ProblemKind AlreadyOwnedThere = new("already-owned-there", 409, "The case already belongs to the commune it would be transferred to.");

    // A hand-off's state forbids the answer (409).
    public static readonly ProblemKind HandoffClosed = new("handoff-closed", 409, "The handed work is no longer open (completed, declined or cancelled).");
    public static readonly ProblemKind HandoffNotRequested = new("handoff-not-requested", 409, "Only work still requested is accepted or declined; accepted or closed work is not.");
    public static readonly ProblemKind ClockStopped = new("clock-stopped", 409, "The hand-off's clock no longer runs: the work is closed or the clock stopped.");
    public static readonly ProblemKind ClockAlreadyThere = new("clock-already-there", 409, "The clock is already paused (to pause) or running (to resume).");

    // The directory's state forbids the change (409).
    public static readonly ProblemKind AlreadyExists = new("already-exists", 409, "The agency id or commune code is taken; codes are never reused.");
    public static readonly ProblemKind CommuneNotInForce = new("commune-not-in-force", 409, "The commune is not in force on the day the change takes effect.");
    public static readonly ProblemKind RenameNotLater = new("rename-not-later", 409, "A new name takes effect after the commune's last change of name.");
    public static readonly ProblemKind NameUnchanged = new("name-unchanged", 409, "The commune already has that name.");
    public static readonly ProblemKind AgencyRetired = new("agency-retired", 409, "The agency is already out of service from an earlier day.");

    // Indicators (409).
    public static readonly ProblemKind PeriodNotEnded = new("period-not-ended", 409, "A report is filed only once its period (month, half-year or year) has ended.");

    // Webhooks (409).
    public static readonly ProblemKind SubscriptionLimitReached = new("subscription-limit-reached", 409, "The agency already holds as many webhook subscriptions as `Webhooks:MaxSubscriptionsPerAgency` allows (20 by default), paused ones included; delete one before registering another.");

    /// <summary>The kind of a bare status the framework answered (routing, content negotiation): a known one, else <c>http-{status}</c>.</summary>
    public static ProblemKind ForStatus(int status) =>
        All.FirstOrDefault(k => k.Status == status && k.Name is "not-found" or "method-not-allowed" or "unsupported-media-type" or "content-too-large")
        ?? new ProblemKind($"http-{status}", status, "A status the framework answered before the service's own code ran.");

    public static readonly IReadOnlyList<ProblemKind> All = typeof(ProblemKinds)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ProblemKind))
        .Select(f => (ProblemKind)f.GetValue(null)!)
        .ToArray();
}
