using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Audit;

/// <summary>
/// Moves a chain written before the audit key existed (plain SHA-256, recomputable by anyone) onto the keyed chain:
/// the old links are verified, then every entry is linked again under a new audit key, in one transaction, and an entry
/// records whether the old chain was intact. An installation without entries simply gets its key.
/// </summary>
public static class AuditChainUpgrade
{
    public sealed record Outcome(long Entries, long? LegacyBrokenAt);

    /// <summary>Null when the chain is keyed already.</summary>
    public static async Task<Outcome?> EnsureKeyedAsync(Hotline95DbContext db, KeyRing ring, CancellationToken ct)
    {
        if (await db.AuditKeys.AnyAsync(ct))
        {
            return null;
        }

        // A chain keyed once never goes back: with its key gone, re-keying it would launder whatever was done to it.
        if (await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditLog.ChainKeyed).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(ct) is { } keyedAt)
        {
            throw new AuditKeyMissingException(keyedAt);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        byte[] key;
        try
        {
            key = await ring.CreateAuditKeyAsync(db, 1, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another process created it at the same moment: its key and upgrade stand
            ring.Forget();
            return null;
        }

        long count = 0, expected = 1;
        long? broken = null;
        string legacyPrevious = AuditChain.GenesisHash, previous = AuditChain.GenesisHash;
        while (true)
        {
            var from = expected;
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence).Take(2_000).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var e in page)
            {
                if (broken is null && (e.Sequence != expected || e.PreviousHash != legacyPrevious || AuditChain.ComputeLegacy(e) != e.Hash))
                {
                    broken = expected;
                }

                legacyPrevious = e.Hash;
                var hash = AuditChain.Compute(key, e.Sequence, e.EnterpriseId, e.At, e.Actor, e.Action, e.Target, e.Details, previous);
                await db.AuditEntries.Where(x => x.Sequence == e.Sequence)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.PreviousHash, previous).SetProperty(x => x.Hash, hash), ct);
                previous = hash;
                expected = e.Sequence + 1;
                count++;
            }
        }

        await tx.CommitAsync(ct);
        ring.Forget();
        return new Outcome(count, broken);
    }
}

/// <summary>The audit chain was keyed at <see cref="KeyedAt"/> but its key is gone: the key table was tampered with.</summary>
public sealed class AuditKeyMissingException(long keyedAt)
    : InvalidOperationException($"The audit chain was keyed at entry #{keyedAt}, but the audit key table is empty: it was tampered with. Restore the database from a backup; nothing was written.")
{
    public long KeyedAt { get; } = keyedAt;
}
