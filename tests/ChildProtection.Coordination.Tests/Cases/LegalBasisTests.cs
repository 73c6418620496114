using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;

namespace ChildProtection.Coordination.Tests.Cases;

/// <summary>The one table of the legal basis (Cases/LegalBasis.cs): every case event type and every pathway rule cites a row of it.</summary>
public sealed class LegalBasisTests
{
    [Fact]
    public void the_case_event_types_are_found_by_reflection()
    {
        var names = LegalBasis.CaseEventTypes.Select(t => t.Name).ToList();
        names.ShouldContain(nameof(CaseReported));
        names.ShouldContain(nameof(HandoffRequested));
        names.ShouldContain(nameof(ChildProtection.Coordination.Cases.Identity.ConsentGiven));
        names.Count.ShouldBeGreaterThanOrEqualTo(36);
        names.ShouldNotContain(nameof(ChildProtection.Coordination.Cases.Reporting.ReportCase));
    }

    [Fact]
    public void every_case_event_type_cites_its_legal_basis()
    {
        var missing = LegalBasis.CaseEventTypes.Where(t => LegalBasis.ForEvent(t) is null).Select(t => t.Name).ToList();
        missing.ShouldBeEmpty($"Add a row to LegalBasis.Events (Cases/LegalBasis.cs) for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void the_table_names_no_event_that_does_not_exist_and_no_citation_it_lacks()
    {
        var types = LegalBasis.CaseEventTypes.Select(t => t.Name).ToHashSet();
        LegalBasis.Events.Keys.Where(k => !types.Contains(k)).ShouldBeEmpty();
        LegalBasis.Events.Values.Where(id => LegalBasis.Find(id) is null).ShouldBeEmpty();
        LegalBasis.Table.Select(c => c.Id).ShouldBeUnique();
        LegalBasis.Table.ShouldAllBe(c => c.Law.Length > 0 && c.Article.Length > 0 && c.Says.Length > 0);
    }

    [Fact]
    public void every_rule_of_every_shipped_pathway_version_and_every_built_in_rule_cites_its_legal_basis()
    {
        foreach (var version in PathwayDefinition.Shipped)
        foreach (var rule in PathwayDefinition.Load(version).Rules)
            LegalBasis.Find(rule.Citation).ShouldNotBeNull($"pathway v{version} rule '{rule.Id}' cites nothing");
        BuiltInRules.All.ShouldAllBe(r => LegalBasis.Find(r.Citation) != null);
        // The follow-up rules, which take their figures from configuration, cite the same table.
        FollowUpRules.Rules.Values.ShouldAllBe(r => LegalBasis.Find(r.Citation) != null);
        FollowUpRules.Rules.Keys.ShouldBe([FollowUpRules.Review, FollowUpRules.Replan, FollowUpRules.Close, FollowUpRules.Revision,
            FollowUpRules.SeparationEnding, FollowUpRules.Reopened, FollowUpRules.KeepInView], ignoreOrder: true);
    }

    [Fact]
    public void a_definition_whose_rule_cites_nothing_is_refused_on_load()
    {
        var v2 = PathwayDefinition.Load(2);
        var broken = v2 with { Rules = [v2.Rules[0] with { Citation = "no-such-citation" }] };
        Should.Throw<InvalidOperationException>(broken.Validate).Message.ShouldContain("no-such-citation");
    }

    [Fact]
    public void escalation_cites_no_privacy_article()
    {
        LegalBasis.Find(BuiltInRules.Escalation.Citation)!.Text.ShouldNotContain("Art. 33");
        LegalBasis.ForEvent(typeof(ClockBreached))!.Text.ShouldNotContain("Art. 33");
        // Art. 33 is the privacy article of ND56.
        LegalBasis.ForEvent(typeof(ChildProtection.Coordination.Cases.Identity.ConsentGiven))!.Article.ShouldContain("ND56 Art. 33");
    }

    [Theory]
    // The steps, articles and forms of DOMAIN.md's table (ND56 Arts. 25–32).
    [InlineData(nameof(CaseReported), "Art. 25", "Form 01")]
    [InlineData(nameof(ReportVerified), "Art. 26", null)]
    [InlineData(nameof(InitialRiskAssessed), "Art. 27", "Form 02")]
    [InlineData(nameof(EmergencyProtectionOrdered), "Art. 28", "Form 07")]
    [InlineData(nameof(DetailedAssessmentCompleted), "Art. 29", "Form 03")]
    [InlineData(nameof(SupportPlanDrafted), "Art. 30", "Form 04")]
    [InlineData(nameof(SupportPlanApproved), "Art. 30", "Form 05")]
    [InlineData(nameof(PsychosocialSupportProvided), "Art. 31", null)]
    [InlineData(nameof(CaseReviewed), "Art. 32", "Form 06")]
    [InlineData(nameof(CaseClosed), "Art. 32", null)]
    public void the_articles_and_forms_of_the_steps_are_those_of_the_decree(string eventType, string article, string? form)
    {
        var citation = LegalBasis.ForEvent(LegalBasis.CaseEventTypes.Single(t => t.Name == eventType))!;
        citation.Article.ShouldContain(article);
        if (form is not null) citation.Form.ShouldBe(form);
    }

    [Fact]
    public void the_legal_clocks_carry_the_text_of_their_row()
    {
        LegalClocks.PlanDrafted.Citation.ShouldBe(LegalBasis.Find("plan")!.Text);
        LegalClocks.PlanApproved.Citation.ShouldBe(LegalBasis.Find("plan-approval")!.Text);
        LegalClocks.EmergencyDecision.Citation.ShouldContain("Form 07");
    }
}
