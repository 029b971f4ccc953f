using System.Diagnostics;
using Hotline95.Core.Calendar;

namespace Hotline95.Bench;

/// <summary>
/// Complaint deadlines ("end of the 7th working day") for a year of complaints, against a baseline that
/// counts Monday–Friday only (what help desks do today, and wrong around 调休). Same inputs, same run.
/// </summary>
public static class CalendarBench
{
    public static int Run()
    {
        var calendar = new WorkdayCalendar(HolidayNoticeSource.Embedded());
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)); // deadlines stay inside the loaded notices (2019–2026)
        const int count = 1_000_000;
        var received = Enumerable.Range(0, count).Select(i => start.AddSeconds(i * 31.0)).ToArray(); // ~1 year

        Measure("warm-up", received.AsSpan(0, 10_000), r => calendar.EndOfNthWorkdayAfter(r, 7).At);
        var baseline = Measure("baseline: weekday-only arithmetic", received, r => WeekdayOnly(r, 7));
        var real = Measure("WorkdayCalendar.EndOfNthWorkdayAfter", received, r => calendar.EndOfNthWorkdayAfter(r, 7).At);

        var differing = received.Count(r => WeekdayOnly(r, 7) != calendar.EndOfNthWorkdayAfter(r, 7).At);
        Console.WriteLine($"deadlines where the weekday-only baseline is wrong: {differing:N0} of {count:N0} ({100.0 * differing / count:F1}%)");
        Console.WriteLine($"cost relative to baseline: {real / baseline:F2}x");
        return 0;
    }

    private static double Measure(string name, ReadOnlySpan<DateTimeOffset> inputs, Func<DateTimeOffset, DateTimeOffset> f)
    {
        var sw = Stopwatch.StartNew();
        long checksum = 0;
        foreach (var r in inputs)
        {
            checksum += f(r).Ticks;
        }

        sw.Stop();
        var perSecond = inputs.Length / sw.Elapsed.TotalSeconds;
        if (name != "warm-up")
        {
            Console.WriteLine($"{name,-40} {inputs.Length,10:N0} deadlines in {sw.Elapsed.TotalMilliseconds,8:F1} ms = {perSecond,14:N0}/s (checksum {checksum % 1000})");
        }

        return sw.Elapsed.TotalSeconds;
    }

    private static DateTimeOffset WeekdayOnly(DateTimeOffset received, int days)
    {
        var date = DateOnly.FromDateTime(received.ToOffset(TimeSpan.FromHours(8)).DateTime);
        while (days > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(8));
    }
}
