using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases.GetCase;

namespace ChildProtection.Coordination.Tests.Audit;

/// <summary>
/// The history and the export open every sealed member of every event (identity, free text, health data) without cutting
/// them to a view, so only a caller whose view of the case is the full one may read them: the permission matrix and the
/// views must agree, whatever either of them becomes.
/// </summary>
public sealed class HistoryReadersTests
{
    [Fact]
    public void whoever_may_read_a_cases_history_or_export_it_sees_the_whole_case_anyway()
    {
        var readers = 0;
        foreach (var role in Roles.All)
        foreach (var action in new[] { CaseAction.ReadHistory, CaseAction.Export })
        {
            var cell = CasePermissions.Cell(role, action);
            foreach (var (_, relation) in CasePermissions.Letters.Where(l => cell.HasFlag(l.Relation)))
            {
                CaseViews.KindFor(role, relation).ShouldBe(CaseViewKind.Full, $"{role} may {action} as {relation}");
                readers++;
            }
        }
        readers.ShouldBeGreaterThan(0);
    }
}
