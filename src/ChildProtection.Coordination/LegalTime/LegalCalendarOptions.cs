using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Coordination.LegalTime;

/// <summary>Which day joins 2 September as the second National Day holiday; the Prime Minister picks each year (Art. 112(3)).</summary>
public enum NationalDayAdjacent
{
    /// <summary>1 September.</summary>
    Before,

    /// <summary>3 September.</summary>
    After,
}

/// <summary>
/// The public holidays as data (section <c>LegalCalendar</c>). The defaults follow the Labour Code
/// 45/2019/QH14 Art. 111–112; the government fixes the exact Tết and National Day days every year and
/// swaps days around them, which an operator enters as <see cref="Amendments"/>.
/// </summary>
public sealed class LegalCalendarOptions : IValidatableObject
{
    public const string Section = "LegalCalendar";

    /// <summary>Tết days off before mùng 1: 1 is the last day of the old year (29 or 30 tháng Chạp).</summary>
    [Range(0, 10)] public int TetDaysBefore { get; set; } = 1;

    /// <summary>Tết days off from mùng 1 onwards, mùng 1 included: 4 means mùng 1 to mùng 4. With the day before, 5 days (Art. 112(1)(b)).</summary>
    [Range(1, 10)] public int TetDaysFromNewYear { get; set; } = 4;

    /// <summary>The second day of Quốc khánh when a year has no entry in <see cref="NationalDayAdjacentByYear"/>.</summary>
    [EnumDataType(typeof(NationalDayAdjacent))] public NationalDayAdjacent NationalDayAdjacent { get; set; } = NationalDayAdjacent.Before;

    /// <summary>The government's choice for particular years, e.g. 2024 → After (2 and 3 September 2024).</summary>
    public Dictionary<int, NationalDayAdjacent> NationalDayAdjacentByYear { get; set; } = [];

    /// <summary>Nghỉ bù: a holiday on a Saturday or Sunday gives the next working day off (Art. 111(3)).</summary>
    public bool CompensateWeekendHolidays { get; set; } = true;

    /// <summary>Solar-date holidays the law may add later (e.g. the proposed Vietnamese Culture Day, 24/11).</summary>
    public List<FixedHoliday> AdditionalHolidays { get; set; } = [];

    public List<CalendarAmendment> Amendments { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (a, i) in Amendments.Select((a, i) => (a, i)))
        {
            if (a is null) { yield return new($"Amendment {i} is empty.", [nameof(Amendments)]); continue; }
            if (!Enum.IsDefined(a.Kind)) yield return new($"Amendment {i} ({a.Date:yyyy-MM-dd}) has no valid kind.", [nameof(Amendments)]);
            if (string.IsNullOrWhiteSpace(a.Reason)) yield return new($"Amendment {i} ({a.Date:yyyy-MM-dd}) needs a reason.", [nameof(Amendments)]);
            if (a.Date.Year is < VietnameseLunarCalendar.MinYear or > VietnameseLunarCalendar.MaxYear)
                yield return new($"Amendment {i} ({a.Date:yyyy-MM-dd}) is outside the supported years.", [nameof(Amendments)]);
        }
        // Two amendments for one date would make the calendar depend on their order.
        foreach (var date in Amendments.Where(a => a is not null).GroupBy(a => a.Date).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return new($"More than one amendment for {date:yyyy-MM-dd}.", [nameof(Amendments)]);
        foreach (var (h, i) in AdditionalHolidays.Select((h, i) => (h, i)))
        {
            if (h is null || string.IsNullOrWhiteSpace(h.Name) || h.Month is < 1 or > 12 || h.Day < 1 || h.Day > DateTime.DaysInMonth(2001, h.Month))
                yield return new($"Additional holiday {i} needs a name and a valid day and month (not 29 February).", [nameof(AdditionalHolidays)]);
        }
        foreach (var (year, choice) in NationalDayAdjacentByYear)
            if (!Enum.IsDefined(choice)) yield return new($"National Day choice for {year} is not Before or After.", [nameof(NationalDayAdjacentByYear)]);
    }
}

/// <summary>A holiday on the same solar date every year from <see cref="FromYear"/> on.</summary>
public sealed class FixedHoliday
{
    public int Month { get; set; }
    public int Day { get; set; }
    public string Name { get; set; } = "";
    public int? FromYear { get; set; }

    internal bool AppliesIn(int year) => FromYear is null || year >= FromYear;
}
