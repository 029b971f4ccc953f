using System.Collections.Frozen;
using Hotline95.Core.Common;

namespace Hotline95.Core.Calendar;

/// <summary>
/// Mainland China's working-day calendar: weekends, statutory holidays and the weekend days worked
/// in exchange (调休). Built once from the notices; every deadline in the product goes through it.
/// </summary>
public sealed class WorkdayCalendar
{
    private readonly FrozenDictionary<DateOnly, HolidayNoticeDay> _exceptions;
    private readonly FrozenSet<int> _years;
    private readonly bool _weekdayFallback;

    public WorkdayCalendar(IEnumerable<HolidayNotice> notices, bool weekdayFallback = false)
    {
        var byYear = new Dictionary<int, HolidayNotice>();
        foreach (var notice in notices.Where(n => n.IsPublished))
        {
            byYear[notice.Year] = notice; // later sources (the data folder) replace embedded years
        }

        var exceptions = new Dictionary<DateOnly, HolidayNoticeDay>();
        foreach (var notice in byYear.Values.OrderBy(n => n.Year))
        {
            foreach (var day in notice.Days)
            {
                // A notice may list late-December days of the previous year (2019's lists 2018-12-29..31).
                exceptions[day.Date] = day;
            }
        }

        _exceptions = exceptions.ToFrozenDictionary();
        _years = byYear.Keys.ToFrozenSet();
        _weekdayFallback = weekdayFallback;
        Notices = byYear.Values.OrderBy(n => n.Year).ToList();
    }

    public IReadOnlyList<HolidayNotice> Notices { get; }

    public IEnumerable<int> Years => _years.Order();

    public bool Covers(int year) => _years.Contains(year);

    public DayInfo GetDay(DateOnly date)
    {
        if (_exceptions.TryGetValue(date, out var listed))
        {
            return listed.IsOffDay
                ? new DayInfo(date, false, DayKind.Holiday, listed.Name)
                : new DayInfo(date, true, IsWeekend(date) ? DayKind.MakeUpWorkday : DayKind.Weekday, listed.Name);
        }

        var covered = _years.Contains(date.Year);
        if (!covered && !_weekdayFallback)
        {
            throw new CalendarYearMissingException(date.Year);
        }

        return IsWeekend(date)
            ? new DayInfo(date, false, DayKind.Weekend, null, !covered)
            : new DayInfo(date, true, DayKind.Weekday, null, !covered);
    }

    public bool IsWorkday(DateOnly date) => GetDay(date).IsWorkday;

    /// <summary>
    /// The <paramref name="count"/>-th working day after <paramref name="date"/> (before it when negative).
    /// Zero returns the date itself.
    /// </summary>
    public DateOnly AddWorkdays(DateOnly date, int count)
    {
        var step = Math.Sign(count);
        var remaining = Math.Abs(count);
        var current = date;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (IsWorkday(current))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary>Working days after <paramref name="from"/>, up to and including <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    public int WorkdaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkdaysBetween(to, from);
        }

        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkday(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The last second (Asia/Shanghai) of the <paramref name="workdays"/>-th working day after the day on which
    /// <paramref name="received"/> falls in China: the form of "resolve within N working days".
    /// </summary>
    public DateTimeOffset EndOfNthWorkdayAfter(DateTimeOffset received, int workdays) =>
        ChinaTime.EndOfDay(AddWorkdays(ChinaTime.DateOf(received), workdays));

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
