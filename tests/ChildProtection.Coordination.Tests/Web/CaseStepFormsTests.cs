using System.Reflection;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Web;
using Wolverine.Http;
using WriteModel = ChildProtection.Coordination.Cases.Case;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>
/// Which step forms the case page offers, as a pure function of the case, the caller's view of it, the caller and its
/// relation: the matrix's role and relation, and the case having something for the step (the API's own preconditions).
/// </summary>
public sealed class CaseStepFormsTests
{
    private const string Commune = "ubnd-dong-hoi";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly Guid ServiceA = Guid.NewGuid(), ServiceB = Guid.NewGuid();

    private static Actor Person(string role, string agency = Commune) => new("u-1", "Tester", agency, role);

    private static CaseSummary Open(CaseStage stage = CaseStage.RiskAssessed) => new()
    {
        Id = Guid.NewGuid(), Version = 5, Status = CaseStatus.Open, Stage = stage, ReceivedAt = At, LastStepAt = At,
        Child = new ChildDetails("Child", Sex.Female, "dong-hoi-ward", AgeYears: 9), IncidentCommune = "dong-hoi-ward",
    };

    private static CaseSummary WithApprovedPlan()
    {
        var s = Open(CaseStage.PlanApproved);
        s.Plan = new PlanSummary(Guid.NewGuid(), PlanStatus.Approved, At, At,
        [
            new PlannedService(ServiceA, ServiceKind.PsychosocialSupport, AgencyKind.SocialWorkCentre, "Weekly counselling", new DateOnly(2026, 12, 20)),
            new PlannedService(ServiceB, ServiceKind.LegalAid, AgencyKind.JusticeLegalAid, "Legal aid", new DateOnly(2026, 12, 20)),
        ]);
        s.Handoffs.Add(new HandoffSummary(Guid.NewGuid(), HandoffTask.ProvideService, Commune, "ctxh-quang-tri", HandoffState.Accepted, At, At.AddDays(10), ServiceId: ServiceA));
        s.Handoffs.Add(new HandoffSummary(Guid.NewGuid(), HandoffTask.ProvideService, Commune, "tgpl-quang-tri", HandoffState.Declined, At, At.AddDays(10), ServiceId: ServiceB));
        return s;
    }

    /// <summary>
    /// The write model beside a summary: its detailed assessment recorded when the summary's stage says so (a test of a
    /// case whose stage says nothing of it, as a reopened one, passes its write model folded from events).
    /// </summary>
    private static WriteModel WrittenOf(CaseSummary s) => new()
    {
        Id = s.Id, Status = s.Status, Stage = s.Stage,
        NeedsAssessed = s.Stage is CaseStage.NeedsAssessed or CaseStage.PlanDrafted or CaseStage.PlanApproved or CaseStage.Reviewed,
    };

    private static IReadOnlyList<(StepForm Form, Target Target)> Forms(CaseSummary s, Actor actor, CaseRelation relations, JsonObject? view = null,
        PossibleDuplicates? duplicates = null, WriteModel? written = null) =>
        CaseStepForms.For(new FormScope(s, view ?? new JsonObject(), actor, duplicates, written ?? WrittenOf(s)), relations);

    private static string[] Names(CaseSummary s, Actor actor, CaseRelation relations, JsonObject? view = null, PossibleDuplicates? duplicates = null,
        WriteModel? written = null) =>
        Forms(s, actor, relations, view, duplicates, written).Select(f => f.Form.Name).Distinct().ToArray();

