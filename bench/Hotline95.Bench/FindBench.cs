using System.Diagnostics;
using Hotline95.Core.Calls;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Bench;

/// <summary>Issue 3: find one caller's calls among 10,000,000 through the blind index: median under 5 ms.</summary>
public static class FindBench
{
    public static async Task<int> RunAsync(long rows)
    {
        BenchEnvironment.Header("find by caller", $"one caller's calls among {rows:N0}: median < 5 ms (masked results, up to 100 per caller)");
        await using var env = await BenchEnvironment.CreateAsync();
        var distinct = Math.Max(1, rows / 5);
        var sw = Stopwatch.StartNew();
        await SyntheticStore.FillAsync(env, rows, distinct, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1.5), "f");
        Console.WriteLine($"stored {rows:N0} sealed calls ({distinct:N0} distinct callers) in {sw.Elapsed.TotalSeconds:F0} s");

        var rng = new Random(7);
        var timings = new List<double>();
        long found = 0;
        for (var i = 0; i < 1_001; i++)
        {
            var phone = SyntheticStore.Customer(rng.NextInt64(distinct) * 7919 % 1_000_000_000);
            await using var scope = env.Services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<FindCallsHandler>();
            var t = Stopwatch.StartNew();
            var result = await handler.HandleAsync(new FindCallsRequest(env.EnterpriseId, phone, Page: new Hotline95.Core.Common.PageRequest(1, 100)));
            t.Stop();
            found += result.Value.Items.Count;
            if (i > 0)
            {
                timings.Add(t.Elapsed.TotalMilliseconds); // the first query warms the caches
            }
        }

        timings.Sort();
        Console.WriteLine($"1,000 lookups, {found / 1001.0:F1} calls per caller on average");
        Console.WriteLine($"median {timings[timings.Count / 2]:F2} ms, p90 {timings[(int)(timings.Count * 0.9)]:F2} ms, p99 {timings[(int)(timings.Count * 0.99)]:F2} ms (target: median < 5 ms)");
        return 0;
    }
}
