using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.EmergencyProtection;

/// <summary>Emergency protection and temporary separation, at most 15 days unless extended (ND56 Art. 28, Form 07).</summary>
public sealed class EmergencyProtectionDecisionTests
{
    private static Decision Order(OrderEmergencyProtection command, CaseRulesOptions? rules = null) =>
        OrderEmergencyProtectionEndpoint.Decide(Given.Case(Reported(), RiskAssessed()), command, Chair(rules: rules));

    private static OrderEmergencyProtection Separation(TimeSpan length, DateTimeOffset? orderedAt = null) =>
        new("removed from home", true, "shelter", (orderedAt ?? Given.Now) + length, orderedAt);

    private static Decision Extend(ExtendSeparation command, params object[] history) =>
        ExtendSeparationEndpoint.Decide(Given.Case([Reported(), .. history]), OrderId, command, Chair());

    private static Decision End(EndEmergencyProtection command, params object[] history) =>
        EndEmergencyProtectionEndpoint.Decide(Given.Case([Reported(), .. history]), OrderId, command, Chair());

    [Fact]
    public void protection_without_separation_is_ordered_with_no_end()
    {
        var decision = Order(new OrderEmergencyProtection("daily visits", false));

        var ordered = decision.ShouldAcceptOne<EmergencyProtectionOrdered>();
        ((Decision.Accepted)decision).ResourceId.ShouldBe(ordered.OrderId);
        ordered.ShouldBe(new EmergencyProtectionOrdered(Given.CaseId, ordered.OrderId, Given.Now, "daily visits", false, null, null));
    }

    [Fact]
    public void a_separation_of_exactly_15_days_is_accepted()
    {
        Order(Separation(TimeSpan.FromDays(15))).ShouldAcceptOne<EmergencyProtectionOrdered>()
            .SeparationEndsAt.ShouldBe(Given.Now.AddDays(15));
    }

    [Fact]
    public void a_separation_of_15_days_and_a_minute_is_invalid()
    {
        Order(Separation(TimeSpan.FromDays(15) + TimeSpan.FromMinutes(1))).ShouldReject(400, "separationEndsAt");
    }

    [Fact]
    public void the_15_days_run_from_when_the_separation_was_ordered_not_from_when_it_was_recorded()
    {
        var orderedAt = Given.Now.AddDays(-3);

        Order(Separation(TimeSpan.FromDays(15), orderedAt)).ShouldAcceptOne<EmergencyProtectionOrdered>().OrderedAt.ShouldBe(orderedAt);
        Order(Separation(TimeSpan.FromDays(15) + TimeSpan.FromMinutes(1), orderedAt)).ShouldReject(400, "separationEndsAt");
    }

    [Fact]
    public void a_configured_maximum_of_10_days_changes_the_limit()
    {
        var rules = new CaseRulesOptions { MaxSeparationDays = 10 };

        Order(Separation(TimeSpan.FromDays(10)), rules).ShouldAccept();
        Order(Separation(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1)), rules).ShouldReject(400, "separationEndsAt");
        Order(Separation(TimeSpan.FromDays(15)), rules).ShouldReject(400, "separationEndsAt");
    }

    [Fact]
    public void a_separation_without_an_end_is_invalid()
    {
        Order(new OrderEmergencyProtection("removed", true, "shelter")).ShouldReject(400, "separationEndsAt");
    }

    [Fact]
    public void a_separation_ending_when_it_is_ordered_is_invalid()
    {
        Order(Separation(TimeSpan.Zero)).ShouldReject(400, "separationEndsAt");
    }

    [Fact]
    public void an_end_given_for_protection_without_separation_is_invalid()
    {
        Order(new OrderEmergencyProtection("daily visits", false, null, Given.Now.AddDays(3))).ShouldReject(400, "separationEndsAt");
    }

    [Fact]
    public void a_separation_without_a_placement_is_invalid()
    {
        Order(new OrderEmergencyProtection("removed", true, " ", Given.Now.AddDays(3))).ShouldReject(400, "placement");
    }

    [Fact]
    public void an_order_without_measures_is_invalid()
    {
        Order(new OrderEmergencyProtection("", false)).ShouldReject(400, "measures");
    }

    [Fact]
    public void a_separation_is_extended_beyond_15_days_by_a_further_decision()
    {
        var newEnd = Ordered(days: 15).OrderedAt.AddDays(40);

        var extended = Extend(new ExtendSeparation(newEnd, "home still unsafe"), Ordered(days: 15)).ShouldAcceptOne<SeparationExtended>();

        extended.ShouldBe(new SeparationExtended(Given.CaseId, OrderId, Given.Now, newEnd, "home still unsafe"));
    }

    [Fact]
    public void extending_to_no_later_than_the_current_end_is_invalid()
    {
        var order = Ordered(days: 10);

        Extend(new ExtendSeparation(order.SeparationEndsAt!.Value, "unsafe"), order).ShouldReject(400, "newEndsAt");
    }

    [Fact]
    public void extending_an_unknown_order_is_not_found()
    {
        Extend(new ExtendSeparation(Given.Now.AddDays(5), "unsafe")).ShouldReject(404);
    }

    [Fact]
    public void extending_protection_that_is_not_a_separation_is_a_conflict()
    {
        Extend(new ExtendSeparation(Given.Now.AddDays(5), "unsafe"), Ordered(separation: false)).ShouldReject(409, ProblemKinds.NotASeparation);
    }

    [Fact]
    public void extending_an_ended_separation_is_a_conflict()
    {
        Extend(new ExtendSeparation(Given.Now.AddDays(5), "unsafe"), Ordered(), OrderEnded()).ShouldReject(409, ProblemKinds.OrderEnded);
    }

    [Fact]
    public void extending_without_a_reason_is_invalid()
    {
        Extend(new ExtendSeparation(Given.Now.AddDays(5), ""), Ordered()).ShouldReject(400, "reason");
    }

    [Fact]
    public void ending_an_order_in_force_is_accepted()
    {
        End(new EndEmergencyProtection("home is safe"), Ordered()).ShouldAcceptOne<EmergencyProtectionEnded>()
            .ShouldBe(new EmergencyProtectionEnded(Given.CaseId, OrderId, Given.Now, "home is safe"));
    }

    [Fact]
    public void ending_an_unknown_order_is_not_found()
    {
        End(new EndEmergencyProtection("home is safe")).ShouldReject(404);
    }

    [Fact]
    public void ending_an_order_twice_is_a_conflict()
    {
        End(new EndEmergencyProtection("home is safe"), Ordered(), OrderEnded()).ShouldReject(409, ProblemKinds.OrderEnded);
    }

    [Fact]
    public void ending_an_order_before_it_was_made_is_invalid()
    {
        var order = Ordered();

        End(new EndEmergencyProtection("home is safe", order.OrderedAt.AddMinutes(-1)), order).ShouldReject(400, "occurredAt");
    }

    [Fact]
    public void ending_an_order_without_a_reason_is_invalid()
    {
        End(new EndEmergencyProtection(" "), Ordered()).ShouldReject(400, "reason");
    }
}
