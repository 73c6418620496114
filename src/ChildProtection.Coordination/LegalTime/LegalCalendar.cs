using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Coordination.LegalTime;

/// <summary>
/// The legal calendar: which days are working days (ngày làm việc) for the legal clocks, and the clocks'
/// arithmetic, all in Vietnam time. Built once from <see cref="LegalCalendarOptions"/> — the Labour Code
/// defaults plus the operator's amendments — and immutable after; every method is a pure function of the
/// options and its arguments (years are computed on first use and remembered).
/// </summary>
public sealed class LegalCalendar
{
    /// <summary>The Labour Code defaults with no amendments.</summary>
    public static LegalCalendar Default { get; } = new(new LegalCalendarOptions());

    private readonly LegalCalendarOptions options;
    private readonly IReadOnlyDictionary<DateOnly, CalendarAmendment> amendments;
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, CalendarDay>> years = new();

    public LegalCalendar(LegalCalendarOptions options)
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
            throw new ArgumentException("Invalid legal calendar: " + string.Join(" ", errors.Select(e => e.ErrorMessage)), nameof(options));
        // A private copy, so that changing the options object later cannot change this calendar.
        this.options = new LegalCalendarOptions
        {
            TetDaysBefore = options.TetDaysBefore,
            TetDaysFromNewYear = options.TetDaysFromNewYear,
            NationalDayAdjacent = options.NationalDayAdjacent,
            NationalDayAdjacentByYear = new(options.NationalDayAdjacentByYear),
            CompensateWeekendHolidays = options.CompensateWeekendHolidays,
            AdditionalHolidays = [.. options.AdditionalHolidays.Select(h => new FixedHoliday { Month = h.Month, Day = h.Day, Name = h.Name, FromYear = h.FromYear })],
            Amendments = [.. options.Amendments.OrderBy(a => a.Date)],
        };
        amendments = this.options.Amendments.ToDictionary(a => a.Date);
    }

    /// <summary>The defaults with these amendments.</summary>
    public LegalCalendar(params IEnumerable<CalendarAmendment> amendments)
        : this(new LegalCalendarOptions { Amendments = [.. amendments] }) { }

    public IReadOnlyList<CalendarAmendment> Amendments => options.Amendments;

    /// <summary>What a day is, and why.</summary>
    public CalendarDay Describe(DateOnly date)
    {
        if (YearOf(date.Year).TryGetValue(date, out var special)) return special;
        return PublicHolidays.IsWeekend(date)
            ? new CalendarDay(date, DayKind.DayOff, DayReason.Weekend)
            : new CalendarDay(date, DayKind.WorkingDay, DayReason.Weekday);
    }

    public DayKind KindOf(DateOnly date) => Describe(date).Kind;

    public bool IsWorkingDay(DateOnly date) => KindOf(date) == DayKind.WorkingDay;

    /// <summary>Every day off in <paramref name="year"/> other than a plain weekend — holidays (even on a weekend), nghỉ bù, amended days off — by date.</summary>
    public IReadOnlyList<(DateOnly Date, string Name)> HolidaysIn(int year) =>
        [.. YearOf(year).Values.Where(d => d.Kind == DayKind.DayOff).OrderBy(d => d.Date).Select(d => (d.Date, d.Name ?? d.Reason.ToString()))];

    /// <summary>
    /// The end (Vietnam midnight) of the <paramref name="days"/>-th working day after the Vietnam day of
    /// <paramref name="start"/>: the day of the report never counts, and the whole last day is allowed.
    /// Zero days gives the end of the start day.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = VietnamTime.DateOf(start);
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return VietnamTime.StartOf(date.AddDays(1));
    }

    /// <summary>Clock hours (giờ) run through nights, weekends and holidays alike; the result is shown in Vietnam time.</summary>
    public DateTimeOffset AddClockHours(DateTimeOffset start, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        return VietnamTime.ToVietnam(start.AddHours(hours));
    }

    /// <summary>
    /// The working days after the Vietnam day of <paramref name="from"/> up to and including the Vietnam
    /// day of <paramref name="to"/>, counted the way <see cref="AddWorkingDays"/> counts; negative when
    /// <paramref name="to"/> is the earlier.
    /// </summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var date = VietnamTime.DateOf(from).AddDays(1); date <= VietnamTime.DateOf(to); date = date.AddDays(1))
            if (IsWorkingDay(date)) count++;
        return count;
    }

    private IReadOnlyDictionary<DateOnly, CalendarDay> YearOf(int year) => years.GetOrAdd(year, y =>
    {
        var days = PublicHolidays.DefaultDaysOff(y, options, amendments).ToDictionary(d => d.Date);
        foreach (var a in options.Amendments.Where(a => a.Date.Year == y))
            days[a.Date] = new CalendarDay(a.Date, a.Kind, a.Kind == DayKind.DayOff ? DayReason.AmendedDayOff : DayReason.AmendedWorkingDay, a.Reason);
        return days;
    });
}
