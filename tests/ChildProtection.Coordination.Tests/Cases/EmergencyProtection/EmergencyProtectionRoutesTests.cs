using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.GetCase;
namespace ChildProtection.Coordination.Tests.Cases.EmergencyProtection;

/// <summary>/emergency-protection (Form 07), /emergency-protection/{orderId}/extend and /end.</summary>
public sealed class EmergencyProtectionRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private static string Orders(Guid caseId) => $"/api/cases/{caseId}/emergency-protection";

    private async Task<CaseSummary> Summary(Guid caseId) =>
        await (await Api.Get(Roles.CommuneChair, $"/api/cases/{caseId}")).Read<CaseSummary>();

    // POST /api/cases/{caseId}/emergency-protection

    [Fact]
    public async Task the_chair_orders_a_temporary_separation_and_gets_the_order_id()
    {
        var caseId = await Api.RiskAssessed(emergency: true);

        var body = await (await Api.As(Roles.CommuneChair).PostJson(Orders(caseId), Bodies.Order())).ShouldBeAccepted(caseId);

        var ordered = (await Api.Events(caseId))[^1].Data.ShouldBeOfType<EmergencyProtectionOrdered>();
        body.Id.ShouldBe(ordered.OrderId);
        ordered.TemporarySeparation.ShouldBeTrue();
        var summary = await Summary(caseId);
        summary.OpenWork.ShouldContain(w => w.Kind == "emergency-protection" && w.Id == ordered.OrderId && w.DueAt == ordered.SeparationEndsAt);
        summary.OpenWork.ShouldNotContain(w => w.Kind == "emergency-decision");
        summary.Clocks.Single(c => c.Name == "emergency-decision").MetAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task the_chair_orders_protection_without_separation()
    {
        var caseId = await Api.Report();

        var body = await (await Api.As(Roles.CommuneChair).PostJson(Orders(caseId), Bodies.Order(separation: false))).ShouldBeAccepted(caseId);

        body.Id.ShouldNotBeNull();
        var ordered = (await Api.Events(caseId))[^1].Data.ShouldBeOfType<EmergencyProtectionOrdered>();
        ordered.TemporarySeparation.ShouldBeFalse();
        ordered.SeparationEndsAt.ShouldBeNull();
    }

    public static TheoryData<string, Func<OrderEmergencyProtection, OrderEmergencyProtection>> InvalidOrders => new()
    {
        { "measures", o => o with { Measures = " " } },
        { "placement", o => o with { Placement = null } },
        { "separationEndsAt", o => o with { SeparationEndsAt = null } },
        { "separationEndsAt", o => o with { SeparationEndsAt = DateTimeOffset.UtcNow.AddHours(-1) } },
        { "separationEndsAt", o => o with { SeparationEndsAt = DateTimeOffset.UtcNow.AddDays(16) } },
        { "separationEndsAt", o => o with { TemporarySeparation = false, Placement = null } },
    };

    [Theory, MemberData(nameof(InvalidOrders))]
    public async Task an_order_the_decree_does_not_allow_is_a_400_naming_the_field(string field,
        Func<OrderEmergencyProtection, OrderEmergencyProtection> change)
    {
        var caseId = await Api.Report();

        var response = await Api.As(Roles.CommuneChair).PostJson(Orders(caseId), change(Bodies.Order()));

        (await response.ShouldBeInvalid(field)).Field().ShouldBe(field);
        (await Api.Version(caseId)).ShouldBe(1);
    }

    [Theory]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.PoliceOfficer)]
    public async Task only_the_chair_orders_emergency_protection(string role)
    {
        var caseId = await Api.Report();
        await (await Api.As(role).PostJson(Orders(caseId), Bodies.Order())).ShouldHave(HttpStatusCode.Forbidden);
        (await Api.Version(caseId)).ShouldBe(1);
    }

    // POST /api/cases/{caseId}/emergency-protection/{orderId}/extend

    [Fact]
    public async Task the_chair_extends_a_separation()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId);
        var extension = Bodies.Extend();

        await (await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{orderId}/extend", extension)).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<SeparationExtended>().NewEndsAt.ShouldBe(extension.NewEndsAt);
        (await Summary(caseId)).OpenWork.Single(w => w.Id == orderId).DueAt.ShouldBe(extension.NewEndsAt);
    }

    [Fact]
    public async Task an_extension_that_does_not_move_the_end_later_is_a_400_naming_new_ends_at()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId);

        var response = await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{orderId}/extend",
            Bodies.Extend() with { NewEndsAt = DateTimeOffset.UtcNow.AddDays(2) });

        (await response.ShouldBeInvalid("newEndsAt")).Field().ShouldBe("newEndsAt");
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task an_extension_without_a_reason_is_a_400_naming_it()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId);
        var response = await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{orderId}/extend", Bodies.Extend() with { Reason = "" });
        (await response.ShouldBeInvalid("reason")).Field().ShouldBe("reason");
    }

    [Fact]
    public async Task extending_an_order_that_is_not_a_separation_is_a_conflict()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId, separation: false);
        await (await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{orderId}/extend", Bodies.Extend())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.NotASeparation);
        (await Api.Version(caseId)).ShouldBe(2);
    }

    [Fact]
    public async Task extending_an_unknown_order_is_a_404()
    {
        var caseId = await Api.Report();
        var unknown = Guid.NewGuid();
        var problem = await (await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{unknown}/extend", Bodies.Extend())).ShouldHave(HttpStatusCode.NotFound);
        problem.Detail().ShouldContain(unknown.ToString());
        await (await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/not-a-guid/extend", Bodies.Extend())).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task only_the_chair_extends_a_separation()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId);
        await (await Api.As(Roles.CommuneOfficer).PostJson($"{Orders(caseId)}/{orderId}/extend", Bodies.Extend())).ShouldHave(HttpStatusCode.Forbidden);
    }

    // POST /api/cases/{caseId}/emergency-protection/{orderId}/end

    [Fact]
    public async Task the_chair_ends_an_order_and_its_open_work_closes()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId);

        await (await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{orderId}/end", Bodies.EndOrder())).ShouldBeAccepted(caseId);

        (await Api.Events(caseId))[^1].Data.ShouldBeOfType<EmergencyProtectionEnded>().OrderId.ShouldBe(orderId);
        (await Summary(caseId)).OpenWork.ShouldNotContain(w => w.Id == orderId);
    }

    [Fact]
    public async Task ending_an_order_twice_is_a_conflict()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId);
        await Api.Step(Roles.CommuneChair, $"{Orders(caseId)}/{orderId}/end", Bodies.EndOrder());

        await (await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{orderId}/end", Bodies.EndOrder())).ShouldHave(HttpStatusCode.Conflict, ProblemKinds.OrderEnded);
        (await Api.Version(caseId)).ShouldBe(3);
    }

    [Fact]
    public async Task ending_an_order_before_it_was_made_is_a_400_naming_occurred_at()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId);

        var response = await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{orderId}/end",
            Bodies.EndOrder() with { OccurredAt = DateTimeOffset.UtcNow.AddHours(-2) });

        (await response.ShouldBeInvalid("occurredAt")).Field().ShouldBe("occurredAt");
    }

    [Fact]
    public async Task ending_an_order_without_a_reason_is_a_400_naming_it()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId);
        var response = await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{orderId}/end", Bodies.EndOrder() with { Reason = " " });
        (await response.ShouldBeInvalid("reason")).Field().ShouldBe("reason");
    }

    [Fact]
    public async Task ending_an_unknown_order_is_a_404()
    {
        var caseId = await Api.Report();
        await (await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/{Guid.NewGuid()}/end", Bodies.EndOrder())).ShouldHave(HttpStatusCode.NotFound);
        await (await Api.As(Roles.CommuneChair).PostJson($"{Orders(caseId)}/123/end", Bodies.EndOrder())).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task only_the_chair_ends_an_order()
    {
        var caseId = await Api.Report();
        var orderId = await Api.Ordered(caseId);
        await (await Api.As(Roles.SocialWorker).PostJson($"{Orders(caseId)}/{orderId}/end", Bodies.EndOrder())).ShouldHave(HttpStatusCode.Forbidden);
    }
}
