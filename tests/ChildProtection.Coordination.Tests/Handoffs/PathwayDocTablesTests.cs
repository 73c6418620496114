using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Tests.Support;

namespace ChildProtection.Coordination.Tests.Handoffs;

/// <summary>docs/handoffs-and-legal-time.md prints the pathway's version 2 and the legal-basis table generated from the data; these keep them equal.</summary>
public sealed class PathwayDocTablesTests
{
    private static string Section(string name) => Docs.Section("handoffs-and-legal-time.md", name);

    private static string Condition(PathwayRule r)
    {
        var parts = new List<string>();
        if (r.ReceivedByAnyOf is { } by) parts.Add("taken by " + string.Join(", ", by));
        if (r.HarmAnyOf is { } harm) parts.Add("harm: " + string.Join(", ", harm));
        if (r.CrimeSigns is { } signs) parts.Add(signs ? "signs of a crime (`CaseRules:CrimeSigns`)" : "no sign of a crime");
        if (r.EmergencyMeasuresNeeded is { } emergency) parts.Add(emergency ? "emergency measures needed" : "no emergency measures");
        if (r.PlanCalledFor is { } plan) parts.Add(plan ? "the assessment calls for a plan (`CaseRules:PlanAtRiskLevels`, emergency measures)" : "no plan called for");
        if (r.SuspectedCrime is { } suspected) parts.Add(suspected ? "marked a suspected crime" : "not marked a suspected crime");
        if (r.ForwardedToInvestigation is { } forwarded) parts.Add(forwarded ? "passed on to the investigation agency" : "not passed on");
        if (r.ExamKinds is { } exams) parts.Add("examination: " + string.Join(", ", exams));
        if (r.ForEachService) parts.Add("each service" + (r.ServiceKinds is { } kinds ? " of kind " + string.Join(", ", kinds) : "")
                                        + (r.ExcludeServiceKinds is { } but ? " but " + string.Join(", ", but) : ""));
        if (r.Once) parts.Add("unless the case already has this task");
        return parts.Count == 0 ? "—" : string.Join("; ", parts);
    }

    private static string Agency(PathwayRule r)
    {
        var kind = r.To?.ToString() ?? "the kind the plan names";
        var who = r.ToChildsSchool ? $"the child's own school when in the directory, else {kind}" : kind;
        return $"{who}, {(r.Where == RoutingPlace.ChildCommune ? "serving the child's commune" : "serving the case's commune")}";
    }

    private static string Clock(DueRule due)
    {
        var from = due.From switch { ClockStart.Report => " from the report", ClockStart.Trigger => " from the trigger", _ => "" };
        if (due.From == ClockStart.ServiceDueDate) return "the service's due date";
        if (due.Clock is { } id && LegalClocks.Find(id) is { } clock)
            return $"`{id}`: {(clock.Hours is { } h ? $"{h} clock hours" : $"{clock.WorkingDays} working days")}{from}";
        return (due.ClockHours is { } hours ? $"{hours} clock hours" : $"{due.WorkingDays} working days") + from;
    }

    private static string Cite(Citation c) => $"{c.Law}, {c.Article}{(c.Form is null ? "" : $", {c.Form}")}{(c.Unconfirmed ? " *(unconfirmed)*" : "")}";

    public static string PathwayTable(PathwayDefinition definition)
    {
        var lines = new List<string>
        {
            "| rule | on | condition | to | task | clock | legal basis |",
            "|---|---|---|---|---|---|---|",
        };
        foreach (var r in definition.Rules)
            lines.Add($"| `{r.Id}` | `{r.On}` | {Condition(r)} | {Agency(r)} | {r.Task} | {Clock(r.Due)} | {Cite(LegalBasis.Find(r.Citation)!)} |");
        foreach (var r in BuiltInRules.All)
            lines.Add($"| `{r.Id}` | {(r == BuiltInRules.Escalation ? "a clock falls due, the work open" : "`HandoffDeclined`")} | {r.Says} | " +
                      $"{(r == BuiltInRules.SendOn ? "the next agency of the same kind" : "the supervising agency")} | " +
                      $"{(r == BuiltInRules.SendOn ? "the same task" : "Escalation")} | {(r == BuiltInRules.Escalation ? "`Handoffs:EscalationWindow`" : "the original due time")} | " +
                      $"{Cite(LegalBasis.Find(r.Citation)!)} |");
        return string.Join("\n", lines) + "\n";
    }

    public static string LegalBasisTable()
    {
        var lines = new List<string> { "| citation | law | article | form | says | events |", "|---|---|---|---|---|---|" };
        foreach (var c in LegalBasis.Table)
        {
            var events = string.Join(", ", LegalBasis.Events.Where(e => e.Value == c.Id).Select(e => $"`{e.Key}`").Order(StringComparer.Ordinal));
            lines.Add($"| `{c.Id}` | {c.Law} | {c.Article}{(c.Unconfirmed ? " *(unconfirmed)*" : "")} | {c.Form ?? "—"} | {c.Says} | {(events.Length > 0 ? events : "—")} |");
        }
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void the_docs_print_the_pathway_version_2_as_it_is_in_the_data() =>
        Section("pathway-v2").ShouldBe(PathwayTable(PathwayDefinition.Load(2)),
            "Paste this table into docs/handoffs-and-legal-time.md between the pathway-v2 markers:\n" + PathwayTable(PathwayDefinition.Load(2)));

    [Fact]
    public void the_docs_print_the_legal_basis_table_as_it_is_in_the_code() =>
        Section("legal-basis").ShouldBe(LegalBasisTable(), "Paste this table into docs/handoffs-and-legal-time.md between the legal-basis markers:\n" + LegalBasisTable());
}
