using Hotline95.Core.Calls;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Bench;

/// <summary>Fills the store fast through the bulk writer with properly sealed records (real keys, real blind index).</summary>
public static class SyntheticStore
{
    public static string Customer(long i) => $"13{(i % 10_000_000_000L):D9}";

    public static async Task FillAsync(BenchEnvironment env, long rows, long distinctCustomers, DateTimeOffset first, TimeSpan spacing, string prefix)
    {
        var keys = env.Services.GetRequiredService<KeyRing>();
        await using var writer = await CallBatchWriter.OpenAsync(env.Settings.Database);
        var batch = new SealedCallBatch(ImportCallsHandler.BatchSize);

        // A new month's key is a write: the bulk writer must first give back SQLite's write lock.
        async Task CommitAsync(CancellationToken ct)
        {
            await writer.WriteAsync(batch, ct);
            batch.Clear();
            await writer.CompleteAsync(ct);
        }

        using var sealer = new CallSealer(keys, TimeProvider.System, CommitAsync);
        var rng = new Random(95);
        for (long i = 0; i < rows; i++)
        {
            var start = first + spacing * i;
            var answered = rng.Next(8) != 0;
            var data = new CallData("95528", CallDirection.In, Customer(rng.NextInt64(distinctCustomers) * 7919 % 1_000_000_000), "王小明", "1001", null,
                start, answered ? start.AddSeconds(5) : null, start.AddSeconds(answered ? 185 : 20),
                answered ? CallDisposition.Answered : CallDisposition.NoAnswer, null, "bench", $"{prefix}{i}");
            batch.Add(await sealer.SealAsync(env.EnterpriseId, data));
            if (batch.IsFull)
            {
                await writer.WriteAsync(batch);
                batch.Clear();
            }
        }

        await writer.WriteAsync(batch);
        await writer.CompleteAsync();
    }
}