    [Fact]
    public void the_planning_meeting_is_offered_to_the_commune_once_the_needs_are_assessed_and_to_nobody_else()
    {
        Names(Open(CaseStage.RiskAssessed), Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).ShouldNotContain("RecordPlanningMeeting");
        var assessed = Open(CaseStage.NeedsAssessed);
        Names(assessed, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).ShouldContain("RecordPlanningMeeting");
        Names(assessed, Person(Roles.CommuneChair), CaseRelation.Jurisdiction).ShouldContain("RecordPlanningMeeting");
        // A commune that only reported the case, a social work centre handed work, the hotline: not theirs.
        Names(assessed, Person(Roles.CommuneOfficer), CaseRelation.Reporting).ShouldNotContain("RecordPlanningMeeting");
        Names(assessed, Person(Roles.SocialWorker, "ctxh-quang-tri"), CaseRelation.Handed).ShouldNotContain("RecordPlanningMeeting");
        Names(assessed, Person(Roles.HotlineOperator, "hotline-111"), CaseRelation.Reporting).ShouldNotContain("RecordPlanningMeeting");
    }

    [Fact]
    public void a_reopened_case_whose_needs_were_assessed_offers_the_planning_meeting_as_the_api_takes_it()
    {
        // Assessed, closed and reopened: the summary's stage is Reopened, with no plan and no work waiting.
        var at = Given.Now;
        var assessed = Given.Case(Given.Reported(), new DetailedAssessmentCompleted(Given.CaseId, at, ["safety"], "needs"),
            new CaseClosed(Given.CaseId, at.AddDays(1), "safe", "no-protection-need"), new CaseReopened(Given.CaseId, at.AddDays(2), "new bruises"));
        var reopened = Open(CaseStage.Reopened);
        reopened.Id = Given.CaseId;
        Names(reopened, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction, written: assessed).ShouldContain("RecordPlanningMeeting");
        // The API takes it: the same predicate decides both.
        var meeting = new ChildProtection.Coordination.Cases.Plan.RecordPlanningMeeting(at.AddDays(3), [new("officer")], "views", "views");
        ChildProtection.Coordination.Cases.Plan.RecordPlanningMeetingEndpoint.Decide(assessed, meeting, Given.Context(now: at.AddDays(3))).ShouldAccept();

        // Reopened before any assessment: neither the form nor the API's step.
        var never = Given.Case(Given.Reported(), new CaseClosed(Given.CaseId, at.AddDays(1), "unfounded", "unfounded"),
            new CaseReopened(Given.CaseId, at.AddDays(2), "new bruises"));
        Names(reopened, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction, written: never).ShouldNotContain("RecordPlanningMeeting");
        ChildProtection.Coordination.Cases.Plan.RecordPlanningMeetingEndpoint.Decide(never, meeting, Given.Context(now: at.AddDays(3)))
            .ShouldReject(409, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public void a_service_s_progress_is_offered_to_the_agency_providing_it_and_to_the_commune_officer()
    {
        var s = WithApprovedPlan();
        var provider = Forms(s, Person(Roles.SocialWorker, "ctxh-quang-tri"), CaseRelation.Handed).Where(f => f.Form.Name == "RecordServiceProgress").ToList();
        provider.Select(f => f.Target.Id).ShouldBe([ServiceA]);
        provider.Single().Target.Due.ShouldBeTrue();
        // The legal-aid centre declined its service: the API refuses its notes (only the agency providing it), so no form.
        Names(s, Person(Roles.SocialWorker, "tgpl-quang-tri"), CaseRelation.Handed).ShouldNotContain("RecordServiceProgress");
        // Police handed other work is not providing a service.
        Names(s, Person(Roles.PoliceOfficer, "ca-dong-hoi"), CaseRelation.Handed).ShouldNotContain("RecordServiceProgress");
        Forms(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).Where(f => f.Form.Name == "RecordServiceProgress")
            .Select(f => f.Target.Id).ShouldBe([ServiceA, ServiceB], ignoreOrder: true);
        // The Chair directs the case but the matrix gives it no progress notes.
        Names(s, Person(Roles.CommuneChair), CaseRelation.Jurisdiction).ShouldNotContain("RecordServiceProgress");
        // Not before the plan is approved.
        s.Plan = s.Plan! with { Status = PlanStatus.Drafted };
        Names(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).ShouldNotContain("RecordServiceProgress");
    }

    [Fact]
    public void a_special_circumstance_is_recorded_by_the_commune_and_the_social_work_centre_and_ended_for_each_group_in_force()
    {
        var s = Open();
        foreach (var (role, agency, relation) in new[] { (Roles.CommuneOfficer, Commune, CaseRelation.Jurisdiction), (Roles.CommuneChair, Commune, CaseRelation.Jurisdiction),
                     (Roles.SocialWorker, "ctxh-quang-tri", CaseRelation.Handed) })
            Names(s, Person(role, agency), relation).ShouldContain("EstablishSpecialCircumstance", $"{role} under {relation}");
        foreach (var role in new[] { Roles.HealthWorker, Roles.PoliceOfficer, Roles.EducationOfficer, Roles.HotlineOperator })
            Names(s, Person(role, "x"), CaseRelation.Handed | CaseRelation.Reporting).ShouldNotContain("EstablishSpecialCircumstance", role);

        // The groups in force as the caller's view shows them (a sealed health group opened): one form each; an ended one has none.
        var view = JsonNode.Parse("""
            {"specialCircumstances":[{"group":"Abandoned","establishedOn":"2026-11-01"},
                                     {"group":"Disabled","establishedOn":"2026-10-01"},
                                     {"group":"Exploited","establishedOn":"2026-09-01","endedOn":"2026-11-15"}]}
            """)!.AsObject();
        var ends = Forms(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction, view).Where(f => f.Form.Name == "EndSpecialCircumstance").ToList();
        ends.Select(f => f.Target.Id).ShouldBe([Target.Keyed("Abandoned"), Target.Keyed("Disabled")]);
        Names(s, Person(Roles.HealthWorker, "tyt-dong-hoi"), CaseRelation.Handed, view).ShouldNotContain("EndSpecialCircumstance");
        s.Status = CaseStatus.Closed;
        Names(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction, view).ShouldNotContain("EndSpecialCircumstance");
    }

    [Fact]
    public void health_handed_an_examination_asks_for_it_first_and_records_only_an_examination_asked_for()
    {
        var s = Open();
        s.Handoffs.Add(new HandoffSummary(Guid.NewGuid(), HandoffTask.MedicalExamination, Commune, "tyt-dong-hoi", HandoffState.Accepted, At, At.AddDays(1)));
        var health = Person(Roles.HealthWorker, "tyt-dong-hoi");
        var forms = Forms(s, health, CaseRelation.Handed);
        // The API records an examination only against a request (its id): the station handed the work asks, due, and cannot record yet.
        forms.Single(f => f.Form.Name == "RequestMedicalExam").Target.Due.ShouldBeTrue();
        forms.ShouldNotContain(f => f.Form.Name == "RecordMedicalExam");

        var examId = Guid.NewGuid();
        s.OpenWork.Add(new OpenWork("medical-exam", examId, "Forensic examination", At));
        forms = Forms(s, health, CaseRelation.Handed);
        forms.Single(f => f.Form.Name == "RecordMedicalExam").Target.Id.ShouldBe(examId);
        forms.Single(f => f.Form.Name == "RequestMedicalExam").Target.Due.ShouldBeFalse();
        // Police may ask for an examination but never record one; the commune neither records.
        Names(s, Person(Roles.PoliceOfficer, "ca-dong-hoi"), CaseRelation.Handed).ShouldNotContain("RecordMedicalExam");
        Names(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).ShouldNotContain("RecordMedicalExam");
    }

    [Fact]
    public void possible_duplicates_are_confirmed_or_rejected_by_the_commune_and_never_by_the_hotline()
    {
        var s = Open();
        var other = Guid.NewGuid();
        var duplicates = new PossibleDuplicates(s.Id, 0.65,
            [new PossibleDuplicate(other, 0.9, ["name"], CaseStatus.Open, CaseStage.Reported, At, "dong-hoi-ward", null)], new NotShownDuplicates(0, 0));
        var officer = Forms(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction, duplicates: duplicates);
        officer.Where(f => f.Form.Name is "ConfirmDuplicate" or "RejectDuplicate").Select(f => f.Target.Id).ShouldBe([other, other]);
        Names(s, Person(Roles.HotlineOperator, "hotline-111"), CaseRelation.Reporting, duplicates: duplicates)
            .ShouldNotContain(n => n == "ConfirmDuplicate" || n == "RejectDuplicate" || n == "LinkCases");
        // A pair already confirmed is not offered again.
        var linked = duplicates with { Candidates = [duplicates.Candidates[0] with { LinkId = Guid.NewGuid() }] };
        Names(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction, duplicates: linked).ShouldNotContain("ConfirmDuplicate");
    }

    [Fact]
    public void a_case_linked_as_the_same_child_is_merged_into_the_other_by_the_commune_and_a_merge_is_undone_from_either_case()
    {
        var s = Open();
        var lead = Guid.NewGuid();
        var sameChild = new CaseLinkSummary(Guid.NewGuid(), lead, CaseLinkKind.SameChild, At, "one child", 0.9);
        s.Links.Add(new CaseLinkSummary(Guid.NewGuid(), Guid.NewGuid(), CaseLinkKind.SameIncident, At, "same night", null));
        s.Links.Add(sameChild);
        // Only the same-child link leads anywhere, and only the commune's officer or Chair (or the provincial health department) merges.
        Forms(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).Where(f => f.Form.Name == "MergeCases").Select(f => f.Target.Id).ShouldBe([lead]);
        Names(s, Person(Roles.PoliceOfficer, "ca-dong-hoi"), CaseRelation.Handed).ShouldNotContain("MergeCases");
        Names(s, Person(Roles.HotlineOperator, "hotline-111"), CaseRelation.Reporting).ShouldNotContain("MergeCases");
        Names(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).ShouldNotContain("UnmergeCases");

        // Merged: no second merge, and the merge is undone here…
        s.MergedInto = new MergeSummary(sameChild.LinkId, lead, At, []);
        Names(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).ShouldNotContain("MergeCases");
        Forms(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).Single(f => f.Form.Name == "UnmergeCases").Target.Id.ShouldBe(sameChild.LinkId);
        // …or on the lead case, which offers no merge of a case already merged into it.
        var leadCase = Open();
        leadCase.Links.Add(sameChild with { OtherCaseId = s.Id });
        leadCase.MergedCases.Add(new MergeSummary(sameChild.LinkId, s.Id, At, []));
        Names(leadCase, Person(Roles.CommuneChair), CaseRelation.Jurisdiction).ShouldNotContain("MergeCases");
        Forms(leadCase, Person(Roles.CommuneChair), CaseRelation.Jurisdiction).Single(f => f.Form.Name == "UnmergeCases").Target.Id.ShouldBe(sameChild.LinkId);
    }

    [Fact]
    public void only_an_admin_erases_the_identity_and_only_once()
    {
        var s = Open();
        Names(s, Person(Roles.Admin, "moh"), CaseRelation.Any).ShouldBe(["EraseIdentity"]);
        Names(s, Person(Roles.Auditor, "syt-quang-tri"), CaseRelation.Any).ShouldBeEmpty();
        Names(s, Person(Roles.CommuneChair), CaseRelation.Jurisdiction).ShouldNotContain("EraseIdentity");
        s.IdentityErased = true;
        Names(s, Person(Roles.Admin, "moh"), CaseRelation.Any).ShouldNotContain("EraseIdentity");
    }

    [Fact]
    public void a_hand_off_is_withdrawn_by_the_agency_that_handed_it_or_the_chair_and_its_clock_managed_by_the_chair()
    {
        var s = Open();
        var handoff = Guid.NewGuid();
        s.Handoffs.Add(new HandoffSummary(handoff, HandoffTask.ChildFriendlyInterview, "hotline-111", "ca-dong-hoi", HandoffState.Requested, At, At.AddDays(1)));
        Forms(s, Person(Roles.HotlineOperator, "hotline-111"), CaseRelation.Reporting).Single(f => f.Form.Name == "CancelHandoff").Target.Id.ShouldBe(handoff);
        Names(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).ShouldNotContain("CancelHandoff");
        Names(s, Person(Roles.CommuneChair), CaseRelation.Jurisdiction).ShouldContain("CancelHandoff");
        Names(s, Person(Roles.CommuneChair), CaseRelation.Jurisdiction).ShouldContain("ManageClock");
        Names(s, Person(Roles.CommuneOfficer), CaseRelation.Jurisdiction).ShouldNotContain("ManageClock");
    }

    [Fact]
    public void the_planning_meeting_form_sends_the_participants_filled_in_and_no_empty_row()
    {
        var form = CaseStepForms.Find("RecordPlanningMeeting")!;
        var posted = new Microsoft.AspNetCore.Http.FormCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["heldAt"] = "2026-12-01T09:30", ["participants[0].role"] = "commune officer", ["participants[0].agency"] = "ubnd-dong-hoi",
            ["participants[1].role"] = "mother", ["participants[1].agency"] = "", ["participants[2].role"] = "", ["participants[3].role"] = "",
            ["childViews"] = "wants to stay with her grandmother", ["familyViews"] = "agree", ["notes"] = "",
        });
        var (body, field, _) = FormBody.Read(form, posted);
        field.ShouldBeNull();
        var participants = body!["participants"]!.AsArray();
        participants.Count.ShouldBe(2);
        participants[0]!["agency"]!.GetValue<string>().ShouldBe("ubnd-dong-hoi");
        participants[1]!.AsObject().ContainsKey("agency").ShouldBeFalse();
        body["heldAt"]!.GetValue<string>().ShouldBe("2026-12-01T09:30:00+07:00");
        body.ContainsKey("notes").ShouldBeFalse();
        form.StartsRow(form.Unrolled().Single(x => x.Input.Name == "participants[1].role").Input, 1).ShouldBeTrue();
        form.StartsRow(form.Unrolled().Single(x => x.Input.Name == "participants[1].agency").Input, 1).ShouldBeFalse();
    }

