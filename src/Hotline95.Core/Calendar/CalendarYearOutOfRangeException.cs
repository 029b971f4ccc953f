using Hotline95.Core.Common;

namespace Hotline95.Core.Calendar;

/// <summary>
/// A date the calendar will not answer: before <see cref="WorkdayCalendar.FirstYear"/> (no notice and different
/// measures) or more than <see cref="WorkdayCalendar.YearsAhead"/> years after the current year (a typo, not a plan).
/// Any year in between is answered, from its notice or estimated.
/// </summary>
public sealed class CalendarYearOutOfRangeException(int year, int firstYear, int lastYear)
    : Exception($"{year} is outside the working-day calendar ({firstYear}–{lastYear}). / {year} 年超出工作日日历范围（{firstYear}–{lastYear} 年）。")
{
    public const string Code = "CALENDAR_YEAR_OUT_OF_RANGE";

    public int Year { get; } = year;
    public int FirstYear { get; } = firstYear;
    public int LastYear { get; } = lastYear;

    /// <summary>The 422 that names the offending input.</summary>
    public Error ToError(string field) => OutOfCalendar(field, Phrase.Of("calendar.year", ("year", Year)), FirstYear, LastYear);

    /// <summary>A date or an answer (<paramref name="what"/>) the calendar does not hold.</summary>
    public static Error OutOfCalendar(string field, Phrase what, int firstYear, int lastYear) =>
        Error.Validation(field, Code, ("field", field), ("what", what), ("first", firstYear), ("last", lastYear));
}
