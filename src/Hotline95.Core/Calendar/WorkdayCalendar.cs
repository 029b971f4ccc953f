using System.Collections.Concurrent;
using System.Collections.Frozen;
using Hotline95.Core.Common;

namespace Hotline95.Core.Calendar;

/// <summary>
/// Mainland China's working-day calendar: weekends, statutory holidays and the weekend days worked in exchange (调休).
/// A year with a State Council notice is answered from it; a year without one (from <see cref="FirstYear"/> to
/// <see cref="YearsAhead"/> years after the current one) is estimated from the law (<see cref="EstimatedYear"/>), and
/// every answer says whether it depended on an estimate. Loading a notice replaces the calendar's notices at once
/// (<see cref="Replace"/>); every deadline in the product goes through this class.
/// </summary>
public sealed class WorkdayCalendar
{
    /// <summary>The first year answered: the first with a notice in the product.</summary>
    public const int FirstYear = 2019;

    /// <summary>How many years after the current one are answered (estimated when no notice is loaded).</summary>
    public const int YearsAhead = 2;

    private static readonly ConcurrentDictionary<int, FrozenDictionary<DateOnly, DayInfo>> Estimates = new();
    private readonly TimeProvider _clock;
    private State _state;
    private string? _recomputedFor;

    /// <param name="notices">The notices the calendar knows; a later notice of the same year replaces an earlier one.</param>
    /// <param name="clock">Sets the current year, hence the last year answered.</param>
    /// <param name="embeddedYears">Years whose notice shipped with the product (the rest are reported as loaded).</param>
    public WorkdayCalendar(IEnumerable<HolidayNotice> notices, TimeProvider? clock = null, IEnumerable<int>? embeddedYears = null)
    {
        _clock = clock ?? TimeProvider.System;
        _state = new State(notices, embeddedYears, null);
    }

    /// <summary>Replaces the notices (a notice was loaded): answers from now on use them.</summary>
    /// <param name="version">What the notices are (the database's years and hashes), so an unchanged set is not applied twice.</param>
    public void Replace(IEnumerable<HolidayNotice> notices, IEnumerable<int>? embeddedYears = null, string? version = null) =>
        Volatile.Write(ref _state, new State(notices, embeddedYears ?? Current.Embedded, version));

    /// <summary>The version given to the last <see cref="Replace"/>; null before any.</summary>
    public string? Version => Current.Version;

    /// <summary>The version whose deadlines have been recomputed (set by <see cref="CalendarNotices"/> once that succeeded).</summary>
    public string? RecomputedFor
    {
        get => Volatile.Read(ref _recomputedFor);
        set => Volatile.Write(ref _recomputedFor, value);
    }

    /// <summary>
    /// The year whose notice decides <paramref name="date"/>: its own, except for the last days of December, which the
    /// next year's notice may still change (the 2019 notice set 2018-12-29 to 31).
    /// </summary>
    public int NoticeYearOf(DateOnly date) => IsLateDecember(date) && Covers(date.Year) && !Covers(date.Year + 1) ? date.Year + 1 : date.Year;

    /// <summary>The year to name when an answer over <paramref name="a"/>..<paramref name="b"/> is estimated.</summary>
    public int EstimatedYearOf(DateOnly a, DateOnly b) => MissingNoticeYear(a, b) ?? NoticeYearOf(a <= b ? b : a);

    /// <summary>
    /// The first year whose missing notice an answer over <paramref name="a"/>..<paramref name="b"/> depends on, or null
    /// when every day of the span comes from a notice.
    /// </summary>
    public int? MissingNoticeYear(DateOnly a, DateOnly b)
    {
        var (lo, hi) = a <= b ? (a, b) : (b, a);
        var missing = Enumerable.Range(lo.Year, hi.Year - lo.Year + 1).Where(y => !Covers(y)).Cast<int?>().FirstOrDefault();
        return missing ?? (NoticeYearOf(hi) != hi.Year ? NoticeYearOf(hi) : null);
    }

    /// <summary>The notices in use, one per year.</summary>
    public IReadOnlyList<HolidayNotice> Notices => Current.Notices;

    /// <summary>Years with a notice.</summary>
    public IEnumerable<int> Years => Current.Years.Order();

    /// <summary>True when <paramref name="year"/> has a notice (its answers are not estimated).</summary>
    public bool Covers(int year) => Current.Years.Contains(year);

    /// <summary>The last year answered: the current year (Asia/Shanghai) plus <see cref="YearsAhead"/>.</summary>
    public int LastYear => ChinaTime.DateOf(_clock.GetUtcNow()).Year + YearsAhead;

    /// <summary>True when the calendar answers <paramref name="date"/> (from a notice, or estimated).</summary>
    public bool Answers(DateOnly date) => Covers(date.Year) || (date.Year >= FirstYear && date.Year <= LastYear);

    /// <summary>A 422 for a date the calendar does not answer, naming the field; null when it does.</summary>
    public Common.Error? OutOfRange(string field, DateOnly date) => Answers(date)
        ? null
        : new CalendarYearOutOfRangeException(date.Year, FirstYear, LastYear).ToError(field);

    /// <summary>Every year answered, with its source.</summary>
    public IReadOnlyList<CalendarYear> Coverage()
    {
        var state = Current;
        return Enumerable.Range(FirstYear, Math.Max(LastYear, state.Years.DefaultIfEmpty(FirstYear).Max()) - FirstYear + 1)
            .Select(y => state.ByYear.TryGetValue(y, out var n)
                ? new CalendarYear(y, state.Embedded.Contains(y) ? CalendarYearSource.Embedded : CalendarYearSource.Loaded, n.Papers)
                : new CalendarYear(y, CalendarYearSource.Estimated, []))
            .ToList();
    }

