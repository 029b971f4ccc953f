namespace Hotline95.Core.Calendar;

public enum DayKind
{
    /// <summary>An ordinary Monday–Friday.</summary>
    Weekday,
    /// <summary>An ordinary Saturday or Sunday.</summary>
    Weekend,
    /// <summary>A statutory day off (法定节假日) and, in a notice, the days moved to join it.</summary>
    Holiday,
    /// <summary>A weekend day worked in exchange for a holiday (调休上班).</summary>
    MakeUpWorkday,
    /// <summary>
    /// An estimated year only: the working day given off because a statutory holiday fell on a Saturday or Sunday
    /// (补假, 《全国年节及纪念日放假办法》 art. 6).
    /// </summary>
    CompensatoryDayOff,
}

/// <summary>
/// Whether a date is worked in mainland China, and why. <paramref name="Estimated"/>: the date's year has no State
/// Council notice loaded, so the answer comes from the law alone (statutory holidays, 补假 and weekends); the notice
/// may still add bridging days off or weekend days worked.
/// </summary>
public sealed record DayInfo(DateOnly Date, bool IsWorkday, DayKind Kind, string? HolidayName, bool Estimated = false)
{
    /// <summary>A short reason in Chinese, e.g. <c>春节</c>, <c>周末</c>, <c>春节调休上班</c>, <c>春节补假</c>.</summary>
    public string ReasonZh => Kind switch
    {
        DayKind.Holiday => HolidayName ?? "法定节假日",
        DayKind.MakeUpWorkday => $"{HolidayName}调休上班",
        DayKind.CompensatoryDayOff => $"{HolidayName}补假",
        DayKind.Weekend => "周末",
        _ => "工作日",
    };

    public string ReasonEn => Kind switch
    {
        DayKind.Holiday => $"statutory holiday ({HolidayName})",
        DayKind.MakeUpWorkday => $"make-up working day for {HolidayName}",
        DayKind.CompensatoryDayOff => $"day off in lieu of {HolidayName} falling on a weekend",
        DayKind.Weekend => "weekend",
        _ => "weekday",
    };
}

/// <summary>A date the calendar computed, and whether any day it depended on was estimated.</summary>
public readonly record struct CalendarDate(DateOnly Date, bool Estimated);

/// <summary>An instant the calendar computed (a deadline), and whether any day it depended on was estimated.</summary>
public readonly record struct CalendarInstant(DateTimeOffset At, bool Estimated);

/// <summary>Where a year's answers come from.</summary>
public enum CalendarYearSource
{
    /// <summary>A State Council notice shipped with the product.</summary>
    Embedded,
    /// <summary>A notice loaded into this installation (file in the calendar folder or <c>calendar load</c>).</summary>
    Loaded,
    /// <summary>No notice: estimated from the law alone.</summary>
    Estimated,
}

public sealed record CalendarYear(int Year, CalendarYearSource Source, IReadOnlyList<string> Papers);
