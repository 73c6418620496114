using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Tests.Handoffs;
using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Api;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Transfer;
namespace ChildProtection.Coordination.Tests.Cases.Transfer;

/// <summary>
/// A child moves from Đồng Hới ward (Quảng Trị, 44) to Lê Chân ward (Hải Phòng, 31) mid-case, through the real host with the
/// pathway running: the case, its open work, its clocks and who may see what follow.
/// </summary>
public sealed class TransferRoutesTests(PathwayFixture app) : PathwayIntegrationContext(app)
{
    private const string OldCommune = "ubnd-dong-hoi", NewCommune = "ubnd-le-chan";

    private async Task<JsonElement> Read(string agency, Guid caseId, string role = "commune-officer") =>
        await (await App.Client(role, agency).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);

    [Fact]
    public async Task a_child_who_moves_province_takes_the_case_its_open_work_and_its_clocks_along()
    {
        var caseId = await App.ReportByHotline([HarmForm.SexualAbuse]);
        var verify = await App.Handoff(caseId, HandoffTask.VerifyAndAssess, OldCommune);
        var exam = await App.Handoff(caseId, HandoffTask.MedicalExamination, "tyt-dong-hoi");
        var crime = await App.Handoff(caseId, HandoffTask.CrimeReport, "ca-dong-hoi");
        await App.Post("commune-officer", OldCommune, $"/api/cases/{caseId}/verification", Bodies.Verify());
        var clocksBefore = (await Read(OldCommune, caseId)).GetProperty("clocks").GetRawText();
        await (await App.Client("commune-officer", NewCommune).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.NotFound);

        var transferred = await App.Post("commune-officer", OldCommune, $"/api/cases/{caseId}/transfer", Bodies.Transfer("le-chan-ward"));

        var e = (await App.History(caseId)).Select(x => x.Data).OfType<CaseTransferred>().ShouldHaveSingleItem();
        (e.FromCommune, e.FromProvince, e.ToCommune, e.ToProvince).ShouldBe(("dong-hoi-ward", "44", "le-chan-ward", "31"));

        // The open work is re-addressed as case events, the police's crime report too (CaseRules:CriminalWorkFollowsTransfer).
        e.CriminalWorkMoves.ShouldBe(true);
        (await App.Eventually<HandoffRerouted>(caseId, r => r.HandoffId == verify.HandoffId, "the commune's work re-routed")).ToAgency.ShouldBe(NewCommune);
        (await App.Eventually<HandoffRerouted>(caseId, r => r.HandoffId == exam.HandoffId, "the examination re-routed")).ToAgency.ShouldBe("tyt-le-chan");
        (await App.Eventually<HandoffRerouted>(caseId, r => r.HandoffId == crime.HandoffId, "the crime report re-routed")).ToAgency.ShouldBe("ca-le-chan");
        await App.InInbox(NewCommune, i => i.HandoffId == verify.HandoffId, "the work in the new commune's inbox");
        await App.InInbox("ca-le-chan", i => i.HandoffId == crime.HandoffId, "the crime report in the new ward police's inbox", "police-officer");

        // The new commune owns the case: it sees all of it, with the clocks as they were, and takes the next step.
        var seen = await Read(NewCommune, caseId);
        seen.GetProperty("owningCommune").GetString().ShouldBe("le-chan-ward");
        seen.GetProperty("clocks").GetRawText().ShouldBe(clocksBefore);
        seen.GetProperty("transfers")[0].GetProperty("toProvince").GetString().ShouldBe("31");
        await App.Post("commune-officer", NewCommune, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());
        (await Read("syt-hai-phong", caseId, "health-worker")).GetProperty("id").GetGuid().ShouldBe(caseId);
        var list = await (await App.Client("commune-officer", NewCommune).GetAsync("/api/cases?pageSize=100")).ShouldHave(HttpStatusCode.OK);
        list.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("id").GetGuid() == caseId);

