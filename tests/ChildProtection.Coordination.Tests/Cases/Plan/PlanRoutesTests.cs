using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Plan;
namespace ChildProtection.Coordination.Tests.Cases.Plan;

/// <summary>/plan (Form 04) and /plan/approval (Form 05).</summary>
public sealed class PlanRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<CaseSummary> Summary(Guid caseId) =>
        await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).Read<CaseSummary>();

    // POST /api/cases/{caseId}/plan

    [Fact]
    public async Task the_officer_drafts_a_plan_and_gets_its_id()
    {
        var caseId = await Api.NeedsAssessed();

        var body = await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/plan", Bodies.Plan())).ShouldBeAccepted(caseId);

        var drafted = (await Api.Events(caseId))[^1].Data.ShouldBeOfType<SupportPlanDrafted>();
        body.Id.ShouldBe(drafted.PlanId);
        drafted.Services.Single().Kind.ShouldBe(ServiceKind.MedicalCare);
        var summary = await Summary(caseId);
        summary.Stage.ShouldBe(CaseStage.PlanDrafted);
        summary.Plan!.Status.ShouldBe(PlanStatus.Drafted);
        summary.OpenWork.ShouldContain(w => w.Kind == "plan-approval" && w.Id == drafted.PlanId);
        summary.Clocks.Single(c => c.Name == "plan-drafted").MetAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task a_plan_before_the_detailed_assessment_is_a_conflict()
    {
        var caseId = await Api.RiskAssessed();
        var problem = await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/plan", Bodies.Plan())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.StepOutOfOrder);
        problem.Detail().ShouldContain("Form 03");
        (await Api.Version(caseId)).ShouldBe(2);
    }

    public static TheoryData<string, Func<DraftPlan, DraftPlan>> InvalidPlans => new()
    {
        { "goals", p => p with { Goals = " " } },
        { "services", p => p with { Services = [] } },
        { "services[0].description", p => p with { Services = [p.Services[0] with { Description = "" }] } },
        { "services[0].dueDate", p => p with { Services = [p.Services[0] with { DueDate = Bodies.Today.AddDays(-3) }] } },
        { "services[1].dueDate", p => p with { Services = [p.Services[0], p.Services[0] with { DueDate = Bodies.Today.AddDays(-1) }] } },
    };

    [Theory, MemberData(nameof(InvalidPlans))]
    public async Task a_plan_that_cannot_be_carried_out_is_a_400_naming_the_field(string field, Func<DraftPlan, DraftPlan> change)
    {
        var caseId = await Api.NeedsAssessed();

        var response = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/plan", change(Bodies.Plan()));

        (await response.ShouldBeInvalid(field)).Field().ShouldBe(field);
        (await Api.Version(caseId)).ShouldBe(3);
    }

    [Theory]
    [InlineData("services.0.provider", "\"Hospital\"")]
    [InlineData("services.0.kind", "\"Therapy\"")]
    [InlineData("services.0.dueDate", "\"soon\"")]
    public async Task a_plan_service_with_an_unknown_value_is_a_400_naming_it(string path, string value)
    {
        var caseId = await Api.NeedsAssessed();
        var body = JsonEdit.Set(Bodies.Json(Bodies.Plan()), path, System.Text.Json.Nodes.JsonNode.Parse(value));

        await (await Api.As(Roles.CommuneOfficer).PostRaw($"/api/cases/{caseId}/plan", body)).ShouldBeInvalid(JsonEdit.ErrorPath(path));
    }

    [Fact]
    public async Task an_approved_plan_is_replaced_only_after_a_review_asking_to_replan()
    {
        var (caseId, firstPlan) = await Api.PlanApproved();
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/plan", Bodies.Plan())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.PlanAlreadyApproved);

        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/reviews", Bodies.Review(ReviewRecommendation.Replan));
        var body = await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/plan", Bodies.Plan())).ShouldBeAccepted(caseId);

        body.Id.ShouldNotBe(firstPlan);
        (await Summary(caseId)).Plan!.PlanId.ShouldBe(body.Id!.Value);
    }

    [Theory]
    [InlineData(Roles.CommuneChair)]
    [InlineData(Roles.SocialWorker)]
    public async Task only_the_commune_officer_drafts_the_plan(string role)
    {
        var caseId = await Api.NeedsAssessed();
        await (await Api.As(role).PostJson($"/api/cases/{caseId}/plan", Bodies.Plan())).ShouldHave(HttpStatusCode.Forbidden);
        (await Api.Version(caseId)).ShouldBe(3);
    }

    // POST /api/cases/{caseId}/plan/approval

    [Fact]
    public async Task the_chair_approves_the_drafted_plan()
    {
        var (caseId, planId) = await Api.PlanDrafted();

        await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/plan/approval", Bodies.Approve(planId))).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<SupportPlanApproved>().PlanId.ShouldBe(planId);
        var summary = await Summary(caseId);
        summary.Stage.ShouldBe(CaseStage.PlanApproved);
        summary.Plan!.Status.ShouldBe(PlanStatus.Approved);
        summary.Plan.ApprovedAt.ShouldNotBeNull();
        summary.Clocks.Single(c => c.Name == "plan-approved").MetAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task approving_the_plan_closes_its_approval_work()
    {
        var (caseId, planId) = await Api.PlanDrafted();
        (await Summary(caseId)).OpenWork.ShouldContain(w => w.Kind == "plan-approval" && w.Id == planId);

        await Api.Step(Roles.CommuneChair, $"/api/cases/{caseId}/plan/approval", Bodies.Approve(planId));

        (await Summary(caseId)).OpenWork.ShouldNotContain(w => w.Kind == "plan-approval");
    }

    [Fact]
    public async Task a_new_plan_replaces_the_approval_work_of_the_old_one()
    {
        var (caseId, _) = await Api.PlanApproved();
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/reviews", Bodies.Review(ReviewRecommendation.Replan));

        var second = await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/plan", Bodies.Plan());

        (await Summary(caseId)).OpenWork.Where(w => w.Kind == "plan-approval").Select(w => w.Id).ShouldBe([second.Id]);
    }

    [Fact]
    public async Task approving_when_no_plan_is_drafted_is_a_conflict()
    {
        var caseId = await Api.NeedsAssessed();
        await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/plan/approval", Bodies.Approve(Guid.NewGuid()))).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.StepOutOfOrder);
    }

    [Fact]
    public async Task approving_another_plan_than_the_current_one_is_a_conflict()
    {
        var (caseId, planId) = await Api.PlanDrafted();
        var other = Guid.NewGuid();

        var problem = await (await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/plan/approval", Bodies.Approve(other))).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.PlanNotCurrent);

        problem.Detail().ShouldContain(planId.ToString());
        (await Api.Version(caseId)).ShouldBe(4);
    }

    [Theory]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.Admin)]
    public async Task only_the_chair_approves_the_plan(string role)
    {
        var (caseId, planId) = await Api.PlanDrafted();
        await (await Api.As(role).PostJson($"/api/cases/{caseId}/plan/approval", Bodies.Approve(planId))).ShouldHave(HttpStatusCode.Forbidden);
        (await Api.Version(caseId)).ShouldBe(4);
    }

    [Fact]
    public async Task an_approval_without_a_plan_id_is_a_400_naming_it()
    {
        var (caseId, _) = await Api.PlanDrafted();
        await (await Api.As(Roles.CommuneChair).PostRaw($"/api/cases/{caseId}/plan/approval", "{}")).ShouldBeInvalid("planId");
    }
}
