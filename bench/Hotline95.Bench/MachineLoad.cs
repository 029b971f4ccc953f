using System.Diagnostics;
using System.Globalization;

namespace Hotline95.Bench;

/// <summary>
/// The whole machine's CPU in each second of a run, from Linux's <c>/proc/stat</c>, so that a second's latency can be read
/// beside how busy the machine was (every process on it, not only the one measured): busy, waiting for the disk (iowait)
/// and stolen by the host, as shares of all the machine's cores, and the mean number of other runnable threads, sampled
/// every 100 ms. On a dedicated thread, so that a busy thread pool does not stretch the seconds. Nothing elsewhere.
/// </summary>
internal sealed class MachineLoad : IDisposable
{
    public sealed record Second(double BusyPercent, double IoWaitPercent, double StealPercent, double Runnable);

    private readonly long _from;
    private readonly List<Second> _seconds = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    private MachineLoad(long from)
    {
        _from = from;
        Cores = File.ReadLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
        _thread = new Thread(Sample) { IsBackground = true, Name = "machine load" };
        _thread.Start();
    }

    /// <summary>The machine's cores as <c>/proc/stat</c> counts them (not this process's share).</summary>
    public int Cores { get; }

    /// <summary>
    /// Sampling in whole seconds from <paramref name="from"/> (a <see cref="Stopwatch"/> timestamp: the load's own clock);
    /// null where there is no <c>/proc/stat</c>.
    /// </summary>
    public static MachineLoad? Start(long from) => File.Exists("/proc/stat") ? new MachineLoad(from) : null;

    /// <summary>The whole seconds sampled so far.</summary>
    public IReadOnlyList<Second> Seconds
    {
        get
        {
            lock (_seconds)
            {
                return [.. _seconds];
            }
        }
    }

    /// <summary>Why sampling stopped early, if it did (the seconds before are kept).</summary>
    public string? Failure { get; private set; }

    private readonly record struct Reading(long Busy, long IoWait, long Steal, long Total, int Running);

    private static Reading Read()
    {
        long busy = 0, iowait = 0, steal = 0, total = 0;
        var running = 0;
        foreach (var line in File.ReadLines("/proc/stat"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] == "cpu")
            {
                // user nice system idle iowait irq softirq steal (guest time is already counted in user)
                var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6];
                iowait = ticks[4];
                steal = ticks[7];
                total = ticks.Sum();
            }
            else if (fields[0] == "procs_running")
            {
                running = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return new Reading(busy, iowait, steal, total, running);
    }

    private void Sample()
    {
        try
        {
            var last = Read();
            var (runnable, samples, next) = (0L, 0, 1);
            while (!_stop)
            {
                Thread.Sleep(100);
                var now = Read();
                runnable += Math.Max(0, now.Running - 1); // not this thread
                samples++;
                if (Stopwatch.GetElapsedTime(_from).TotalSeconds < next)
                {
                    continue;
                }

                var total = Math.Max(1, now.Total - last.Total);
                lock (_seconds)
                {
                    _seconds.Add(new Second(100.0 * (now.Busy - last.Busy) / total, 100.0 * (now.IoWait - last.IoWait) / total,
                        100.0 * (now.Steal - last.Steal) / total, (double)runnable / samples));
                }

                (last, runnable, samples, next) = (now, 0, 0, next + 1);
            }
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            Failure = ex.Message;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