    /// <summary>The steps the API takes on a closed case (<c>allowedWhenClosed</c>); every other is its 409, so no form.</summary>
    private static readonly string[] AllowedWhenClosed = ["Reopen", "WithdrawConsent", "LinkCases", "UnlinkCases", "UnmergeCases", "ConfirmDuplicate", "RejectDuplicate", "EraseIdentity"];

    [Fact]
    public void a_closed_case_offers_only_the_steps_the_api_takes_on_a_closed_case()
    {
        var s = WithApprovedPlan();
        s.Status = CaseStatus.Closed;
        s.Stage = CaseStage.Closed;
        s.OpenWork.Add(new OpenWork("medical-exam", Guid.NewGuid(), "exam", At));
        s.Links.Add(new CaseLinkSummary(Guid.NewGuid(), Guid.NewGuid(), CaseLinkKind.SameIncident, At, "same night", null));
        var view = JsonNode.Parse("""{"specialCircumstances":[{"group":"Abandoned","establishedOn":"2026-11-01"}]}""")!.AsObject();
        foreach (var role in Roles.All)
            Names(s, Person(role), CaseRelation.Jurisdiction | CaseRelation.Handed | CaseRelation.Reporting | CaseRelation.Any, view)
                .Where(n => !AllowedWhenClosed.Contains(n)).ShouldBeEmpty(role);
    }

