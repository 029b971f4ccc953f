namespace Hotline95.Core.Calendar;

/// <summary>
/// A date falls in a year for which no State Council notice is loaded. This is an operator's
/// configuration gap (drop the notice into &lt;data&gt;/calendar/ or enable the weekday fallback),
/// so it is raised rather than guessed around.
/// </summary>
public sealed class CalendarYearMissingException(int year)
    : Exception($"No holiday notice is loaded for {year}: add {year}.json (holiday-cn schema) to <data>/calendar/, or set Calendar:WeekdayFallback=true. / 缺少 {year} 年的节假日安排数据。")
{
    public int Year { get; } = year;
}
