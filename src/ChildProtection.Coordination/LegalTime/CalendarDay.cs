namespace ChildProtection.Coordination.LegalTime;

/// <summary>Whether a day counts towards working-day clocks (ngày làm việc) or is a day off (ngày nghỉ).</summary>
public enum DayKind
{
    WorkingDay,
    DayOff,
}

/// <summary>Why a day is a working day or a day off. An amendment beats a holiday, which beats a weekend.</summary>
public enum DayReason
{
    /// <summary>Monday to Friday with nothing else on it.</summary>
    Weekday,

    /// <summary>Nghỉ hằng tuần: Saturday or Sunday, the weekly rest of state agencies.</summary>
    Weekend,

    /// <summary>Ngày nghỉ lễ, tết (Labour Code 45/2019/QH14 Art. 112(1)), whatever day of the week it falls on.</summary>
    PublicHoliday,

    /// <summary>Nghỉ bù: the next working day after a public holiday that fell on a weekend (Art. 111(3)).</summary>
    CompensatoryDayOff,

    /// <summary>An operator amendment: an extra day off, such as a day bridged between a holiday and a weekend (ngày nghỉ hoán đổi).</summary>
    AmendedDayOff,

    /// <summary>An operator amendment: a make-up working day (ngày làm bù), or a default holiday the government moved.</summary>
    AmendedWorkingDay,
}

/// <summary>One day of the legal calendar with its reason; <see cref="Name"/> names the holiday or carries the amendment's reason.</summary>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, DayReason Reason, string? Name = null)
{
    public bool IsWorkingDay => Kind == DayKind.WorkingDay;
}

/// <summary>
/// An operator's change to the defaults for one date, copied from the government's yearly announcement
/// (thông báo nghỉ lễ, tết): an extra day off, a make-up working day, or a default holiday cancelled
/// because the government placed it elsewhere. An amendment is the last word on its date.
/// </summary>
public sealed record CalendarAmendment(DateOnly Date, DayKind Kind, string Reason);
