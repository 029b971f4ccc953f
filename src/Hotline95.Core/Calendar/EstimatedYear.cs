using System.Collections.Frozen;

namespace Hotline95.Core.Calendar;

/// <summary>
/// A year without a State Council notice, answered from the law alone: the statutory holidays of the measures in
/// force that year, and for each statutory day that falls on a Saturday or Sunday one working day off (补假, art. 6),
/// on the working days right after that holiday. The swaps a notice adds (bridging days off, weekend days worked)
/// are not guessed. Every answer is marked estimated.
/// </summary>
public static class EstimatedYear
{
    /// <summary>The off-days of <paramref name="year"/> other than ordinary weekends.</summary>
    public static FrozenDictionary<DateOnly, DayInfo> OffDays(int year)
    {
        var off = new Dictionary<DateOnly, DayInfo>();
        var statutory = StatutoryHolidays.Of(year);
        foreach (var day in statutory)
        {
            off[day.Date] = new DayInfo(day.Date, false, DayKind.Holiday, day.Name, Estimated: true);
        }

        // Per holiday, in date order: its weekend days are made up on the first working days after its last day.
        foreach (var holiday in statutory.GroupBy(d => d.Name).OrderBy(g => g.Min(d => d.Date)))
        {
            var owed = holiday.Count(d => IsWeekend(d.Date));
            for (var day = holiday.Max(d => d.Date).AddDays(1); owed > 0; day = day.AddDays(1))
            {
                if (!IsWeekend(day) && !off.ContainsKey(day))
                {
                    off[day] = new DayInfo(day, false, DayKind.CompensatoryDayOff, holiday.Key, Estimated: true);
                    owed--;
                }
            }
        }

        return off.ToFrozenDictionary();
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
