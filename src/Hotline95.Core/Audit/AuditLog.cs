using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Audit;

/// <summary>
/// Appends to the audit log, each entry linked to the one before by an HMAC under the audit key (see <see cref="AuditChain"/>).
/// Appends are serialised so the chain never forks.
/// </summary>
public sealed class AuditLog(Hotline95DbContext db, KeyRing ring, TimeProvider clock)
{
    public const string ChainKeyed = "audit.chain-keyed";

    // One writer at a time within a process; across processes the unique Sequence key makes a racing
    // second writer fail and retry instead of forking the chain.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task AppendAsync(Guid enterpriseId, string actor, string action, string target, string details, CancellationToken ct = default)
    {
        var key = await CurrentKeyAsync(ct);
        await Gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var last = await db.AuditEntries.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(ct);
                var sequence = (last?.Sequence ?? 0) + 1;
                var previous = last?.Hash ?? AuditChain.GenesisHash;
                var at = clock.GetUtcNow();
                var entry = new AuditEntry
                {
                    Sequence = sequence,
                    EnterpriseId = enterpriseId,
                    At = at,
                    Actor = actor,
                    Action = action,
                    Target = target,
                    Details = details,
                    PreviousHash = previous,
                    Hash = AuditChain.Compute(key, sequence, enterpriseId, at, actor, action, target, details, previous),
                };
                db.AuditEntries.Add(entry);
                try
                {
                    await db.SaveChangesAsync(ct);
                    db.Entry(entry).State = EntityState.Detached;
                    return;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    db.Entry(entry).State = EntityState.Detached; // another process took this sequence number
                }
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Makes sure the chain is keyed (run at start, before any append may be inside a caller's transaction).</summary>
    public Task EnsureKeyedAsync(CancellationToken ct = default) => CurrentKeyAsync(ct);

    /// <summary>The key of the chain's current segment; a chain still on the old unkeyed links is moved onto keyed ones first.</summary>
    private async Task<byte[]> CurrentKeyAsync(CancellationToken ct)
    {
        var keys = await ring.AuditKeysAsync(ct);
        if (keys.Count == 0)
        {
            var upgraded = await AuditChainUpgrade.EnsureKeyedAsync(db, ring, ct);
            keys = await ring.AuditKeysAsync(ct);
            if (upgraded is { Entries: > 0 } u)
            {
                await AppendWithAsync(keys[^1].Key, ChainKeyed, $"entries={u.Entries} legacy={(u.LegacyBrokenAt is { } b ? $"broken at #{b}" : "intact")}", ct);
            }
        }

        return keys[^1].Key;
    }

    private async Task AppendWithAsync(byte[] key, string action, string details, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstAsync(ct);
        var at = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            Sequence = last.Sequence + 1, EnterpriseId = Guid.Empty, At = at, Actor = "system", Action = action, Target = "audit", Details = details,
            PreviousHash = last.Hash, Hash = AuditChain.Compute(key, last.Sequence + 1, Guid.Empty, at, "system", action, "audit", details, last.Hash),
        };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        db.Entry(entry).State = EntityState.Detached;
    }
}
