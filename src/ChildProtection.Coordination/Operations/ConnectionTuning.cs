using System.Data.Common;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// The Npgsql pool settings the service runs with, unless the connection string sets them itself.
/// A report borrows a pooled connection about 25 times on its way (the request, the pathway, the inbox, the seals,
/// the clocks). By default Npgsql sends DISCARD ALL each time, which also throws away the plans of Marten's
/// PL/pgSQL functions (the event append, the projection progress): a profile showed the append costing 2.5× as
/// much after a DISCARD as without. Nothing in the service leaves session state on a pooled connection (advisory
/// locks are released or transaction-scoped, listening uses its own connection), so the reset is skipped.
/// <para>
/// Statements are auto-prepared (<c>Max Auto Prepare=100</c>): a statement used five times on a connection is prepared
/// there, and each later use skips PostgreSQL's parse, analysis and planning, and Npgsql's reading of the row description.
/// Measured on a step (docs/benchmark.md, "Prepared statements"): 2.2× the steps per second and less than half the CPU
/// in both the service and PostgreSQL. It was off from issue 12 until then, because in Npgsql 10.0.3 a statement whose
/// Bind PostgreSQL refuses in the very execution that prepares it (a NUL byte in a text parameter, 22021) is kept
/// without its row description, and its next use on that pooled connection fails for whichever request borrows it.
/// <see cref="BindGuard"/> now refuses such parameters before they are sent, on every command Marten runs
/// (Operations/PoolPoisoningTests shows the fault on a bare Npgsql pool and its absence through the service's store).
/// </para>
/// See docs/operations.md.
/// </summary>
public static class ConnectionTuning
{
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["No Reset On Close"] = "true",
        ["Max Auto Prepare"] = "100",
    };

    // Npgsql's other spellings of the same keys: an operator's own value wins whichever spelling they used.
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["No Reset On Close"] = ["NoResetOnClose"],
        ["Max Auto Prepare"] = ["MaxAutoPrepare"],
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
