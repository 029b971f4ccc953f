using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Audit;

/// <summary>Appends to the hash-chained audit log. Appends are serialised so the chain never forks.</summary>
public sealed class AuditLog(Hotline95DbContext db, TimeProvider clock)
{
    // One writer at a time within a process; across processes the unique Sequence key makes a racing
    // second writer fail and retry instead of forking the chain.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task AppendAsync(Guid enterpriseId, string actor, string action, string target, string details, CancellationToken ct = default)
    {
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
                    Hash = AuditChain.Compute(sequence, enterpriseId, at, actor, action, target, details, previous),
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
}