    public DayInfo GetDay(DateOnly date) => GetDay(Current, date);

    public bool IsWorkday(DateOnly date) => GetDay(date).IsWorkday;

    /// <summary>
    /// The <paramref name="count"/>-th working day after <paramref name="date"/> (before it when negative); zero returns
    /// the date itself. Estimated when any day counted over lies in a year without a notice.
    /// </summary>
    public CalendarDate AddWorkdays(DateOnly date, int count)
    {
        var state = Current;
        var step = Math.Sign(count);
        var remaining = Math.Abs((long)count);
        var current = date;
        var estimated = false;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            var day = GetDay(state, current);
            estimated |= day.Estimated;
            if (day.IsWorkday)
            {
                remaining--;
            }
        }

        return new CalendarDate(current, estimated);
    }

    /// <summary>Working days after <paramref name="from"/>, up to and including <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    public int WorkdaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkdaysBetween(to, from);
        }

        var state = Current;
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (GetDay(state, d).IsWorkday)
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
    public CalendarInstant EndOfNthWorkdayAfter(DateTimeOffset received, int workdays)
    {
        var day = AddWorkdays(ChinaTime.DateOf(received), workdays);
        return new CalendarInstant(ChinaTime.EndOfDay(day.Date), day.Estimated);
    }

    /// <summary>
    /// A period of <paramref name="days"/> days after an event, counted as 民法典 arts. 201–203 count it: from the day
    /// after <paramref name="eventDay"/>, ending at the end of its last day, and when that day is a rest day (a weekend
    /// not worked in exchange, or a holiday) on the next working day.
    /// </summary>
    public PeriodDue DaysAfter(DateOnly eventDay, int days)
    {
        var state = Current;
        var nominal = eventDay.AddDays(days);
        var last = GetDay(state, nominal);
        var estimated = last.Estimated;
        var due = nominal;
        for (var day = last; !day.IsWorkday; estimated |= day.Estimated)
        {
            due = due.AddDays(1);
            day = GetDay(state, due);
        }

        return new PeriodDue(PeriodRule.CalendarDays, eventDay, days, nominal, due, estimated, last.IsWorkday ? null : last);
    }

    /// <summary>A period of <paramref name="workdays"/> working days after <paramref name="start"/>, ending at the end of the last one.</summary>
    public PeriodDue WorkdaysAfter(DateOnly start, int workdays)
    {
        var due = AddWorkdays(start, workdays);
        return new PeriodDue(PeriodRule.WorkingDays, start, workdays, due.Date, due.Date, due.Estimated, null);
    }

    private State Current => Volatile.Read(ref _state);

    private DayInfo GetDay(State state, DateOnly date)
    {
        if (state.Exceptions.TryGetValue(date, out var listed))
        {
            return listed.IsOffDay
                ? new DayInfo(date, false, DayKind.Holiday, listed.Name)
                : new DayInfo(date, true, EstimatedYear.IsWeekend(date) ? DayKind.MakeUpWorkday : DayKind.Weekday, listed.Name);
        }

        var year = date.Year;
        var covered = state.Years.Contains(year);
        if (!covered && (year < FirstYear || year > LastYear))
        {
            throw new CalendarYearOutOfRangeException(year, FirstYear, LastYear);
        }

        if (!covered && Estimates.GetOrAdd(year, EstimatedYear.OffDays).TryGetValue(date, out var estimated))
        {
            return estimated;
        }

        // The last days of December stay open until the next year's notice is out: it may still move them.
        var open = !covered || (IsLateDecember(date) && !state.Years.Contains(year + 1));
        return EstimatedYear.IsWeekend(date)
            ? new DayInfo(date, false, DayKind.Weekend, null, open)
            : new DayInfo(date, true, DayKind.Weekday, null, open);
    }

    private static bool IsLateDecember(DateOnly date) => date is { Month: 12, Day: >= 29 };

    private sealed class State
    {
        public State(IEnumerable<HolidayNotice> notices, IEnumerable<int>? embedded, string? version)
        {
            Version = version;
            var byYear = new Dictionary<int, HolidayNotice>();
            foreach (var notice in notices.Where(n => n.IsPublished))
            {
                byYear[notice.Year] = notice; // later sources replace earlier ones of the same year
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

            Exceptions = exceptions.ToFrozenDictionary();
            ByYear = byYear.ToFrozenDictionary();
            Years = byYear.Keys.ToFrozenSet();
            Notices = byYear.Values.OrderBy(n => n.Year).ToList();
            Embedded = (embedded ?? []).ToFrozenSet();
        }

        public FrozenDictionary<DateOnly, HolidayNoticeDay> Exceptions { get; }
        public FrozenDictionary<int, HolidayNotice> ByYear { get; }
        public FrozenSet<int> Years { get; }
        public IReadOnlyList<HolidayNotice> Notices { get; }
        public FrozenSet<int> Embedded { get; }
        public string? Version { get; }
    }
}

public enum PeriodRule
{
    /// <summary>Clock hours from the instant of the event (the 24-hour first response); never moved.</summary>
    ClockHours,
    /// <summary>Working days after the day of the event, ending at the end of the last one.</summary>
    WorkingDays,
    /// <summary>Days counted as 民法典 arts. 201–203 count them (from the next day; a last day that is a rest day moves to the next working day).</summary>
    CalendarDays,
}

/// <summary>
/// A due date and the rule that produced it: <paramref name="Nominal"/> is where the count ended, <paramref name="Due"/>
/// where the period ends; <paramref name="RestDay"/> is the rest day that moved it, if one did.
/// </summary>
public sealed record PeriodDue(PeriodRule Rule, DateOnly From, int Count, DateOnly Nominal, DateOnly Due, bool Estimated, DayInfo? RestDay);
