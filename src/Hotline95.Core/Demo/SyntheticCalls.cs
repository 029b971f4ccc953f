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
        var caller = $"1{3 + rng.Next(6)}{rng.Next(100_000_000, 999_999_999)}";
        var name = Name(rng);
        var answered = rng.Next(8) != 0;
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

    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
