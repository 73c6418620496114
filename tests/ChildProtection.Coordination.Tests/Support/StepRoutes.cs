using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.FollowUp;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Privacy;
using JasperFx.Events;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases.Transfer;
using ChildProtection.Coordination.Cases.SpecialCircumstances;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>Where an arranged step acts: the case and, for a sub-resource, its id (order, exam, interview or plan).</summary>
public sealed record Arranged(Guid CaseId, Guid? SubId = null)
{
    public static Arranged Nowhere() => new(Guid.NewGuid(), Guid.NewGuid());
}

/// <summary>
/// One step route: its template, the role that takes it, a valid body, how to bring a case to where
/// the step succeeds, and one required field of its body (with a value of the wrong JSON type for it).
/// </summary>
public sealed record StepRoute(
    string Name, string Template, string Role, CaseAction Action,
    Func<Arranged, object> Body, Func<CaseApi, Task<Arranged>> Arrange,
    string Field, Func<JsonNode?> WrongType, string? EnumField = null)
{
    public string Url(Arranged at) => Url(at.CaseId.ToString(), at.SubId ?? Guid.NewGuid());
    public string Url(string caseId, Guid? subId = null) =>
        Template.Replace("{caseId}", caseId).Replace("{sub}", (subId ?? Guid.NewGuid()).ToString());
    public string Json(Arranged at) => Bodies.Json(Body(at));
    public override string ToString() => Name;
}

public static class StepRoutes
{
    private static Func<CaseApi, Task<Arranged>> OnReported => async api => new Arranged(await api.Report());

