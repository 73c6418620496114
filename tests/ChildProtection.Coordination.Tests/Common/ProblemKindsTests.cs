using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Tests.Common;

/// <summary>Every kind of problem has its own <c>type</c>, and docs/agencies.md lists them as they are in the code.</summary>
public sealed class ProblemKindsTests
{
    public static string KindsTable() =>
        string.Join("\n", new[] { "| kind | status | meaning |", "|---|---|---|" }
            .Concat(ProblemKinds.All.Select(k => $"| `{k.Name}` | {k.Status} | {k.Meaning} |"))) + "\n";

    [Fact]
    public void the_docs_list_every_problem_kind_as_it_is_in_the_code() =>
        Docs.Section("agencies.md", "problem-kinds").ShouldBe(KindsTable(), "Paste this table into docs/agencies.md between the problem-kinds markers:\n" + KindsTable());

    [Fact]
    public void each_kind_has_its_own_stable_type()
    {
        ProblemKinds.All.Count.ShouldBeGreaterThan(30);
        ProblemKinds.All.Select(k => k.Type).ShouldBeUnique();
        ProblemKinds.All.ShouldAllBe(k => System.Text.RegularExpressions.Regex.IsMatch(k.Name, "^[a-z]+(-[a-z]+)*$"));
        ProblemKinds.CaseClosed.Type.ShouldBe("urn:problem-type:cp:case-closed");
        Uri.IsWellFormedUriString(ProblemKinds.StaleVersion.Type, UriKind.Absolute).ShouldBeTrue();
    }
}
