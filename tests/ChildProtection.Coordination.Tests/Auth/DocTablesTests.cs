using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.GetCase;
namespace ChildProtection.Coordination.Tests.Auth;

/// <summary>docs/permissions-and-privacy.md prints the permission matrix and the need-to-know views; these keep it equal to the data.</summary>
public sealed class DocTablesTests
{
    private static string Section(string name) => Docs.Section("permissions-and-privacy.md", name);

    public static string MatrixTable()
    {
        var roles = CasePermissions.Matrix.Keys.ToList();
        var lines = new List<string>
        {
            "| action | " + string.Join(" | ", roles.Select(r => $"`{r}`")) + " |",
            "|---|" + string.Concat(roles.Select(_ => "---|")),
        };
        foreach (var action in Enum.GetValues<CaseAction>())
            lines.Add($"| {action} | " + string.Join(" | ", roles.Select(r => CasePermissions.LettersOf(CasePermissions.Cell(r, action)) is { Length: > 0 } l ? l : "—")) + " |");
        return string.Join("\n", lines) + "\n";
    }

    public static string ViewsTable()
    {
        var kinds = Enum.GetValues<CaseViewKind>();
        var lines = new List<string>
        {
            "| field | holds | " + string.Join(" | ", kinds) + " |",
            "|---|---|" + string.Concat(kinds.Select(_ => "---|")),
        };
        foreach (var field in CaseViews.Fields)
            lines.Add($"| `{field.Path}` | {field.Holds} | " + string.Join(" | ", kinds.Select(k => field.To(k) switch
            {
                Release.All => "✓",
                Release.Own => "own",
                _ => "—",
            })) + " |");
        return string.Join("\n", lines) + "\n";
    }

    public static string IndicatorTable()
    {
        var lines = new List<string> { "| role | reads the indicators of | figures | files the report |", "|---|---|---|---|" };
        foreach (var (role, grant) in IndicatorPermissions.Table)
            lines.Add($"| `{role}` | {grant.Reach} | {(grant.Statutory ? "every cell" : "small cells withheld")} | {(grant.Files ? "yes" : "—")} |");
        return string.Join("\n", lines) + "\n";
    }

    public static string ReachTable()
    {
        var lines = new List<string> { "| role | reaches | widened by the token scope |", "|---|---|---|" };
        foreach (var row in CaseReach.Table)
            lines.Add($"| `{row.Role}` | {row.Reaches} | {(row.Widened is { } scope ? $"`{scope}`: every case" : "—")} |");
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void the_docs_print_how_far_auditors_and_admins_reach_as_it_is_in_the_code() =>
        Section("case-reach").ShouldBe(ReachTable(), "Paste this table into docs/permissions-and-privacy.md between the case-reach markers:\n" + ReachTable());

    [Fact]
    public void the_docs_print_who_reads_which_indicators_as_it_is_in_the_code() =>
        Section("indicator-readers").ShouldBe(IndicatorTable(), "Paste this table into docs/permissions-and-privacy.md between the indicator-readers markers:\n" + IndicatorTable());

    [Fact]
    public void the_readme_prints_the_permission_matrix_as_it_is_in_the_code() =>
        Section("permission-matrix").ShouldBe(MatrixTable(), "Paste this table into docs/permissions-and-privacy.md between the permission-matrix markers:\n" + MatrixTable());

    [Fact]
    public void the_readme_prints_the_need_to_know_views_as_they_are_in_the_code() =>
        Section("case-views").ShouldBe(ViewsTable(), "Paste this table into docs/permissions-and-privacy.md between the case-views markers:\n" + ViewsTable());
}