    public static readonly IReadOnlyDictionary<string, StepRoute> All = new[]
    {
        new StepRoute("crime-report", "/api/cases/{caseId}/crime-report", Roles.PoliceOfficer, CaseAction.RecordCrimeReport,
            _ => Bodies.CrimeReport(), OnReported, "receiptNumber", () => 42),
        new StepRoute("crime-report-decision", "/api/cases/{caseId}/crime-report/decision", Roles.PoliceOfficer, CaseAction.DecideCriminalProceedings,
            _ => new DecideCriminalProceedings(ProceedingsDecision.Instituted, "QĐ-KT-2026-15"), OnReported, "decisionNumber", () => 42,
            EnumField: "decision"),
        new StepRoute("verification", "/api/cases/{caseId}/verification", Roles.CommuneOfficer, CaseAction.Verify,
            _ => Bodies.Verify(), OnReported, "substantiated", () => "yes"),
        new StepRoute("risk-assessment", "/api/cases/{caseId}/risk-assessment", Roles.CommuneOfficer, CaseAction.AssessRisk,
            _ => Bodies.Risk(), OnReported, "severityOfHarm", () => 2, EnumField: "severityOfHarm"),
        new StepRoute("emergency-protection", "/api/cases/{caseId}/emergency-protection", Roles.CommuneChair, CaseAction.OrderEmergencyProtection,
            _ => Bodies.Order(), async api => new Arranged(await api.RiskAssessed(emergency: true)), "temporarySeparation", () => "no"),
        new StepRoute("emergency-protection-extend", "/api/cases/{caseId}/emergency-protection/{sub}/extend", Roles.CommuneChair, CaseAction.ExtendSeparation,
            _ => Bodies.Extend(), async api => { var c = await api.RiskAssessed(emergency: true); return new Arranged(c, await api.Ordered(c)); },
            "newEndsAt", () => true),
        new StepRoute("emergency-protection-end", "/api/cases/{caseId}/emergency-protection/{sub}/end", Roles.CommuneChair, CaseAction.EndEmergencyProtection,
            _ => Bodies.EndOrder(), async api => { var c = await api.RiskAssessed(emergency: true); return new Arranged(c, await api.Ordered(c)); },
            "reason", () => 7),
        new StepRoute("detailed-assessment", "/api/cases/{caseId}/detailed-assessment", Roles.CommuneOfficer, CaseAction.AssessNeeds,
            _ => Bodies.Needs(), async api => new Arranged(await api.RiskAssessed()), "needs", () => "food"),
        new StepRoute("plan", "/api/cases/{caseId}/plan", Roles.CommuneOfficer, CaseAction.DraftPlan,
            _ => Bodies.Plan(), async api => new Arranged(await api.NeedsAssessed()), "services", () => new JsonObject(), EnumField: "services.0.kind"),
        new StepRoute("plan-approval", "/api/cases/{caseId}/plan/approval", Roles.CommuneChair, CaseAction.ApprovePlan,
            at => Bodies.Approve(at.SubId ?? Guid.NewGuid()), async api => { var (c, p) = await api.PlanDrafted(); return new Arranged(c, p); },
            "planId", () => "not-a-guid"),
        new StepRoute("medical-exams", "/api/cases/{caseId}/medical-exams", Roles.HealthWorker, CaseAction.RequestMedicalExam,
            _ => Bodies.RequestExam(), OnReported, "kind", () => 1, EnumField: "kind"),
        new StepRoute("medical-exams-complete", "/api/cases/{caseId}/medical-exams/{sub}/complete", Roles.HealthWorker, CaseAction.RecordMedicalExam,
            _ => Bodies.RecordExam(), async api => { var c = await api.Report(); return new Arranged(c, await api.ExamRequested(c)); },
            "guardianPresent", () => "yes"),
        new StepRoute("interviews", "/api/cases/{caseId}/interviews", Roles.PoliceOfficer, CaseAction.ScheduleInterview,
            _ => Bodies.Interview(), OnReported, "scheduledFor", () => 12),
        new StepRoute("interviews-conduct", "/api/cases/{caseId}/interviews/{sub}/conduct", Roles.PoliceOfficer, CaseAction.ConductInterview,
            _ => Bodies.Conduct(), async api => { var c = await api.Report(); return new Arranged(c, await api.InterviewScheduled(c)); },
            "duration", () => 3600),
        new StepRoute("psychosocial-support", "/api/cases/{caseId}/psychosocial-support", Roles.SocialWorker, CaseAction.ProvidePsychosocialSupport,
            _ => Bodies.Psychosocial(), OnReported, "kind", () => 5, EnumField: "kind"),
        new StepRoute("legal-aid", "/api/cases/{caseId}/legal-aid", Roles.CommuneOfficer, CaseAction.ProvideLegalAid,
            _ => Bodies.LegalAid(), OnReported, "provider", () => false),
        new StepRoute("school-reintegration", "/api/cases/{caseId}/school-reintegration", Roles.EducationOfficer, CaseAction.PlanSchoolReintegration,
            _ => Bodies.SchoolPlan(), OnReported, "targetDate", () => 20261201),
        new StepRoute("school-reintegration-complete", "/api/cases/{caseId}/school-reintegration/complete", Roles.EducationOfficer, CaseAction.CompleteSchoolReintegration,
            _ => Bodies.SchoolComplete(), async api => { var c = await api.Report(); await api.SchoolReintegrationPlanned(c); return new Arranged(c); },
            "school", () => new JsonArray()),
        new StepRoute("reviews", "/api/cases/{caseId}/reviews", Roles.CommuneOfficer, CaseAction.Review,
            _ => Bodies.Review(), async api => new Arranged((await api.PlanApproved()).CaseId), "recommendation", () => 0, EnumField: "recommendation"),
        new StepRoute("closure", "/api/cases/{caseId}/closure", Roles.CommuneChair, CaseAction.Close,
            _ => Bodies.Close(), async api => new Arranged(await api.ReviewedForClosure()), "reason", () => 1),
        new StepRoute("reopening", "/api/cases/{caseId}/reopening", Roles.CommuneChair, CaseAction.Reopen,
            _ => Bodies.Reopen(), async api => new Arranged(await api.Closed()), "reason", () => new JsonObject()),
        new StepRoute("closure-without-plan", "/api/cases/{caseId}/closure/without-plan", Roles.CommuneOfficer, CaseAction.CloseWithoutPlan,
            _ => new CloseWithoutPlan("unfounded", "Nothing happened; verified at the home."), async api =>
            {
                var c = await api.Report();
                await api.Step(Roles.CommuneOfficer, $"/api/cases/{c}/verification", new VerifyReport(false, "The child is well."));
                return new Arranged(c);
            }, "reasonCode", () => 1),
        new StepRoute("plan-return", "/api/cases/{caseId}/plan/return", Roles.CommuneChair, CaseAction.ReturnPlan,
            at => new ReturnPlan(at.SubId ?? Guid.NewGuid(), "No school support in the plan"),
            async api => { var (c, p) = await api.PlanDrafted(); return new Arranged(c, p); }, "reasons", () => 5),
        new StepRoute("plan-meetings", "/api/cases/{caseId}/plan/meetings", Roles.CommuneOfficer, CaseAction.RecordPlanningMeeting,
            _ => new RecordPlanningMeeting(DateTimeOffset.UtcNow, [new(Roles.CommuneOfficer, "ubnd-dong-hoi"), new("mother")], "Wants to stay at school", "Agree"),
            async api => new Arranged(await api.NeedsAssessed()), "participants", () => "everyone"),
        new StepRoute("services-progress", "/api/cases/{caseId}/services/{sub}/progress", Roles.CommuneOfficer, CaseAction.RecordServiceProgress,
            _ => new RecordServiceProgress(ProgressKind.Visit, "Home visit: the child is calm"), async api =>
            {
                var (c, _) = await api.PlanApproved();
                var drafted = (await api.Events(c)).Select(e => e.Data).OfType<SupportPlanDrafted>().Last();
                return new Arranged(c, drafted.Services[0].ServiceId);
            }, "kind", () => 2, EnumField: "kind"),
        new StepRoute("consents", "/api/cases/{caseId}/consents", Roles.CommuneOfficer, CaseAction.GiveConsent,
            _ => Bodies.Consent(), OnReported, "recipientKinds", () => "Integrator", EnumField: "givenBy"),
        new StepRoute("consents-withdrawal", "/api/cases/{caseId}/consents/{sub}/withdrawal", Roles.SocialWorker, CaseAction.WithdrawConsent,
            _ => Bodies.Withdraw(), async api => { var c = await api.Report(); return new Arranged(c, await api.ConsentGiven(c)); },
            "withdrawnBy", () => 1, EnumField: "withdrawnBy"),
        new StepRoute("erasure", "/api/cases/{caseId}/erasure", Roles.Admin, CaseAction.EraseIdentity,
            _ => Bodies.Erase(), OnReported, "reason", () => 3),
        new StepRoute("transfer", "/api/cases/{caseId}/transfer", Roles.CommuneOfficer, CaseAction.Transfer,
            _ => Bodies.Transfer(), OnReported, "toCommune", () => 7),
        new StepRoute("special-circumstances", "/api/cases/{caseId}/special-circumstances", Roles.CommuneOfficer, CaseAction.EstablishSpecialCircumstance,
            _ => Bodies.SpecialCircumstance(), OnReported, "group", () => 3, EnumField: "group"),
        new StepRoute("special-circumstances-end", "/api/cases/{caseId}/special-circumstances/end", Roles.SocialWorker, CaseAction.EndSpecialCircumstance,
            _ => Bodies.EndSpecialCircumstance(), async api =>
            {
                var c = await api.Report();
                await api.Step(Roles.CommuneOfficer, $"/api/cases/{c}/special-circumstances", Bodies.SpecialCircumstance());
                return new Arranged(c);
            }, "group", () => 3, EnumField: "group"),
        new StepRoute("links", "/api/cases/{caseId}/links", Roles.CommuneOfficer, CaseAction.LinkCases,
            at => new Coordination.Cases.Matching.LinkCases(at.SubId ?? Guid.NewGuid(), CaseLinkKind.SameChild, "Same child: the school confirmed"),
            TwoCases, "reason", () => 3, EnumField: "kind"),
        new StepRoute("possible-duplicates-rejection", "/api/cases/{caseId}/possible-duplicates/{sub}/rejection", Roles.CommuneOfficer, CaseAction.RejectDuplicate,
            _ => new Coordination.Cases.Matching.RejectDuplicate("Twin sisters: two children"), TwoCases, "reason", () => 3),
        new StepRoute("merge", "/api/cases/{caseId}/merge", Roles.CommuneOfficer, CaseAction.MergeCases,
            at => new Coordination.Cases.Matching.MergeCases(at.SubId ?? Guid.NewGuid(), "The school confirmed: one child reported twice"),
            LinkedAsOneChild, "reason", () => 3),
        new StepRoute("identity-corrections", "/api/cases/{caseId}/identity-corrections", Roles.CommuneOfficer, CaseAction.CorrectIdentity,
            _ => new CorrectChildIdentity("The birth certificate gives the full name", Name: "Nguyễn Thị Mai Anh", Sex: Sex.Female),
            OnReported, "reason", () => 3, EnumField: "sex"),
    }.ToDictionary(r => r.Name);

