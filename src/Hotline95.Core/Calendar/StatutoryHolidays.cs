using System.Globalization;

namespace Hotline95.Core.Calendar;

/// <summary>One statutory day off (法定节假日) as the law names it.</summary>
public sealed record StatutoryDay(DateOnly Date, string Name);

/// <summary>
/// One holiday of 《全国年节及纪念日放假办法》 art. 2: its name and the days it gives in a year. A rule set is a
/// table of these, one row a holiday, so a revision of the measures is a new table, not new logic.
/// </summary>
public sealed record HolidayRule(string Name, Func<int, IEnumerable<DateOnly>> Days);

/// <summary>
/// The statutory holidays of 《全国年节及纪念日放假办法》 for any year from 2014 to 2100: lunar dates from .NET's
/// <see cref="ChineseLunisolarCalendar"/> (leap months included), 清明 from the solar term. Each revision of the
/// measures applies from the day it came into force.
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>First year the 2013 revision governed (国务院令第644号, in force 2014-01-01).</summary>
    public const int FirstYear = 2014;

    /// <summary>Last year .NET's Chinese lunisolar calendar can place 春节 in (its range ends in early 2101).</summary>
    public const int LastYear = 2100;

    /// <summary>The 2013 revision (国务院令第644号), in force 2014-01-01 to 2024-12-31: 11 days.</summary>
    public static readonly IReadOnlyList<HolidayRule> Measures2013 =
    [
        new("元旦", y => [new DateOnly(y, 1, 1)]),
        new("春节", y => Lunar.Days(y, 1, 1, count: 3)),
        new("清明节", y => [SolarTerms.Qingming(y)]),
        new("劳动节", y => [new DateOnly(y, 5, 1)]),
        new("端午节", y => [Lunar.Day(y, 5, 5)]),
        new("中秋节", y => [Lunar.Day(y, 8, 15)]),
        new("国庆节", y => Consecutive(new DateOnly(y, 10, 1), 3)),
    ];

    /// <summary>The 2024 revision (国务院令第795号), in force 2025-01-01: 13 days (除夕 and 5月2日 added).</summary>
    public static readonly IReadOnlyList<HolidayRule> Measures2024 =
    [
        new("元旦", y => [new DateOnly(y, 1, 1)]),
        new("春节", y => [Lunar.Day(y, 1, 1).AddDays(-1), .. Lunar.Days(y, 1, 1, count: 3)]),
        new("清明节", y => [SolarTerms.Qingming(y)]),
        new("劳动节", y => Consecutive(new DateOnly(y, 5, 1), 2)),
        new("端午节", y => [Lunar.Day(y, 5, 5)]),
        new("中秋节", y => [Lunar.Day(y, 8, 15)]),
        new("国庆节", y => Consecutive(new DateOnly(y, 10, 1), 3)),
    ];

    /// <summary>The rule set in force in <paramref name="year"/>.</summary>
    public static IReadOnlyList<HolidayRule> RulesInForce(int year) => year switch
    {
        < FirstYear or > LastYear => throw new ArgumentOutOfRangeException(nameof(year), year, $"statutory holidays are computed for {FirstYear}–{LastYear}"),
        < 2025 => Measures2013,
        _ => Measures2024,
    };

    /// <summary>Every statutory day off of <paramref name="year"/>, in date order; a day two holidays share is listed once, under both names.</summary>
    public static IReadOnlyList<StatutoryDay> Of(int year) =>
        RulesInForce(year)
            .SelectMany(rule => rule.Days(year).Select(date => (date, rule.Name)))
            .GroupBy(d => d.date)
            .OrderBy(g => g.Key)
            .Select(g => new StatutoryDay(g.Key, string.Join("、", g.Select(d => d.Name))))
            .ToList();

    private static IEnumerable<DateOnly> Consecutive(DateOnly first, int count) => Enumerable.Range(0, count).Select(first.AddDays);

    /// <summary>Gregorian dates of lunar dates.</summary>
    private static class Lunar
    {
        private static readonly ChineseLunisolarCalendar Calendar = new();

        /// <summary>The Gregorian date of lunar <paramref name="month"/>/<paramref name="day"/> of the lunar year that begins in Gregorian <paramref name="year"/>.</summary>
        public static DateOnly Day(int year, int month, int day)
        {
            // In a leap year the leap month takes an index of its own: GetLeapMonth returns that index (e.g. 7 for 闰六月),
            // and every month from it on is one index later.
            var leap = Calendar.GetLeapMonth(year);
            var index = leap != 0 && month >= leap ? month + 1 : month;
            return DateOnly.FromDateTime(Calendar.ToDateTime(year, index, day, 0, 0, 0, 0));
        }

        public static IEnumerable<DateOnly> Days(int year, int month, int day, int count) => Consecutive(Day(year, month, day), count);
    }
}