    /// <summary>
    /// Every step the API offers on a case (a POST or DELETE under <c>/api/cases/{caseId}/</c>) and the form of the case page that
    /// takes it; Accept and Decline are the hand-off's own buttons. A new step without a form fails here.
    /// </summary>
    private static readonly Dictionary<string, string> FormOf = new()
    {
        ["RecordCrimeReport"] = "RecordCrimeReport", ["DecideCriminalProceedings"] = "DecideCriminalProceedings", ["VerifyReport"] = "Verify",
        ["AssessInitialRisk"] = "AssessRisk", ["OrderEmergencyProtection"] = "OrderEmergencyProtection", ["ExtendSeparation"] = "ExtendSeparation",
        ["EndEmergencyProtection"] = "EndEmergencyProtection", ["AssessNeeds"] = "AssessNeeds", ["DraftPlan"] = "DraftPlan", ["ApprovePlan"] = "ApprovePlan",
        ["ReturnPlan"] = "ReturnPlan", ["RecordPlanningMeeting"] = "RecordPlanningMeeting", ["RequestMedicalExam"] = "RequestMedicalExam",
        ["RecordMedicalExam"] = "RecordMedicalExam", ["ScheduleInterview"] = "ScheduleInterview", ["ConductInterview"] = "ConductInterview",
        ["ProvidePsychosocialSupport"] = "ProvidePsychosocialSupport", ["ProvideLegalAid"] = "ProvideLegalAid",
        ["RecordServiceProgress"] = "RecordServiceProgress", ["PlanSchoolReintegration"] = "PlanSchoolReintegration",
        ["CompleteSchoolReintegration"] = "CompleteSchoolReintegration", ["ReviewCase"] = "Review", ["CloseCase"] = "Close",
        ["CloseWithoutPlan"] = "CloseWithoutPlan", ["ReopenCase"] = "Reopen", ["TransferCase"] = "Transfer",
        ["EstablishSpecialCircumstance"] = "EstablishSpecialCircumstance", ["EndSpecialCircumstance"] = "EndSpecialCircumstance",
        ["GiveConsent"] = "GiveConsent", ["WithdrawConsent"] = "WithdrawConsent", ["EraseIdentity"] = "EraseIdentity",
        ["RequestHandoff"] = "RequestHandoff", ["CancelHandoff"] = "CancelHandoff", ["ManageHandoffClock"] = "ManageClock",
        ["AcceptHandoff"] = "Accept", ["DeclineHandoff"] = "Decline",
        ["MergeCases"] = "MergeCases", ["UnmergeCases"] = "UnmergeCases",
        ["LinkCases"] = "LinkCases", ["UnlinkCases"] = "UnlinkCases", ["RejectDuplicate"] = "RejectDuplicate",
    };

