namespace ChildProtection.Coordination.LegalTime;

/// <summary>
/// The astronomy under the lunar calendar, after Hồ Ngọc Đức's "Thuật toán tính âm lịch":
/// new moons and the sun's longitude from Meeus's low-precision series, turned into local days
/// for a given time zone. The time zone matters: a new moon just before midnight in Hà Nội is
/// already the next day in Beijing, which is why Vietnam's Tết differs from China's in some years.
/// Accurate for the years 1800–2199; the public calendar limits itself to 1900–2199.
/// </summary>
internal static class LunarAstronomy
{
    private const double SynodicMonth = 29.530588853;

    /// <summary>Julian day of the new moon of 1900-01-01 00:00 UT, the origin of <c>k</c>.</summary>
    private const double NewMoonEpoch = 2415021.076998695;

    private const double Rad = Math.PI / 180;

    /// <summary>The Julian day number (noon-based day count) of a Gregorian date.</summary>
    public static int JulianDay(DateOnly date) => date.DayNumber + 1721426;

    public static DateOnly FromJulianDay(int jd) => DateOnly.FromDayNumber(jd - 1721426);

    /// <summary>Index of the new moon on or before the given Julian day, counted from the 1900 epoch.</summary>
    public static int NewMoonIndexBefore(int jd) => (int)Math.Floor((jd - NewMoonEpoch) / SynodicMonth);

    /// <summary>Index of the new moon nearest the given Julian day.</summary>
    public static int NewMoonIndexNear(int jd) => (int)Math.Floor((jd - NewMoonEpoch) / SynodicMonth + 0.5);

    /// <summary>The local day (Julian day number) on which the <paramref name="k"/>-th new moon falls.</summary>
    public static int NewMoonDay(int k, double timeZoneHours) => (int)Math.Floor(NewMoon(k) + 0.5 + timeZoneHours / 24);

    /// <summary>Which of the twelve 30° sectors the sun is in at the start of a local day (0 = spring equinox).</summary>
    public static int SunSector(int jd, double timeZoneHours) => (int)Math.Floor(SunLongitude(jd - 0.5 - timeZoneHours / 24) / Math.PI * 6);

    /// <summary>Julian day (with fraction, UT) of the k-th new moon after 1900-01-01.</summary>
    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
            + 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * Rad);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * Rad) + 0.0021 * Math.Sin(2 * Rad * m)
            - 0.4068 * Math.Sin(mpr * Rad) + 0.0161 * Math.Sin(Rad * 2 * mpr)
            - 0.0004 * Math.Sin(Rad * 3 * mpr)
            + 0.0104 * Math.Sin(Rad * 2 * f) - 0.0051 * Math.Sin(Rad * (m + mpr))
            - 0.0074 * Math.Sin(Rad * (m - mpr)) + 0.0004 * Math.Sin(Rad * (2 * f + m))
            - 0.0004 * Math.Sin(Rad * (2 * f - m)) - 0.0006 * Math.Sin(Rad * (2 * f + mpr))
            + 0.0010 * Math.Sin(Rad * (2 * f - mpr)) + 0.0005 * Math.Sin(Rad * (2 * mpr + m));
        // ΔT: the gap between dynamical time (the series) and universal time (the clock).
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    /// <summary>The sun's apparent longitude in radians, [0, 2π), at a Julian day (UT).</summary>
    private static double SunLongitude(double jd)
    {
        var t = (jd - 2451545.0) / 36525;
        var t2 = t * t;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(Rad * m)
            + (0.019993 - 0.000101 * t) * Math.Sin(Rad * 2 * m) + 0.000290 * Math.Sin(Rad * 3 * m);
        var l = (l0 + dl) * Rad;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }
}
