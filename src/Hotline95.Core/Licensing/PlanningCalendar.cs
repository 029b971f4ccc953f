using Hotline95.Core.Calendar;

namespace Hotline95.Core.Licensing;

/// <summary>
/// Working-day arithmetic for plans that reach past the years with a published holiday notice (a licence
/// timeline often does): such days count Monday to Friday, and the answer says it is an estimate.
/// </summary>
public sealed class PlanningCalendar(WorkdayCalendar calendar)
{
    public bool IsWorkday(DateOnly day, ref bool estimated)
    {
        if (calendar.Covers(day.Year))
        {
            return calendar.IsWorkday(day);
        }

        estimated = true;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="from"/> (before it when negative).</summary>
    public (DateOnly Date, bool Estimated) AddWorkdays(DateOnly from, int count)
    {
        var estimated = false;
        var step = count >= 0 ? 1 : -1;
        var day = from;
        for (var left = Math.Abs(count); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkday(day, ref estimated))
            {
                left--;
            }
        }

        return (day, estimated);
    }
}
