using System.Globalization;
using System.Text;

namespace Hotline95.Core.Demo;

/// <summary>
/// Deterministic, realistic-looking Asterisk cdr_csv rows (18 columns, the sample configuration's layout)
/// for demos, benchmarks and large-file tests: working-hours peaks, about one call in eight unanswered.
/// </summary>
public static class SyntheticCalls
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军"];

    public static string AsteriskRow(long n, string line, DateTime startLocal, int seed = 95)
    {
        var rng = new Random(unchecked((int)(n * 7919 + seed)));
        var caller = Mobile(rng);
        var name = Name(rng);
        var answered = rng.Next(8) != 0;
        return AsteriskRow(n, line, startLocal, caller, name, answered, rng);
    }

    /// <summary>One row for a given caller, name and outcome; ring and talk times drawn from <paramref name="rng"/>.</summary>
    public static string AsteriskRow(long n, string line, DateTime startLocal, string caller, string name, bool answered, Random rng)
    {
        var ring = rng.Next(2, 30);
        var talk = answered ? rng.Next(20, 600) : 0;
        var agent = 1001 + rng.Next(12);
        var start = startLocal;
        var answer = start.AddSeconds(ring);
        var end = answered ? answer.AddSeconds(talk) : start.AddSeconds(ring);
        var sb = new StringBuilder(320);
        sb.Append("\"\",\"").Append(caller).Append("\",\"").Append(line).Append("\",\"from-pstn\",\"\"\"").Append(name).Append("\"\" <").Append(caller).Append(">\",");
        sb.Append("\"PJSIP/trunk-").Append(n.ToString("x8", CultureInfo.InvariantCulture)).Append("\",");
        sb.Append(answered ? $"\"PJSIP/{agent}-{n:x8}\"" : "\"\"").Append(",\"").Append(answered ? "Dial" : "Queue").Append("\",\"support\",");
        sb.Append('"').Append(Stamp(start)).Append("\",");
        sb.Append(answered ? $"\"{Stamp(answer)}\"" : "").Append(',');
        sb.Append('"').Append(Stamp(end)).Append("\",");
        sb.Append((ring + talk).ToString(CultureInfo.InvariantCulture)).Append(',').Append(talk.ToString(CultureInfo.InvariantCulture)).Append(',');
        sb.Append(answered ? "\"ANSWERED\"" : "\"NO ANSWER\"").Append(",\"DOCUMENTATION\",\"");
        sb.Append((1_772_000_000 + n).ToString(CultureInfo.InvariantCulture)).Append('.').Append((n % 1000).ToString(CultureInfo.InvariantCulture)).Append("\",\"\"");
        return sb.ToString();
    }

    /// <summary>A two-character Chinese name, as a caller ID may carry it.</summary>
    public static string Name(Random rng) => Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)];

    /// <summary>Writes <paramref name="count"/> rows spread evenly from <paramref name="firstLocal"/> at <paramref name="spacing"/>.</summary>
    public static void WriteAsteriskFile(string path, long count, string line, DateTime firstLocal, TimeSpan spacing)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (long i = 0; i < count; i++)
        {
            writer.Write(AsteriskRow(i, line, firstLocal + spacing * i));
            writer.Write('\n');
        }
    }

    /// <summary>A mainland mobile number (13x–18x).</summary>
    public static string Mobile(Random rng) => $"1{3 + rng.Next(6)}{rng.Next(100_000_000, 999_999_999)}";

    // Share of a day's calls in each hour (Asia/Shanghai): quiet nights, a morning and an afternoon peak.
    private static readonly double[] HourWeights =
        [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6, 2.0, 5.0, 8.0, 9.0, 8.5, 6.0, 6.5, 8.5, 9.0, 8.0, 6.0, 4.0, 3.5, 3.0, 2.2, 1.2, 0.6];

    /// <summary>
    /// Rows shaped like a real hotline's CDR file, in time order: <paramref name="count"/> calls over <paramref name="days"/>
    /// days from <paramref name="firstDay"/> (fewer at weekends, by the hour as <see cref="HourWeights"/>), from a pool of
    /// <paramref name="callers"/> distinct callers of whom a few call often (as repeat callers do), a caller name on
    /// every row, and <paramref name="unansweredShare"/> of the calls unanswered.
    /// </summary>
    public static void WriteHotlineFile(string path, long count, string line, DateOnly firstDay, int days, int callers = 50_000, double unansweredShare = 0.2, int seed = 95)
    {
        var rng = new Random(seed);
        var numbers = new string[callers];
        var names = new string[callers];
        for (var i = 0; i < callers; i++)
        {
            numbers[i] = Mobile(rng);
            names[i] = Name(rng);
        }

        var dayWeights = Enumerable.Range(0, days).Select(d => firstDay.AddDays(d).DayOfWeek switch
        {
            DayOfWeek.Saturday => 0.6,
            DayOfWeek.Sunday => 0.5,
            _ => 1.0,
        }).ToArray();
        var totalWeight = dayWeights.Sum();
        var hourTotal = HourWeights.Sum();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        long n = 0;
        double carried = 0;
        for (var d = 0; d < days && n < count; d++)
        {
            carried += count * dayWeights[d] / totalWeight;
            var today = d == days - 1 ? count - n : (long)Math.Round(carried) - n;
            var seconds = new int[today];
            for (var i = 0; i < today; i++)
            {
                var pick = rng.NextDouble() * hourTotal;
                var hour = 0;
                while (hour < 23 && pick >= HourWeights[hour])
                {
                    pick -= HourWeights[hour];
                    hour++;
                }

                seconds[i] = hour * 3600 + rng.Next(3600);
            }

            Array.Sort(seconds);
            var midnight = firstDay.AddDays(d).ToDateTime(TimeOnly.MinValue);
            foreach (var second in seconds)
            {
                // Squaring a uniform draw favours the first callers of the pool: a few call many times.
                var u = rng.NextDouble();
                var who = (int)(u * u * callers);
                writer.Write(AsteriskRow(n, line, midnight.AddSeconds(second), numbers[who], names[who], rng.NextDouble() >= unansweredShare, rng));
                writer.Write('\n');
                n++;
            }
        }
    }

    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
