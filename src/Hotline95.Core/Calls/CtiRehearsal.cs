using System.Diagnostics;
using Hotline95.Core.Data;
using Hotline95.Core.Desk;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline95.Core.Calls;

/// <summary>What a start-up rehearsal did: rounds, events applied and rolled back, its wall-clock time.</summary>
public sealed record CtiRehearsalResult(int Rounds, int Events, TimeSpan Elapsed, string? Failure);

/// <summary>
/// Runs the live CTI path on synthetic calls before a node declares itself ready, so that its first real events
/// meet compiled (tiered-up) code instead of the JIT's first tier: EF's model and SaveChanges, the batch writer's SQL,
/// sealing, the blind index, the outbound plan, the block list and the roll-ups, in batches of the sizes a busy PBX
/// makes. Each round works on a synthetic enterprise, line and keys created inside one transaction that is rolled
/// back: no call, roll-up, key or audit entry of a round persists (nothing in this path audits or notifies). What a round
/// keeps is the current month's partition on PostgreSQL, which the month's first real call would create anyway (it is made
/// before the transaction so that the process's cache of made partitions never names one that was rolled back).
/// Events also go through the <see cref="CtiEventQueue"/> as invalid events (no call id), which are refused without
/// a write. Last, outside the rounds, the keys that real enterprises' first calls need are loaded, or made when missing
/// (<see cref="PreloadKeysAsync"/>): those persist, as the first call would have made them.
/// The budget is wall-clock time for the work itself, not a business time, hence a stopwatch. Once a round compiles almost
/// nothing new, the rest of the budget is waited out idle. (Ending there, without waiting, was tried on 2026-12-01: about
/// 1.5 s instead of 3, but on one SQLite node second 2 of the load then had p99 70.7 and 30.0 ms in two runs, probably the
/// background jobs' start-up runs no longer done before ready.)
/// </summary>
public sealed class CtiRehearsal(IServiceScopeFactory scopes, KeyRing keys, CtiEventQueue queue, TimeProvider clock, ILogger<CtiRehearsal> log)
{
    public const string LineNumber = "95000";
    private const int CallsPerRound = 120;
    private static readonly int[] BatchSizes = [1, 2, 5, 20, 60, 150];
    private const int MinRounds = 2;
    /// <summary>A round that made the JIT compile fewer methods than this (timers and the HTTP side compile a few) was quiet.</summary>
    private const int QuietRound = 20;

    public async Task<CtiRehearsalResult> RunAsync(TimeSpan budget, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        int rounds = 0, events = 0;
        string? failure = null;
        try
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            do
            {
                events += await RoundAsync(rounds, ct);
                rounds++;
                var now = System.Runtime.JitInfo.GetCompiledMethodCount();
                var remaining = budget - Stopwatch.GetElapsedTime(started);
                if (rounds >= MinRounds && now - compiled < QuietRound && remaining > TimeSpan.Zero)
                {
                    // Nothing left to compile: the rest of the budget is waited out, not worked through, so the CPU goes
                    // to whatever else is starting (the background jobs' first runs, another node on the same machine).
                    await Task.Delay(remaining, ct);
                    break;
                }

                compiled = now;
            }
            while (Stopwatch.GetElapsedTime(started) < budget);

            await PreloadKeysAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A warm-up must never keep a node from starting: it only costs the first seconds' speed.
            failure = ex.Message;
            log.LogWarning(ex, "CTI warm-up stopped after {Rounds} rounds", rounds);
        }

