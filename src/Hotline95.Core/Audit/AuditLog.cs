using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Audit;

/// <summary>
/// Appends to the audit log, each entry linked to the one before by an HMAC under the audit key (see <see cref="AuditChain"/>).
/// Appends are serialised so the chain never forks. An append inside the caller's transaction is part of it: the entry
/// is stored with what it records, or neither is.
/// </summary>
public sealed class AuditLog(Hotline95DbContext db, KeyRing ring, TimeProvider clock)
{
    public const string ChainKeyed = "audit.chain-keyed";

    // Outside a caller's transaction, one writer at a time within a process. Across processes: on PostgreSQL a
    // transaction's advisory lock, held until the appending transaction ends, so the next appender reads this entry as
    // the chain's head and an append inside a caller's transaction never collides (a collision would abort that whole
    // transaction); on SQLite the unique Sequence key makes a racing second writer fail and retry instead of forking the
    // chain. Inside a caller's transaction on SQLite the gate is not taken: that transaction already holds the file's one
    // write lock (BEGIN IMMEDIATE), and an append holding the gate while it waits for that lock would wait on this one.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task AppendAsync(Guid enterpriseId, string actor, string action, string target, string details, CancellationToken ct = default)
    {
        var key = await CurrentKeyAsync(ct);
        var callers = db.Database.CurrentTransaction is not null;
        if (db.Database.IsNpgsql())
        {
            await AppendOnPostgresAsync(key, callers, enterpriseId, actor, action, target, details, ct);
            return;
        }

        if (callers)
        {
            await AddNextAsync(key, enterpriseId, actor, action, target, details, ct);
            return;
        }

        await Gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await AddNextAsync(key, enterpriseId, actor, action, target, details, ct);
                    return;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    // another process took this sequence number: read the head again
                }
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task AppendOnPostgresAsync(byte[] key, bool callers, Guid enterpriseId, string actor, string action, string target, string details, CancellationToken ct)
    {
        if (callers)
        {
            await ClusterLocks.ForTransactionAsync(db, ClusterLocks.AuditAppend, 0, ct);
            await AddNextAsync(key, enterpriseId, actor, action, target, details, ct);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Read committed, so the head is read after the lock is granted, not from a snapshot taken before it.
                await using var own = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
                await ClusterLocks.ForTransactionAsync(db, ClusterLocks.AuditAppend, 0, ct);
                await AddNextAsync(key, enterpriseId, actor, action, target, details, ct);
                await own.CommitAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // a node of an older version (a rolling upgrade) appended without the lock: read the head again
            }
        }
    }

    /// <summary>Stores the entry after the chain's current head.</summary>
    private async Task AddNextAsync(byte[] key, Guid enterpriseId, string actor, string action, string target, string details, CancellationToken ct)
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
        }
        finally
        {
            db.Entry(entry).State = EntityState.Detached;
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
                await AddNextAsync(keys[^1].Key, Guid.Empty, "system", ChainKeyed, "audit", $"entries={u.Entries} legacy={(u.LegacyBrokenAt is { } b ? $"broken at #{b}" : "intact")}", ct);
            }
        }

        return keys[^1].Key;
    }
}