        // The old commune keeps what it did: the case as it stood at the transfer, and no step any more.
        var old = await Read(OldCommune, caseId);
        old.GetProperty("version").GetInt64().ShouldBe(transferred.Version);
        old.GetProperty("verified").GetBoolean().ShouldBeTrue();
        old.GetProperty("risk").ValueKind.ShouldBe(JsonValueKind.Null);
        var latest = (await Read(NewCommune, caseId)).GetProperty("version").GetInt64();
        var asked = await (await App.Client("commune-officer", OldCommune).GetAsync($"/api/cases/{caseId}?version={latest}")).ShouldHave(HttpStatusCode.OK);
        asked.GetProperty("version").GetInt64().ShouldBe(transferred.Version, "asking for a later version still stops at the transfer");
        var refused = await (await App.Client("commune-chair", OldCommune).PostJson($"/api/cases/{caseId}/risk-assessment", Bodies.Risk()))
            .ShouldHave(HttpStatusCode.Forbidden);
        refused.Detail().ShouldContain("former");
        await (await App.Client("commune-officer", OldCommune).GetAsync($"/api/cases/{caseId}/history")).ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task only_the_owning_commune_transfers_and_only_to_a_commune_in_force()
    {
        var caseId = await App.ReportByHotline();

        await (await App.Client("commune-officer", NewCommune).PostJson($"/api/cases/{caseId}/transfer", Bodies.Transfer("le-chan-ward")))
            .ShouldHave(HttpStatusCode.NotFound);
        await (await App.Client("police-officer", "ca-dong-hoi").PostJson($"/api/cases/{caseId}/transfer", Bodies.Transfer("le-chan-ward")))
            .ShouldHave(HttpStatusCode.Forbidden);
        await (await App.Client("commune-chair", OldCommune).PostJson($"/api/cases/{caseId}/transfer", Bodies.Transfer("no-such-ward")))
            .ShouldBeInvalid("toCommune");
        await (await App.Client("commune-chair", OldCommune).PostJson($"/api/cases/{caseId}/transfer", Bodies.Transfer("dong-hoi-ward")))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.AlreadyOwnedThere);
    }

    [Fact]
    public async Task work_the_pathway_asks_for_after_the_transfer_goes_to_the_new_commune()
    {
        var caseId = await App.ReportByHotline();
        await App.Handoff(caseId, HandoffTask.VerifyAndAssess, OldCommune);
        await App.Post("commune-chair", OldCommune, $"/api/cases/{caseId}/transfer", Bodies.Transfer("dong-thuan-ward"));

        await App.Post("commune-officer", "ubnd-dong-thuan", $"/api/cases/{caseId}/risk-assessment", new AssessInitialRisk(RiskLevel.High, RiskLevel.High,
            RiskLevel.Medium, RiskLevel.High, EmergencyMeasuresNeeded: true));

        await App.Handoff(caseId, HandoffTask.EmergencyDecision, "ubnd-dong-thuan");
        await App.Handoff(caseId, HandoffTask.DraftPlan, "ubnd-dong-thuan");
    }

    [Fact]
    public async Task after_a_move_to_another_province_the_police_health_the_investigation_and_the_reviews_are_those_of_the_new_place()
    {
        var caseId = await App.ReportByHotline([HarmForm.Neglect]);
        await App.Handoff(caseId, HandoffTask.VerifyAndAssess, OldCommune);
        await App.Post("commune-chair", OldCommune, $"/api/cases/{caseId}/transfer", Bodies.Transfer("le-chan-ward"));

        // A crime suspected after the move: the new ward's police, and their referral to Hải Phòng's investigation agency.
        await App.Post("commune-officer", NewCommune, $"/api/cases/{caseId}/verification", new Coordination.Cases.Verification.VerifyReport(true, "Burns", SuspectedCrime: true));
        var crime = await App.Handoff(caseId, HandoffTask.CrimeReport);
        (crime.ToAgency, crime.Commune).ShouldBe(("ca-le-chan", "le-chan-ward"));
        (await App.Handoff(caseId, HandoffTask.ChildFriendlyInterview)).ToAgency.ShouldBe("ca-le-chan");
        await App.Post("police-officer", "ca-le-chan", $"/api/cases/{caseId}/crime-report", new Coordination.Cases.Reporting.RecordCrimeReport("CA-LC-2026-7", true));
        (await App.Handoff(caseId, HandoffTask.CriminalProceedings)).ToAgency.ShouldBe("ca-hai-phong");

        // The forensic examination requested after the move: Hải Phòng's forensic centre, not Quảng Trị's.
        await App.Post("commune-officer", NewCommune, $"/api/cases/{caseId}/medical-exams", new Coordination.Cases.MedicalExam.RequestMedicalExam(
            Coordination.Cases.ExamKind.Forensic, "burns"));
        (await App.Handoff(caseId, HandoffTask.ForensicExamination)).ToAgency.ShouldBe("phapy-hai-phong");
        await App.Settled(caseId);
        (await App.History(caseId)).Select(x => x.Data).OfType<HandoffRequested>()
            .ShouldNotContain(h => h.ToAgency == "phapy-quang-tri" || h.ToAgency == "ca-dong-hoi" || h.ToAgency == "ca-quang-tri");

        // The plan's reviews, the closure and the follow-up go to the ward that owns the case now.
        await App.Post("commune-officer", NewCommune, $"/api/cases/{caseId}/risk-assessment", Bodies.Risk());
        await App.Post("commune-officer", NewCommune, $"/api/cases/{caseId}/detailed-assessment", Bodies.Needs());
        var plan = await App.Post("commune-officer", NewCommune, $"/api/cases/{caseId}/plan", Bodies.Plan());
        await App.Post("commune-chair", NewCommune, $"/api/cases/{caseId}/plan/approval", Bodies.Approve(plan.Id!.Value));
        var review = await App.Handoff(caseId, HandoffTask.ReviewCase);
        (review.ToAgency, review.Commune).ShouldBe((NewCommune, "le-chan-ward"));
        await App.Post("commune-officer", NewCommune, $"/api/cases/{caseId}/reviews", Bodies.Review(ReviewRecommendation.Close));
        (await App.Handoff(caseId, HandoffTask.CloseCase)).ToAgency.ShouldBe(NewCommune);
        (await App.History(caseId)).Select(x => x.Data).OfType<HandoffRequested>()
            .Where(h => h.Task is HandoffTask.ReviewCase or HandoffTask.CloseCase or HandoffTask.FollowUp).ShouldAllBe(h => h.ToAgency == NewCommune);
    }
}
