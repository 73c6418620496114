using System.Data.Common;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// The Npgsql pool settings the service runs with, unless the connection string sets them itself.
/// A report borrows a pooled connection about 25 times on its way (the request, the pathway, the inbox, the seals,
/// the clocks). By default Npgsql sends DISCARD ALL each time, which also throws away the plans of Marten's
/// PL/pgSQL functions (the event append, the projection progress): a profile showed the append costing 2.5× as
/// much after a DISCARD as without. Nothing in the service leaves session state on a pooled connection (advisory
/// locks are released or transaction-scoped, listening uses its own connection), so the reset is skipped, and the
/// statements Marten and Wolverine repeat are prepared once per connection. See docs/operations.md.
/// </summary>
public static class ConnectionTuning
{
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["No Reset On Close"] = "true",
        ["Max Auto Prepare"] = "100",
        ["Auto Prepare Min Usages"] = "2",
    };

    // Npgsql's other spellings of the same keys: an operator's own value wins whichever spelling they used.
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["No Reset On Close"] = ["NoResetOnClose"],
        ["Max Auto Prepare"] = ["MaxAutoPrepare"],
        ["Auto Prepare Min Usages"] = ["AutoPrepareMinUsages"],
    };

    public static string Apply(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var (key, value) in Defaults)
        {
            if (builder.ContainsKey(key) || Synonyms[key].Any(builder.ContainsKey)) continue;
            builder[key] = value;
        }
        return builder.ConnectionString;
    }
}
