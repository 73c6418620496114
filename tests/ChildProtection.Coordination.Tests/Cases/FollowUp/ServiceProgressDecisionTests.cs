using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.FollowUp;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.FollowUp;

/// <summary>Progress notes on the plan's services (ND56 Art. 31), written by the agency providing each one.</summary>
public sealed class ServiceProgressDecisionTests
{
    private static readonly SupportPlanDrafted Plan = PlanDrafted();
    private static Guid ServiceId => Plan.Services[0].ServiceId;

    /// <summary>The plan's one service handed to <paramref name="agency"/> (the test actor's agency is agency-1).</summary>
    private static HandoffRequested HandedTo(string agency = "agency-1") => new(Given.CaseId, Guid.CreateVersion7(), "ubnd", agency,
        AgencyKind.HealthFacility, HandoffTask.ProvideService, "check-up", "ND56 Art. 31", ReportedAt.AddDays(3), ReportedAt.AddDays(8), ServiceId: ServiceId);

    private static object[] Approved(params object[] more) => [Reported(), Verified(), RiskAssessed(), NeedsAssessed(), Plan, PlanApproved(), .. more];

    private static Decision Note(object[] history, ProgressKind kind = ProgressKind.Session, string role = Roles.HealthWorker, Guid? serviceId = null) =>
        CaseDecisions.Decide(Given.Case(history), new RecordServiceProgress(kind, "first session held"), Given.Context(role),
            (c, cmd, x) => RecordServiceProgressEndpoint.Decide(c, serviceId ?? ServiceId, cmd, x));

    [Theory]
    [InlineData(ProgressKind.Visit)]
    [InlineData(ProgressKind.Session)]
    [InlineData(ProgressKind.Outcome)]
    public void the_providing_agency_notes_a_visit_a_session_or_the_outcome(ProgressKind kind)
    {
        var note = Note(Approved(HandedTo()), kind).ShouldAcceptOne<ServiceProgressRecorded>();

        (note.ServiceId, note.Kind, note.Agency, note.Summary, note.At).ShouldBe((ServiceId, kind, "agency-1", "first session held", Given.Now));
    }

    [Fact]
    public void another_agency_does_not_write_on_a_service_it_does_not_provide() =>
        Note(Approved(HandedTo("tyt-elsewhere"))).ShouldReject(403);

    [Fact]
    public void the_commune_officer_following_the_case_notes_a_home_visit() =>
        Note(Approved(HandedTo("tyt-elsewhere")), ProgressKind.Visit, Roles.CommuneOfficer).ShouldAccept();

    [Fact]
    public void a_service_not_in_the_plan_is_a_404() => Note(Approved(HandedTo()), serviceId: Guid.CreateVersion7()).ShouldReject(404);

    [Fact]
    public void progress_is_on_an_approved_plan() =>
        Note([Reported(), Verified(), RiskAssessed(), NeedsAssessed(), Plan, HandedTo()]).ShouldReject(409, ProblemKinds.StepOutOfOrder);

    [Fact]
    public void the_outcome_is_recorded_once()
    {
        var outcome = Note(Approved(HandedTo()), ProgressKind.Outcome).ShouldAcceptOne<ServiceProgressRecorded>();

        Note(Approved(HandedTo(), outcome), ProgressKind.Outcome).ShouldReject(409, ProblemKinds.AlreadyRecorded);
        Note(Approved(HandedTo(), outcome), ProgressKind.Visit).ShouldAccept();
    }

    [Fact]
    public void a_note_without_a_summary_is_a_400() =>
        RecordServiceProgressEndpoint.Decide(Given.Case(Approved(HandedTo())), ServiceId, new RecordServiceProgress(ProgressKind.Visit, " "),
            Given.Context(Roles.HealthWorker)).ShouldReject(400, "summary");
}