        var result = new CtiRehearsalResult(rounds, events, Stopwatch.GetElapsedTime(started), failure);
        log.LogInformation("CTI warm-up: {Events} synthetic events in {Rounds} rounds, {Ms:F0} ms, rolled back; {Methods} methods compiled so far", result.Events, result.Rounds, result.Elapsed.TotalMilliseconds, System.Runtime.JitInfo.GetCompiledMethodCount());
        return result;
    }

    /// <summary>At most this many enterprises' keys are readied before ready; the others' first calls get their own.</summary>
    private const int PreloadedEnterprises = 500;
    private static readonly TimeSpan PreloadBudget = TimeSpan.FromSeconds(2);

    /// <summary>
    /// This month's data key and the blind-index key of each enterprise a PBX posts for (an unrevoked integration key), in this
    /// node's key ring through its own lookups: loaded when they exist, made when they do not (the month's first call would
    /// make them a moment later; a PBX enterprise takes calls every month, and a month's key that never seals a call is
    /// destroyed with its month all the same). Measured on 2026-12-01 through HAProxy with both fresh nodes loaded at once:
    /// second 1 p99 52.6–87.4 ms in four runs while the first calls made the keys, 41.1 and 25.8 ms when they existed.
    /// </summary>
    private async Task PreloadKeysAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        int loaded = 0, shredded = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Hotline95DbContext>();
            var month = KeyRing.MonthOf(clock.GetUtcNow());
            var enterprises = await db.ApiKeys.Where(k => k.RevokedAt == null && k.Role == Identity.Role.Integration)
                .Select(k => k.EnterpriseId).Distinct().OrderBy(id => id).Take(PreloadedEnterprises).ToListAsync(ct);
            foreach (var enterpriseId in enterprises)
            {
                if (Stopwatch.GetElapsedTime(started) > PreloadBudget)
                {
                    break;
                }

                try
                {
                    await keys.ForMonthAsync(enterpriseId, DataKeyPurpose.Calls, month, ct);
                }
                catch (DataKeyDestroyedException)
                {
                    shredded++; // its calls of this month are refused anyway: nothing to ready
                    continue;
                }

                await keys.BlindKeyAsync(enterpriseId, ct);
                loaded++;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the first calls' speed depends on it: they get their keys themselves.
            log.LogWarning(ex, "Readying PBX enterprises' keys before ready stopped after {Count}", loaded);
        }

        log.LogInformation("Keys of {Count} PBX enterprises ready in {Ms:F0} ms ({Shredded} with this month's key destroyed)", loaded, Stopwatch.GetElapsedTime(started).TotalMilliseconds, shredded);
    }

    private async Task<int> RoundAsync(int round, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Hotline95DbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var now = clock.GetUtcNow();
        await CallPartitions.EnsureAsync(db, now, ct);

        // The queue's own path (channel, writer session, answer): invalid events are answered without a write.
        var refused = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => queue.SubmitAsync(new CtiSubmission(Guid.Empty, new CtiEvent("newCall", null, null, null, null, null, null, null, null), null))));

        var applied = 0;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var enterprise = new Enterprise { Slug = $"warm-up-{Guid.NewGuid():N}", Name = "warm-up", CreatedAt = now };
            db.Enterprises.Add(enterprise);
            db.Lines.Add(new HotlineLine { EnterpriseId = enterprise.Id, Number = LineNumber, Name = "warm-up", DefaultOutbound = true, CreatedAt = now });
            // A PBX key, so that each batch also confirms its key as the endpoint's remembered keys make it do.
            var key = new Identity.ApiKey { EnterpriseId = enterprise.Id, Name = "warm-up", Role = Identity.Role.Integration, KeyHash = Guid.NewGuid().ToString("N"), Hint = "warm-up", CreatedAt = now };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(ct);
            var ring = await keys.RehearsalAsync(db, enterprise.Id, new[] { KeyRing.MonthOf(now), KeyRing.MonthOf(now.AddDays(1)) }.Distinct().ToList(), ct);
            using var handler = new ProcessCtiEventHandler(db, ring, new BlindIndex(ring), scope.ServiceProvider.GetRequiredService<DeskFeed>(),
                scope.ServiceProvider.GetRequiredService<Monitoring.RollupShards>(), clock); // inside the rehearsal's transaction: no desk is told
            // Some events record the key's use, as the endpoint's first request and one a minute after it do.
            var flow = Events(enterprise.Id, key.Id, round).Select((e, i) => i % 7 == 0 ? e with { KeyUseDue = true } : e).ToList();
            for (var i = 0; i < flow.Count; i += BatchSizes[(i / 7) % BatchSizes.Length])
            {
                var batch = flow.Skip(i).Take(BatchSizes[(i / 7) % BatchSizes.Length]).ToList();
                var results = await handler.HandleBatchAsync(batch, ct);
                if (results.Any(r => !r.IsSuccess))
                {
                    throw new InvalidOperationException($"warm-up event refused: {results.First(r => !r.IsSuccess).Error?.Code}");
                }

                applied += batch.Count;
            }

            await tx.RollbackAsync(ct);
        }

        await refused;
        return applied;
    }

    /// <summary>Inbound calls answered or missed, a late newCall, an outbound call: each event kind the PBX sends.</summary>
    private static IEnumerable<CtiSubmission> Events(Guid enterpriseId, Guid keyId, int round)
    {
        for (var i = 0; i < CallsPerRound; i++)
        {
            var id = $"warm-up-{round}-{i}";
            var caller = $"139{(round * CallsPerRound) + i:D8}";
            if (i % 10 == 9)
            {
                yield return new(enterpriseId, new CtiEvent("newCall", id, LineNumber, caller, "out", "1001", null, null, null), keyId);
                yield return new(enterpriseId, new CtiEvent("hangup", id, LineNumber, caller, "out", null, null, null, "normalClearing"), keyId);
                continue;
            }

            if (i % 10 == 8)
            {
                yield return new(enterpriseId, new CtiEvent("answer", id, caller, LineNumber, "in", "1002", "q1", null, null), keyId);
            }

            yield return new(enterpriseId, new CtiEvent("newCall", id, caller, LineNumber, "in", null, "q1", null, null), keyId);
            if (i % 4 != 3 && i % 10 != 8)
            {
                yield return new(enterpriseId, new CtiEvent("answer", id, caller, LineNumber, "in", "1001", null, null, null), keyId);
            }

            yield return new(enterpriseId, new CtiEvent("hangup", id, caller, LineNumber, "in", null, null, null, i % 4 == 3 ? "cancel" : "normalClearing"), keyId);
        }
    }
}
