using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Hotline95.Bench;

/// <summary>
/// The load of the failover test (deploy/ha/failover-test.sh): CTI events posted to a URL (HAProxy in front of the
/// application nodes) at a fixed rate, each call newCall → answer → hangup, every failed request retried the way a
/// PBX script does (after 0.5 s, then every second, for up to 60 s). Writes one line per acknowledged event
/// (call id, event) to <c>OUT</c> and prints the longest time without any successful answer.
/// Usage: failover-load URL SECONDS RATE OUT
/// </summary>
public static class FailoverLoad
{
    public static async Task<int> RunAsync(string url, int seconds, int rate, string output)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var acknowledged = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        long lastSuccessTicks = 0;
        long longestGapTicks = 0;
        long longestGapEndTicks = 0;
        var gapLock = new object();
        int failedAttempts = 0, givenUp = 0;

        void Success()
        {
            var now = clock.Elapsed.Ticks;
            lock (gapLock)
            {
                if (now - lastSuccessTicks > longestGapTicks)
                {
                    longestGapTicks = now - lastSuccessTicks;
                    longestGapEndTicks = now;
                }

                lastSuccessTicks = Math.Max(lastSuccessTicks, now);
            }
        }

        async Task<bool> PostAsync(string callId, object body, string kind)
        {
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(60);
            var wait = TimeSpan.FromMilliseconds(500);
            while (true)
            {
                try
                {
                    using var response = await client.PostAsJsonAsync(url, body);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Enqueue($"{callId},{kind}");
                        Success();
                        return true;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }

                Interlocked.Increment(ref failedAttempts);
                if (clock.Elapsed > deadline)
                {
                    Interlocked.Increment(ref givenUp);
                    return false;
                }

                await Task.Delay(wait);
                wait = TimeSpan.FromSeconds(1);
            }
        }

        async Task FlowAsync(int i)
        {
            var id = $"ha-{i}";
            var from = $"139{i % 100_000_000:D8}";
            if (await PostAsync(id, new { @event = "newCall", call_id = id, from, to = "95528", direction = "in" }, "newCall")
                && await PostAsync(id, new { @event = "answer", call_id = id, from, to = "95528", direction = "in", user = "1001" }, "answer"))
            {
                await PostAsync(id, new { @event = "hangup", call_id = id, from, to = "95528", direction = "in", cause = "normalClearing" }, "hangup");
            }
        }

        var calls = rate * seconds / 3;
        var flows = new List<Task>(calls);
        var lastReport = TimeSpan.Zero;
        for (var i = 0; i < calls; i++)
        {
            var due = TimeSpan.FromSeconds(i * 3.0 / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine(FormattableString.Invariant($"load: t={clock.Elapsed.TotalSeconds:F0}s calls started {i:N0}, events acknowledged {acknowledged.Count:N0}, failed attempts {failedAttempts:N0}"));
            }

            flows.Add(FlowAsync(i));
        }

        await Task.WhenAll(flows);
        await File.WriteAllLinesAsync(output, acknowledged);
        Console.WriteLine(FormattableString.Invariant(
            $"load: {calls:N0} calls, {acknowledged.Count:N0} events acknowledged in {clock.Elapsed.TotalSeconds:F0} s, {failedAttempts:N0} failed attempts retried, {givenUp} given up after 60 s"));
        Console.WriteLine(FormattableString.Invariant(
            $"LONGEST_GAP {TimeSpan.FromTicks(longestGapTicks).TotalSeconds:F1} s (ending at t={TimeSpan.FromTicks(longestGapEndTicks).TotalSeconds:F0} s)"));
        return givenUp == 0 ? 0 : 1;
    }
}
