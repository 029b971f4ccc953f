using Hotline95.Core.Calendar;

namespace Hotline95.Core.Demo;

/// <summary>One of the demo bank's lines as its traffic sees it: the share of the day's calls, its queues, and its hours.</summary>
public sealed record DemoLine(string Number, double Share, IReadOnlyList<string> Queues, int FirstHour, int EndHour, bool WorkdaysOnly, int FirstExtension);

/// <summary>
/// The shape of the demo bank's traffic, as tables: when in the day calls come, how many agents are on duty, how the kind of
/// day (weekday, weekend, holiday on China's calendar) moves both, and how waiting, answering, calling again and being
/// called back depend on the load. The load of an hour is its calls over what the agents on duty can take; it does not
/// depend on the size asked for, so a small demo and a large one answer alike.
/// </summary>
public static class DemoProfile
{
    /// <summary>Share of a day's calls in each hour (Asia/Shanghai): quiet nights, a morning and an afternoon peak, a dip at lunch.</summary>
    public static readonly double[] HourWeights = [2, 1, 1, 1, 1, 2, 6, 20, 60, 90, 100, 85, 50, 70, 90, 95, 80, 60, 35, 25, 18, 12, 8, 4];

    /// <summary>Agents on duty each hour, in the units of <see cref="HourWeights"/>: planned for the average hour, so the peaks queue.</summary>
    public static readonly double[] StaffWeights = [4, 4, 4, 4, 4, 4, 6, 30, 88, 88, 88, 88, 88, 88, 88, 88, 88, 88, 50, 40, 30, 20, 8, 4];

    /// <summary>Calls one agent takes in an hour (talk and wrap-up about three and a half minutes).</summary>
    public const double CallsPerAgentHour = 18;

    /// <summary>How the kind of day moves the calls and the agents on duty.</summary>
    public static readonly IReadOnlyDictionary<DayKind, (double Calls, double Staff)> DayFactors = new Dictionary<DayKind, (double, double)>
    {
        [DayKind.Weekday] = (1.0, 1.0),
        [DayKind.MakeUpWorkday] = (0.9, 1.0),
        [DayKind.Weekend] = (0.45, 0.5),
        [DayKind.Holiday] = (0.3, 0.35),
        [DayKind.CompensatoryDayOff] = (0.35, 0.4),
    };

    /// <summary>Working days: Mondays bring the weekend's questions, Fridays are lighter.</summary>
    public static readonly IReadOnlyDictionary<DayOfWeek, double> WeekdayFactors = new Dictionary<DayOfWeek, double>
    {
        [DayOfWeek.Monday] = 1.12, [DayOfWeek.Tuesday] = 1.03, [DayOfWeek.Wednesday] = 1.0, [DayOfWeek.Thursday] = 0.98, [DayOfWeek.Friday] = 0.95,
    };

    /// <summary>The bank's lines: the 7×24 service line with two queues, and the complaints line on working days 8:30–17:30 (calls from 9 to 17).</summary>
    public static readonly IReadOnlyList<DemoLine> Lines =
    [
        new("95528", 0.94, ["cards", "billing"], 0, 24, false, 8001),
        new("955281", 0.06, ["complaints"], 9, 17, true, 8101),
    ];

    /// <summary>A day's calls vary by this much either way.</summary>
    public const double DayNoise = 0.07;

    /// <summary>Share of calls from someone who called before (a returning customer).</summary>
    public const double ReturningShare = 0.12;

    /// <summary>Share of callers who hang up waiting and call again within 3–90 minutes.</summary>
    public const double RedialShare = 0.35;

    /// <summary>Share of the missed callers who do not call again that an agent calls back.</summary>
    public const double CallbackShare = 0.8;

    /// <summary>Share of those callbacks made only after a day or more (the 24-hour figure is not 100%).</summary>
    public const double LateCallbackShare = 0.12;

    /// <summary>Share of callbacks the customer answers.</summary>
    public const double CallbackAnswered = 0.75;

    /// <summary>Chance an offered call is answered at load <paramref name="load"/>: nearly all when agents are free, fewer as the queue grows.</summary>
    public static double AnswerRate(double load) => Math.Clamp(0.985 - (0.3 * Math.Max(0, load - 0.5)), 0.6, 0.985);

    /// <summary>Mean seconds an answered caller waits at <paramref name="load"/> (the service level at 20 s falls at the peaks).</summary>
    public static double MeanWaitAnswered(double load) => 2 + (10 * load * load);

    /// <summary>Mean seconds a caller who hangs up waited first.</summary>
    public static double MeanWaitAbandoned(double load) => 15 + (30 * load);

    /// <summary>Talk time: log-normal around two and a half minutes, 15 s to 30 min.</summary>
    public static int TalkSeconds(Random rng, double medianSeconds = 150) =>
        (int)Math.Clamp(medianSeconds * Math.Exp(0.6 * Normal(rng)), 15, 1800);

    public static int Exponential(Random rng, double mean) => (int)Math.Min(600, Math.Ceiling(-Math.Log(1 - rng.NextDouble()) * mean));

    /// <summary>The calls and the agents on duty of a day of <paramref name="kind"/>, relative to an ordinary Wednesday.</summary>
    public static (double Calls, double Staff) Factors(DayInfo day) =>
        day.Kind is DayKind.Weekday && WeekdayFactors.TryGetValue(day.Date.DayOfWeek, out var weekday)
            ? (DayFactors[day.Kind].Calls * weekday, DayFactors[day.Kind].Staff)
            : DayFactors[day.Kind];

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
