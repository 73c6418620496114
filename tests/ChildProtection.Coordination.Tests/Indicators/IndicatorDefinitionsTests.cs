using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Indicators;
using ChildProtection.Coordination.Tests.Support;
namespace ChildProtection.Coordination.Tests.Indicators;

/// <summary>The indicator table is data: the docs print it, its categories are the code's, and the fold counts only what it defines.</summary>
public sealed class IndicatorDefinitionsTests
{
    private static readonly IndicatorDefinitions Definitions = IndicatorDefinitions.Current;

    public static string Table()
    {
        var lines = new List<string>
        {
            "| id | code | chỉ tiêu | indicator | kind | definition | events counted | split by |",
            "|---|---|---|---|---|---|---|---|",
        };
        foreach (var d in Definitions.Indicators)
            lines.Add($"| `{d.Id}` | {d.Code ?? "—"} | {d.NameVi} | {d.NameEn} | {d.Kind.ToString().ToLowerInvariant()}{(d.Target is { } t ? $" (target {t * 100:0}%)" : "")} | {d.Definition} | {string.Join(", ", d.Counts)} | {string.Join(", ", d.Disaggregations)} |");
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void the_docs_print_the_indicator_table_as_it_is_in_the_data() =>
        Docs.Section("indicators.md", "indicator-table").ShouldBe(Table(), "Paste this table into docs/indicators.md between the indicator-table markers:\n" + Table());

    [Fact]
    public void the_fixed_categories_are_the_codes_own()
    {
        Definitions.Split("channel").Categories.ShouldBe(Enum.GetNames<ReportChannel>(), "a new intake channel needs its row in indicators.v1.json");
        Definitions.Split("sex").Categories.ShouldBe(Enum.GetNames<Sex>());
        Definitions.Split("harm-form").Categories.ShouldBe(Enum.GetNames<HarmForm>());
        Definitions.Split("age-group").Categories.ShouldBe(AgeGroups.All);
        Definitions.Split("outcome").Categories!.Order().ShouldBe(ClosureReasonCodes.All.Concat(["substantiated", "unfounded", "pending"]).Distinct().Order());
        Definitions.Split("setting").Categories.ShouldBe([.. Enum.GetNames<HarmSetting>(), "unrecorded"], "a new setting needs its row in indicators.v1.json");
        Definitions.Split("special-group").Categories.ShouldBe([.. Enum.GetNames<SpecialCircumstanceGroup>(), "none-recorded"]);
        Definitions.Split("decision").Categories.ShouldBe([.. Enum.GetNames<ProceedingsDecision>(), "pending"]);
    }

    [Fact]
    public void every_indicator_names_known_splits_and_the_events_it_counts()
    {
        Definitions.Indicators.Select(i => i.Id).ShouldBeUnique();
        foreach (var indicator in Definitions.Indicators)
        {
            indicator.Disaggregations.ShouldAllBe(d => Definitions.Disaggregations.Any(x => x.Id == d));
            indicator.Counts.ShouldNotBeEmpty();
            indicator.NameVi.ShouldNotBeNullOrWhiteSpace();
            indicator.Definition.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void the_fold_counts_every_defined_indicator_and_nothing_undefined()
    {
        var received = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(7));
        var rec = received.AddHours(1);
        var handoff = new HandoffFact { Id = Guid.NewGuid(), Task = HandoffTask.VerifyAndAssess, At = received, Rec = rec, Agency = [new("ubnd-a", rec)], Due = [new(received.AddHours(12), rec)] };
        var facts = new CaseIndicatorFacts
        {
            Id = Guid.NewGuid(), Commune = "c", ReceivedAt = received, ReportedRec = rec, Sex = Sex.Female, AgeGroup = "6-10",
            HarmForms = [HarmForm.SexualAbuse], CrimeSigns = true, Proceedings = [new("Instituted", received.AddDays(5), rec)],
            Verifications = [new(received.AddHours(2), rec, true)], Assessments = [new("plan", received.AddHours(3), rec)],
            Services = [new(ServiceLabels.InitialAssessment, received.AddHours(3), rec), new(ServiceLabels.LegalAid, received.AddDays(2), rec),
                new(ServiceLabels.SchoolReintegration, received.AddDays(3), rec)],
            Separations = [new(Guid.NewGuid(), received.AddHours(4), rec, new Timed(received.AddDays(10), rec))],
            Handoffs = [handoff, new HandoffFact { Id = Guid.NewGuid(), Task = HandoffTask.Escalation, Escalates = handoff.Id, At = received.AddHours(13), Rec = rec,
                Agency = [new("syt", rec)], Due = [new(received.AddHours(40), rec)] }],
            Breaches = [new("ubnd-a", received.AddHours(12), rec)],
        };
        var counted = IndicatorFold.Compute([facts], ReportingPeriod.Parse("2026")!, received.AddDays(60)).NonZero().Keys
            .Select(k => k.Split('|')).ToList();
        counted.Select(k => k[0]).Distinct().Order().ShouldBe(Definitions.Indicators.Select(i => i.Id).Order());
        foreach (var key in counted) Definitions.Find(key[0]).Disaggregations.ShouldContain(key[1]);
    }
}
