using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Coordination.Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>A step recorded more than this long after (or before) it says it happened is a late entry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan LateEntryThreshold { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often an anchor is cut over every case's chain head.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan AnchorInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// PEM file of the ECDSA P-256 key that signs anchors, on the service's disk and never in the database. Created
    /// (mode 0600) when the file does not exist; <c>ops/run</c> keeps it at <c>.data/anchor-signing-key.pem</c>.
    /// Unset: anchors are cut unsigned, and the start says so.
    /// </summary>
    public string? AnchorKeyFile { get; set; }

    /// <summary>A directory outside the database where each anchor is written as a signed JSON file as it is cut.</summary>
    public string? AnchorSinkDirectory { get; set; }

    /// <summary>An HTTP endpoint that each anchor is POSTed to as it is cut (the same JSON); a failure is retried.</summary>
    public string? AnchorSinkUrl { get; set; }
}
