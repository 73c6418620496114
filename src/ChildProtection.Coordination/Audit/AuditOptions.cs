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
}