    /// <summary>The steps on a pair of cases, arranged by <see cref="TwoCases"/>.</summary>
    public static readonly string[] OnAPair = ["links", "possible-duplicates-rejection", "merge"];

    /// <summary>Two cases of the same commune, reported by the same agency: a step on a pair (a link, a rejection).</summary>
    private static Func<CaseApi, Task<Arranged>> TwoCases => async api => new Arranged(await api.Report(), await api.Report());

    /// <summary>Two such cases linked by the commune as one child: the first to be merged into the second (the lead).</summary>
    private static Func<CaseApi, Task<Arranged>> LinkedAsOneChild => async api =>
    {
        var (merged, lead) = (await api.Report(), await api.Report());
        await api.Step(Roles.CommuneOfficer, $"/api/cases/{merged}/links",
            new Coordination.Cases.Matching.LinkCases(lead, CaseLinkKind.SameChild, "Same child: the school confirmed"));
        return new Arranged(merged, lead);
    };

    public static TheoryData<string> Names => Data(All.Keys);

    /// <summary>Privacy steps that a closed case still takes: a consent can always be withdrawn, an identity always erased.</summary>
    public static readonly string[] AllowedWhenClosed = ["consents-withdrawal", "erasure", "links", "possible-duplicates-rejection"];

    public static TheoryData<string> CaseSteps => Data(All.Keys.Except(AllowedWhenClosed));
    public static TheoryData<string> WithEnums => Data(All.Values.Where(r => r.EnumField is not null).Select(r => r.Name));

    private static TheoryData<string> Data(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names) data.Add(name);
        return data;
    }
}
