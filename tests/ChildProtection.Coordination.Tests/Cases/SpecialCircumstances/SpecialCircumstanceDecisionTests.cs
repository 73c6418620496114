using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.SpecialCircumstances;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.LegalTime;
using static ChildProtection.Coordination.Tests.Support.History;
using CaseModel = ChildProtection.Coordination.Cases.Case;
namespace ChildProtection.Coordination.Tests.Cases.SpecialCircumstances;

/// <summary>The 14 groups of children in special circumstances (Law on Children Art. 10), established and ended with their dates.</summary>
public sealed class SpecialCircumstanceDecisionTests
{
    private static readonly DateOnly Today = VietnamTime.DateOf(Given.Now);

    private static SpecialCircumstanceEstablished Established(SpecialCircumstanceGroup group, DateOnly? on = null) =>
        new(Given.CaseId, group, on ?? Today.AddYears(-2), ReportedAt.AddDays(1));

    private static Decision Establish(CaseModel current, SpecialCircumstanceGroup group, DateOnly on, string? basis = null) =>
        SpecialCircumstanceEndpoints.DecideEstablish(current, new EstablishSpecialCircumstance(group, on, basis), Officer());

    private static Decision End(CaseModel current, SpecialCircumstanceGroup group, DateOnly on, string reason = "a carer was found") =>
        SpecialCircumstanceEndpoints.DecideEnd(current, new EndSpecialCircumstance(group, on, reason), Officer());

    [Fact]
    public void the_law_names_fourteen_groups()
    {
        // Besides them, only the stored form of a sealed health group, which is no input.
        Enum.GetValues<SpecialCircumstanceGroup>().Where(g => g != SpecialCircumstanceGroup.SealedHealthGroup).Count().ShouldBe(14);
    }

    [Fact]
    public void the_stored_form_of_a_sealed_group_is_no_input_and_a_sealed_group_in_force_is_found_as_the_pipeline_opened_it()
    {
        var current = Given.Case(Reported());
        Establish(current, SpecialCircumstanceGroup.SealedHealthGroup, Today).ShouldReject(400, "group");

        // As stored, the case knows only that some health group is in force; the step pipeline opens it for the decision.
        current.Apply(new SpecialCircumstanceEstablished(current.Id, SpecialCircumstanceGroup.SealedHealthGroup, Today, Given.Now, SealedGroup: "enc:v1:x"));
        var opened = new List<CaseModel.CurrentCircumstance> { new(SpecialCircumstanceGroup.LivingWithHiv, Today) };
        var context = Officer() with { OpenedCircumstances = opened };
        SpecialCircumstanceEndpoints.DecideEstablish(current, new EstablishSpecialCircumstance(SpecialCircumstanceGroup.LivingWithHiv, Today), context)
            .ShouldReject(409, ProblemKinds.SpecialCircumstanceAlreadyEstablished);
        SpecialCircumstanceEndpoints.DecideEnd(current, new EndSpecialCircumstance(SpecialCircumstanceGroup.LivingWithHiv, Today, "treated"), context)
            .ShouldAcceptOne<SpecialCircumstanceEnded>().Group.ShouldBe(SpecialCircumstanceGroup.LivingWithHiv);
    }

    [Fact]
    public void a_group_is_established_from_a_date_before_the_report()
    {
        var on = Today.AddYears(-3);

        var e = Establish(Given.Case(Reported()), SpecialCircumstanceGroup.OrphanedOfBothParents, on, " death certificates ").ShouldAcceptOne<SpecialCircumstanceEstablished>();

        (e.Group, e.EstablishedOn, e.RecordedAt, e.Basis).ShouldBe((SpecialCircumstanceGroup.OrphanedOfBothParents, on, Given.Now, "death certificates"));
    }

    [Fact]
    public void a_group_already_established_is_a_conflict()
    {
        var current = Given.Case(Reported(), Established(SpecialCircumstanceGroup.Disabled));

        Establish(current, SpecialCircumstanceGroup.Disabled, Today).ShouldReject(409, ProblemKinds.SpecialCircumstanceAlreadyEstablished);
        Establish(current, SpecialCircumstanceGroup.LivingWithHiv, Today).ShouldAccept();
    }

    [Fact]
    public void a_group_ends_on_a_date_and_may_then_be_established_again()
    {
        var established = Established(SpecialCircumstanceGroup.WithoutCarer, Today.AddMonths(-6));
        var ended = End(Given.Case(Reported(), established), SpecialCircumstanceGroup.WithoutCarer, Today.AddDays(-1)).ShouldAcceptOne<SpecialCircumstanceEnded>();

        (ended.Group, ended.EndedOn, ended.Reason).ShouldBe((SpecialCircumstanceGroup.WithoutCarer, Today.AddDays(-1), "a carer was found"));
        Establish(Given.Case(Reported(), established, ended), SpecialCircumstanceGroup.WithoutCarer, Today).ShouldAccept();
    }

    [Fact]
    public void a_group_not_established_does_not_end()
    {
        End(Given.Case(Reported()), SpecialCircumstanceGroup.Trafficked, Today).ShouldReject(409, ProblemKinds.SpecialCircumstanceNotEstablished);
    }

    [Fact]
    public void an_end_before_the_start_or_without_a_reason_is_invalid()
    {
        var current = Given.Case(Reported(), Established(SpecialCircumstanceGroup.Exploited, Today.AddDays(-10)));

        End(current, SpecialCircumstanceGroup.Exploited, Today.AddDays(-11)).ShouldReject(400, "endedOn");
        End(current, SpecialCircumstanceGroup.Exploited, Today, reason: " ").ShouldReject(400, "reason");
    }

    [Fact]
    public void dates_lie_in_the_childs_life_up_to_today()
    {
        var current = Given.Case(Reported(ageYears: 9));

        Establish(current, SpecialCircumstanceGroup.Abandoned, Today.AddDays(1)).ShouldReject(400, "establishedOn");
        Establish(current, SpecialCircumstanceGroup.Abandoned, Today.AddYears(-12)).ShouldReject(400, "establishedOn");
        Establish(current, SpecialCircumstanceGroup.Abandoned, DateOnly.MinValue).ShouldReject(400, "establishedOn");
        Establish(current, SpecialCircumstanceGroup.Abandoned, Today.AddYears(-9)).ShouldAccept();
    }

    [Fact]
    public void an_undefined_group_names_the_field()
    {
        Establish(Given.Case(Reported()), (SpecialCircumstanceGroup)14, Today).ShouldReject(400, "group");
    }

    [Fact]
    public void the_case_shows_each_group_with_the_dates_it_began_and_ended()
    {
        var projection = new CaseSummaryProjection();
        var summary = new CaseSummary();
        projection.Apply(Established(SpecialCircumstanceGroup.Disabled, Today.AddYears(-5)), summary);
        projection.Apply(Established(SpecialCircumstanceGroup.WithoutCarer, Today.AddMonths(-2)), summary);
        projection.Apply(new SpecialCircumstanceEnded(Given.CaseId, SpecialCircumstanceGroup.WithoutCarer, Today, Given.Now, "foster family"), summary);

        summary.SpecialCircumstances.ShouldBe([
            new SpecialCircumstancePeriod(SpecialCircumstanceGroup.Disabled, Today.AddYears(-5)),
            new SpecialCircumstancePeriod(SpecialCircumstanceGroup.WithoutCarer, Today.AddMonths(-2), Today),
        ]);
    }
}
