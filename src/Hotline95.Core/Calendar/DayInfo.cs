namespace Hotline95.Core.Calendar;

public enum DayKind
{
    /// <summary>An ordinary Monday–Friday.</summary>
    Weekday,
    /// <summary>An ordinary Saturday or Sunday.</summary>
    Weekend,
    /// <summary>A statutory day off (法定节假日 and the days moved to join it).</summary>
    Holiday,
    /// <summary>A weekend day worked in exchange for a holiday (调休上班).</summary>
    MakeUpWorkday,
}

/// <summary>Whether a date is worked in mainland China, and why.</summary>
public sealed record DayInfo(DateOnly Date, bool IsWorkday, DayKind Kind, string? HolidayName, bool FromFallback = false)
{
    /// <summary>A short reason in Chinese, e.g. <c>春节</c>, <c>周末</c>, <c>春节调休上班</c>.</summary>
    public string ReasonZh => Kind switch
    {
        DayKind.Holiday => HolidayName ?? "法定节假日",
        DayKind.MakeUpWorkday => $"{HolidayName}调休上班",
        DayKind.Weekend => "周末",
        _ => "工作日",
    };

    public string ReasonEn => Kind switch
    {
        DayKind.Holiday => $"statutory holiday ({HolidayName})",
        DayKind.MakeUpWorkday => $"make-up working day for {HolidayName}",
        DayKind.Weekend => "weekend",
        _ => "weekday",
    };
}
