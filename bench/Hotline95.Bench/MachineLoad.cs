using System.Diagnostics;
using System.Globalization;

namespace Hotline95.Bench;

/// <summary>
/// The whole machine's CPU in each second of a run, from Linux's <c>/proc/stat</c>, so that a second's latency can be read
/// beside how busy the machine was (every process on it, not only the one measured): busy and stolen time as shares of all
/// cores, and the mean number of runnable threads, sampled every 100 ms (the sampler counts itself). Nothing elsewhere.
/// </summary>
internal sealed class MachineLoad : IAsyncDisposable
{
    public sealed record Second(double BusyPercent, double StealPercent, double Runnable);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Second> _seconds = [];
    private readonly Task _sampling;

    private MachineLoad() => _sampling = Task.Run(SampleAsync);

    /// <summary>Sampling from now, second by second; null where there is no <c>/proc/stat</c>.</summary>
    public static MachineLoad? Start() => File.Exists("/proc/stat") ? new MachineLoad() : null;

    /// <summary>The whole seconds sampled so far, the first starting at <see cref="Start"/>.</summary>
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

    private readonly record struct Reading(long Busy, long Steal, long Total, int Running);

    private static Reading Read()
    {
        long busy = 0, steal = 0, total = 0;
        var running = 0;
        foreach (var line in File.ReadLines("/proc/stat"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] == "cpu")
            {
                // user nice system idle iowait irq softirq steal (guest time is already in user)
                var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6];
                steal = ticks[7];
                total = ticks.Sum();
            }
            else if (fields[0] == "procs_running")
            {
                running = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return new Reading(busy, steal, total, running);
    }

    private async Task SampleAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var last = Read();
        var (runnable, samples, next) = (0L, 0, 1);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var now = Read();
                runnable += now.Running;
                samples++;
                if (Stopwatch.GetElapsedTime(started).TotalSeconds < next)
                {
                    continue;
                }

                var total = Math.Max(1, now.Total - last.Total);
                lock (_seconds)
                {
                    _seconds.Add(new Second(100.0 * (now.Busy - last.Busy) / total, 100.0 * (now.Steal - last.Steal) / total, (double)runnable / samples));
                }

                (last, runnable, samples, next) = (now, 0, 0, next + 1);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
