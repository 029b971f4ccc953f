using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// Where an import's time goes, phase by phase, when <c>HOTLINE95_IMPORT_PROFILE=1</c> (benchmarks, diagnosis):
/// a few timestamps a row, summed per phase and printed by <see cref="Report"/>. Off, it costs a branch.
/// </summary>
public static class ImportProfile
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("HOTLINE95_IMPORT_PROFILE") == "1";

    public enum Phase
    {
        Parse,
        Seal,
        Pack,
        ParserWaitsForWriter,
        Insert,
        Rollups,
        Commit,
        WriterWaitsForParser,
    }

    private static readonly long[] Ticks = new long[Enum.GetValues<Phase>().Length];

    public static long Now() => Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Adds the time since <paramref name="since"/> to <paramref name="phase"/> and returns now.</summary>
    public static long Add(Phase phase, long since)
    {
        if (!Enabled)
        {
            return 0;
        }

        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref Ticks[(int)phase], now - since);
        return now;
    }

    public static void Reset() => Array.Clear(Ticks);

    public static string Report()
    {
        var text = new StringBuilder();
        foreach (var phase in Enum.GetValues<Phase>())
        {
            text.Append(CultureInfo.InvariantCulture, $"{phase} {Ticks[(int)phase] / (double)Stopwatch.Frequency:F2} s; ");
        }

        return text.ToString().TrimEnd(' ', ';');
    }
}
