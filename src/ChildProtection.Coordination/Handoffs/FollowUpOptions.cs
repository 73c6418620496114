using System.ComponentModel.DataAnnotations;
namespace ChildProtection.Coordination.Handoffs;

/// <summary>Whether the plan-approval clock keeps running from the report when a returned plan comes back, or restarts.</summary>
public enum ApprovalClockOnResubmission
{
    /// <summary>ND56 Art. 30 as written: approved within 7 working days in total from the report, returns or not.</summary>
    FromReport,
    /// <summary>A revised draft gets the Chair's own share again (<see cref="FollowUpOptions.ChairShareWorkingDays"/>) from its resubmission.</summary>
    Restart,
}

/// <summary>The case's life after the report, as configuration (section <c>FollowUp</c>): figures DOMAIN.md marks unconfirmed.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUp";

    /// <summary>Đánh giá lại: the plan's results are reviewed every this many months (Form 06); the next review is work in the commune's inbox.</summary>
    [Range(1, 24)] public int ReviewIntervalMonths { get; set; } = 3;

    /// <summary>How long before a temporary separation's term ends the Chair is warned to end or extend it.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "15.00:00:00")] public TimeSpan SeparationWarningLead { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How the plan-approval clock counts after the Chair returned a plan.</summary>
    public ApprovalClockOnResubmission ApprovalClock { get; set; } = ApprovalClockOnResubmission.FromReport;

    /// <summary>The Chair's own share of the 7 working days (about 2, unconfirmed): used when <see cref="ApprovalClock"/> restarts.</summary>
    [Range(1, 10)] public int ChairShareWorkingDays { get; set; } = 2;

    /// <summary>After a review recommends closing, the Chair closes the case within this many working days.</summary>
    [Range(1, 30)] public int CloseAfterReviewWorkingDays { get; set; } = 5;

    /// <summary>A case with no other open work gets a follow-up in its commune's inbox, due in this many working days.</summary>
    [Range(1, 90)] public int FollowUpWorkingDays { get; set; } = 10;
}
