using static ChildProtection.Coordination.LegalTime.LunarAstronomy;

namespace ChildProtection.Coordination.LegalTime;

/// <summary>Âm lịch: a day of the Vietnamese lunar calendar; <see cref="IsLeapMonth"/> marks a tháng nhuận.</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth = false)
{
    public override string ToString() => $"{Day}/{Month}{(IsLeapMonth ? " nhuận" : "")}/{Year} âm lịch";
}

/// <summary>
/// Âm lịch Việt Nam: the lunisolar calendar computed for the UTC+7 meridian (Hồ Ngọc Đức's algorithm).
/// Not <see cref="System.Globalization.ChineseLunisolarCalendar"/>: that is computed for UTC+8, and when
/// a new moon falls between 23:00 and midnight Hà Nội time the two calendars start a month a day apart —
/// or, as in 1985, a whole month apart (Tết 21 Jan 1985 in Vietnam, 20 Feb in China).
/// </summary>
public static class VietnameseLunarCalendar
{
    public const int TimeZoneHours = 7;
    public const int MinYear = 1900;
    public const int MaxYear = 2199;

    /// <summary>Tết Nguyên đán: mùng 1 tháng Giêng of <paramref name="lunarYear"/>.</summary>
    public static DateOnly NewYear(int lunarYear) => ToGregorian(lunarYear, 1, 1);

    /// <summary>Ngày cuối năm (29 or 30 tháng Chạp): the day before the next Tết.</summary>
    public static DateOnly LastDayOfYear(int lunarYear) => NewYear(lunarYear + 1).AddDays(-1);

    public static LunarDate FromGregorian(DateOnly date)
    {
        if (date.Year is < MinYear or > MaxYear + 1)
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Supported for lunar years {MinYear} to {MaxYear}.");
        var jd = JulianDay(date);
        // The mean-moon estimate can miss by one either way (the published code gives "day 0" on
        // 2054-05-07 and 2062-04-09), so step back from the next new moon until one is on or before the day.
        var k = NewMoonIndexBefore(jd) + 1;
        while (NewMoonDay(k, TimeZoneHours) > jd) k--;
        var monthStart = NewMoonDay(k, TimeZoneHours);

        var window = Window.Of(monthStart >= MonthEleven(date.Year) ? date.Year + 1 : date.Year);
        var offset = (int)Math.Round((monthStart - window.Start) / 29.530588853);
        var (month, leap) = window.MonthAt(offset);
        var year = offset < window.FirstMonthOffset ? window.Year - 1 : window.Year;
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Supported for lunar years {MinYear} to {MaxYear}.");
        return new LunarDate(year, month, jd - monthStart + 1, leap);
    }

    public static DateOnly ToGregorian(LunarDate date) => ToGregorian(date.Year, date.Month, date.Day, date.IsLeapMonth);

    public static DateOnly ToGregorian(int lunarYear, int lunarMonth, int lunarDay, bool leapMonth = false)
    {
        if (lunarYear is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(lunarYear), lunarYear, $"Supported from {MinYear} to {MaxYear}.");
        if (lunarMonth is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(lunarMonth), lunarMonth, "1 to 12.");
        var (start, length) = MonthOf(lunarYear, lunarMonth, leapMonth);
        if (lunarDay < 1 || lunarDay > length)
            throw new ArgumentOutOfRangeException(nameof(lunarDay), lunarDay, $"Month {lunarMonth}/{lunarYear} has {length} days.");
        return FromJulianDay(start + lunarDay - 1);
    }

    /// <summary>29 (tháng thiếu) or 30 (tháng đủ).</summary>
    public static int DaysInMonth(int lunarYear, int lunarMonth, bool leapMonth = false) => MonthOf(lunarYear, lunarMonth, leapMonth).Length;

    /// <summary>The month that tháng nhuận repeats in <paramref name="lunarYear"/>, or null in a 12-month year.</summary>
    public static int? LeapMonthOf(int lunarYear)
    {
        // Months 1–10 sit in the window that ends with this year's month 11; a leap 11 or 12 in the next one.
        if (Window.Of(lunarYear).LeapMonth is { } early && early <= 10) return early;
        if (Window.Of(lunarYear + 1).LeapMonth is { } late && late >= 11) return late;
        return null;
    }

    private static (int Start, int Length) MonthOf(int lunarYear, int lunarMonth, bool leapMonth)
    {
        var window = Window.Of(lunarMonth >= 11 ? lunarYear + 1 : lunarYear);
        var offset = lunarMonth >= 11 ? lunarMonth - 11 : lunarMonth + 1;
        if (leapMonth)
        {
            if (window.LeapMonth != lunarMonth)
                throw new ArgumentException($"Lunar year {lunarYear} has no leap month {lunarMonth}.", nameof(leapMonth));
            offset = window.LeapOffset!.Value;
        }
        else if (offset >= window.LeapOffset) offset++;
        var start = window.StartOfMonth(offset);
        return (start, window.StartOfMonth(offset + 1) - start);
    }

    /// <summary>The local day on which the month holding the winter solstice (tháng 11) of <paramref name="year"/> starts.</summary>
    private static int MonthEleven(int year)
    {
        // Same constants as the published algorithm, so that boundary years agree with it.
        var k = (int)Math.Floor((JulianDay(new DateOnly(year, 12, 31)) - 2415021) / 29.530588853);
        var newMoon = NewMoonDay(k, TimeZoneHours);
        return SunSector(newMoon, TimeZoneHours) >= 9 ? NewMoonDay(k - 1, TimeZoneHours) : newMoon;
    }

    /// <summary>
    /// The months from tháng 11 of lunar year <c>Year - 1</c> up to (not including) tháng 11 of <c>Year</c>:
    /// twelve months, or thirteen when one of them holds no major solar term and so becomes the leap month.
    /// </summary>
    private readonly record struct Window(int Year, int Start, int FirstMoon, int? LeapOffset)
    {
        public static Window Of(int year)
        {
            var start = MonthEleven(year - 1);
            var firstMoon = NewMoonIndexNear(start);
            int? leap = MonthEleven(year) - start > 365 ? FindLeapOffset(firstMoon) : null;
            return new Window(year, start, firstMoon, leap);
        }

        public int StartOfMonth(int offset) => NewMoonDay(FirstMoon + offset, TimeZoneHours);

        /// <summary>Offset of tháng Giêng: 2, or 3 when a leap 11th or 12th month comes first.</summary>
        public int FirstMonthOffset => LeapOffset <= 2 ? 3 : 2;

        public int? LeapMonth => LeapOffset is { } l ? NumberAt(l - 1) : null;

        public (int Month, bool Leap) MonthAt(int offset) => LeapOffset is { } l && offset >= l
            ? (NumberAt(offset - 1), offset == l)
            : (NumberAt(offset), false);

        private static int NumberAt(int offset) => (offset + 10) % 12 + 1;

        /// <summary>The first month in which the sun does not enter a new 30° sector repeats its predecessor's number.</summary>
        private static int FindLeapOffset(int firstMoon)
        {
            var i = 1;
            var sector = SunSector(NewMoonDay(firstMoon + 1, TimeZoneHours), TimeZoneHours);
            int last;
            do
            {
                last = sector;
                i++;
                sector = SunSector(NewMoonDay(firstMoon + i, TimeZoneHours), TimeZoneHours);
            } while (sector != last && i < 14);
            return i - 1;
        }
    }
}
