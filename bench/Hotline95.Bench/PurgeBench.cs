using System.Diagnostics;
using Hotline95.Core.Data;
using Hotline95.Core.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Bench;

/// <summary>Issue 3: purge a month of 3,000,000 calls in under 30 s (the next month's calls stay).</summary>
public static class PurgeBench
{
    public static async Task<int> RunAsync(long rows)
    {
        BenchEnvironment.Header("retention purge", $"a month of {rows:N0} calls deleted, its key destroyed: < 30 s");
        await using var env = await BenchEnvironment.CreateAsync(Environment.GetEnvironmentVariable("HOTLINE95_BENCH_DB"));
        var january = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var spacing = TimeSpan.FromDays(31) / rows;
        var sw = Stopwatch.StartNew();
        await SyntheticStore.FillAsync(env, rows, rows / 3, january, spacing, "jan");
        await SyntheticStore.FillAsync(env, 100_000, 30_000, january.AddMonths(1), TimeSpan.FromSeconds(20), "feb");
        Console.WriteLine($"stored {rows:N0} January calls and 100,000 February calls in {sw.Elapsed.TotalSeconds:F0} s ({env.Settings.Database.Describe()})");

        await using var scope = env.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<PurgeRetentionHandler>();
        sw.Restart();
        var result = (await handler.HandleAsync(new PurgeRequest(new DateOnly(2026, 8, 1), false, "bench"))).Value;
        sw.Stop();
        var left = await scope.ServiceProvider.GetRequiredService<Hotline95DbContext>().Calls.CountAsync();
        Console.WriteLine($"purge: deleted {result.CallsDeleted:N0} calls, destroyed keys {string.Join(",", result.Enterprises.SelectMany(e => e.KeysDestroyed))}" +
            $"{(result.PartitionsDropped.Count > 0 ? $", dropped {string.Join(",", result.PartitionsDropped)}" : "")} in {sw.Elapsed.TotalSeconds:F2} s (target < 30 s); {left:N0} February calls remain");
        return 0;
    }
}
