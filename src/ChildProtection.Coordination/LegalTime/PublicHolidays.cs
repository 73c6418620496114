namespace ChildProtection.Coordination.LegalTime;

/// <summary>
/// Ngày nghỉ lễ, tết: the holidays the Labour Code 45/2019/QH14 gives by default, and the nghỉ bù they
/// earn, before an operator's amendments. The government's yearly announcement can differ; that is what
/// amendments are for.
/// </summary>
internal static class PublicHolidays
{
    /// <summary>Art. 112(1): the holidays whose date falls in the Gregorian <paramref name="year"/>.</summary>
    public static IEnumerable<(DateOnly Date, string Name)> Statutory(int year, LegalCalendarOptions options)
    {
        yield return (new DateOnly(year, 1, 1), "New Year's Day (Tết Dương lịch, 1/1)");

        // Mùng 1 falls between 21 January and 20 February, so every Tết day stays inside the same solar year.
        var tet = VietnameseLunarCalendar.NewYear(year);
        for (var i = -options.TetDaysBefore; i < options.TetDaysFromNewYear; i++)
        {
            var day = tet.AddDays(i);
            var lunar = VietnameseLunarCalendar.FromGregorian(day);
            yield return (day, $"Lunar New Year (Tết Nguyên đán, {lunar.Day}/{lunar.Month} âm lịch)");
        }

        yield return (VietnameseLunarCalendar.ToGregorian(year, 3, 10), "Hùng Kings' Commemoration Day (Giỗ Tổ Hùng Vương, 10/3 âm lịch)");
        yield return (new DateOnly(year, 4, 30), "Victory Day (Ngày Chiến thắng, 30/4)");
        yield return (new DateOnly(year, 5, 1), "International Labour Day (Ngày Quốc tế Lao động, 1/5)");
        yield return (new DateOnly(year, 9, 2), "National Day (Quốc khánh, 2/9)");

        var adjacent = options.NationalDayAdjacentByYear.GetValueOrDefault(year, options.NationalDayAdjacent);
        var second = adjacent == NationalDayAdjacent.Before ? 1 : 3;
        yield return (new DateOnly(year, 9, second), $"National Day (Quốc khánh, second day {second}/9)");

        foreach (var extra in options.AdditionalHolidays.Where(h => h.AppliesIn(year)))
            yield return (new DateOnly(year, extra.Month, extra.Day), extra.Name);
    }

    /// <summary>
    /// The default days off of <paramref name="year"/>: the holidays not cancelled by an amendment, and for
    /// each one on a Saturday or Sunday a nghỉ bù on the next day that is neither weekend, holiday nor
    /// another nghỉ bù (Art. 111(3)) — so a weekend inside Tết pushes its nghỉ bù past the end of Tết.
    /// </summary>
    public static IEnumerable<CalendarDay> DefaultDaysOff(int year, LegalCalendarOptions options, IReadOnlyDictionary<DateOnly, CalendarAmendment> amendments)
    {
        var holidays = new SortedDictionary<DateOnly, string>();
        // Last year's holidays too: a nghỉ bù for a late-December holiday would land in January.
        foreach (var y in new[] { year - 1, year }.Where(y => y >= VietnameseLunarCalendar.MinYear))
            foreach (var (date, name) in Statutory(y, options))
            {
                if (amendments.TryGetValue(date, out var amendment) && amendment.Kind == DayKind.WorkingDay) continue;
                // Two holidays on one date are still one day off (the law grants days, not names).
                holidays[date] = holidays.TryGetValue(date, out var other) ? $"{other}; {name}" : name;
            }

        var days = holidays.Select(h => new CalendarDay(h.Key, DayKind.DayOff, DayReason.PublicHoliday, h.Value)).ToList();
        if (options.CompensateWeekendHolidays)
        {
            var taken = new HashSet<DateOnly>(holidays.Keys);
            foreach (var (date, name) in holidays.Where(h => IsWeekend(h.Key)))
            {
                var next = date.AddDays(1);
                while (IsWeekend(next) || taken.Contains(next)) next = next.AddDays(1);
                taken.Add(next);
                days.Add(new CalendarDay(next, DayKind.DayOff, DayReason.CompensatoryDayOff, $"Compensatory day off (nghỉ bù) for {name} on {date:dd/MM/yyyy}"));
            }
        }
        return days.Where(d => d.Date.Year == year);
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
