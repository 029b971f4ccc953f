namespace Hotline95.Core.Calendar;

/// <summary>
/// Solar terms (节气) from the Sun's apparent ecliptic longitude: Jean Meeus, <i>Astronomical Algorithms</i>
/// (2nd ed.), ch. 25 (the Sun, with nutation and aberration) and ch. 27 (solving for a longitude). The longitude is
/// good to about 0.01°, so the instant to about a quarter of an hour; the date is taken in China Standard Time
/// (UTC+8), as the Purple Mountain Observatory publishes it.
/// </summary>
public static class SolarTerms
{
    private const double J2000 = 2451545.0;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>清明: the Sun at apparent longitude 15°.</summary>
    public static DateOnly Qingming(int year) => DateOnly.FromDateTime(Instant(year, 15).ToOffset(ChinaOffset).DateTime);

    /// <summary>The instant (UTC) in <paramref name="year"/> at which the Sun reaches apparent longitude <paramref name="longitude"/> degrees.</summary>
    public static DateTimeOffset Instant(int year, double longitude)
    {
        // Start from the mean motion (the Sun crosses 0° near 20 March) and refine (Meeus eq. 27.1's correction).
        var days = ((longitude % 360) + 360) % 360 / 360.0 * 365.2422;
        var jde = JulianDay(new DateTime(year, 3, 20, 12, 0, 0, DateTimeKind.Utc)) + days;
        for (var i = 0; i < 50; i++)
        {
            var correction = 58.0 * Math.Sin(Radians(longitude - ApparentLongitude(jde)));
            jde += correction;
            if (Math.Abs(correction) < 1e-7)
            {
                break;
            }
        }

        var ut = jde - DeltaTSeconds(year) / 86400.0;
        return new DateTimeOffset(new DateTime(1858, 11, 17, 0, 0, 0, DateTimeKind.Utc).AddDays(ut - 2400000.5), TimeSpan.Zero);
    }

    /// <summary>The Sun's apparent geocentric longitude in degrees at Julian Ephemeris Day <paramref name="jde"/> (Meeus ch. 25).</summary>
    public static double ApparentLongitude(double jde)
    {
        var t = (jde - J2000) / 36525.0;
        var l0 = 280.46646 + (36000.76983 * t) + (0.0003032 * t * t);
        var m = Radians(357.52911 + (35999.05029 * t) - (0.0001537 * t * t));
        var c = ((1.914602 - (0.004817 * t) - (0.000014 * t * t)) * Math.Sin(m))
                + ((0.019993 - (0.000101 * t)) * Math.Sin(2 * m))
                + (0.000289 * Math.Sin(3 * m));
        var omega = Radians(125.04 - (1934.136 * t));
        var apparent = l0 + c - 0.00569 - (0.00478 * Math.Sin(omega));
        return ((apparent % 360) + 360) % 360;
    }

    private static double JulianDay(DateTime utc) => (utc - new DateTime(1858, 11, 17, 0, 0, 0, DateTimeKind.Utc)).TotalDays + 2400000.5;

    /// <summary>TT − UT (Espenak and Meeus' polynomial for 2005–2050, extended linearly after): about 69 s in the 2020s.</summary>
    private static double DeltaTSeconds(int year)
    {
        var t = Math.Min(year, 2050) - 2000;
        return 62.92 + (0.32217 * t) + (0.005589 * t * t) + Math.Max(0, year - 2050) * 0.5;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180.0;
}