    /// <summary>Steps with no form, and why.</summary>
    private static readonly Dictionary<string, string> NoForm = new()
    {
        // Completing by hand names the step event that fulfilled the work (an event id from the history); the steps complete their hand-offs themselves.
        ["CompleteHandoff"] = "completed by the step that fulfils it",
    };

    [Fact]
    public void every_step_the_api_takes_on_a_case_has_a_form_on_the_case_page()
    {
        var steps = typeof(CaseStepForms).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .SelectMany(m => m.GetCustomAttributes<WolverineHttpMethodAttribute>())
            .Where(a => a is WolverinePostAttribute or WolverineDeleteAttribute && a.Template.StartsWith("/api/cases/{caseId}/", StringComparison.Ordinal))
            .Select(a => a.OperationId!)
            .ToList();
        steps.ShouldNotBeEmpty();
        steps.Where(s => !FormOf.ContainsKey(s) && !NoForm.ContainsKey(s)).ShouldBeEmpty("a case step without a form on the case page");
        var forms = CaseStepForms.All.Select(f => f.Name).Concat(["Accept", "Decline"]).ToHashSet();
        FormOf.Where(x => steps.Contains(x.Key)).Select(x => x.Value).Where(f => !forms.Contains(f)).ShouldBeEmpty();
    }
}
