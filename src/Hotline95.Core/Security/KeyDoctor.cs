using System.Security.Cryptography;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Security;

/// <summary>A stored key the configured master key cannot open: what it is, how many records it seals, and whether it was removed.</summary>
public sealed record UnreadableKey(string What, Guid EnterpriseId, string MasterKeyId, int Records, bool Removed);

public sealed record KeyDoctorReport(string MasterKeyId, int KeysChecked, IReadOnlyList<UnreadableKey> Unreadable)
{
    /// <summary>Keys that still seal data the configured master key cannot open.</summary>
    public int Remaining => Unreadable.Count(k => !k.Removed);
}

/// <summary>
/// Finds the stored keys the configured master key cannot open (written under a wrong or lost key) and removes those
/// that seal no record, so their month can be written again under the right key. Keys that seal records are kept and
/// listed: only the key that wrapped them can open those records. Every removal is audited.
/// </summary>
public sealed class KeyDoctorHandler(Hotline95DbContext db, MasterKeyStore store, KeyRing ring, AuditLog audit)
{
    public async Task<Result<KeyDoctorReport>> HandleAsync(string actor, CancellationToken ct = default)
    {
        var loaded = store.Load();
        if (!loaded.IsSuccess)
        {
            return loaded.Error;
        }

        var masters = loaded.Value;
        var wrapped = await MasterKeyGuard.WrappedKeysAsync(db, ct);
        var unreadable = new List<UnreadableKey>();
        foreach (var key in wrapped.Where(k => !Opens(masters, k)))
        {
            if (key.DataKeyId is { } id)
            {
                var row = await db.DataKeys.SingleAsync(k => k.Id == id, ct);
                var records = await KeyUsage.RecordsAsync(db, row.EnterpriseId, row.Purpose, row.Month, ct);
                if (records == 0)
                {
                    await audit.EnsureKeyedAsync(ct); // an unkeyed chain (this command skips the start-up check) is keyed first, in a transaction of its own
                    db.DataKeys.Remove(row);
                    await audit.SaveAndAppendAsync(db, row.EnterpriseId, actor, AuditActions.DataKeyOrphanRemoved, $"data-key:{id}",
                        $"{row.Purpose} month={row.Month:yyyy-MM} wrapped by master {row.MasterKeyId}, not the configured {masters[0].Id}; it sealed no record", ct);
                    ring.Forget(id);
                }

                unreadable.Add(new UnreadableKey(key.What, row.EnterpriseId, key.MasterKeyId, records, records == 0));
            }
            else if (key.What.StartsWith("audit-key:", StringComparison.Ordinal))
            {
                // The audit chain's key is never removed: the chain cannot be verified without it.
                unreadable.Add(new UnreadableKey(key.What, Guid.Empty, key.MasterKeyId, (int)Math.Min(int.MaxValue, await db.AuditEntries.LongCountAsync(ct)), false));
            }
            else
            {
                var enterpriseId = Guid.ParseExact(key.What["blind-index-key:".Length..], "N");
                var records = await db.Calls.CountAsync(c => c.EnterpriseId == enterpriseId, ct) + await db.Complaints.CountAsync(c => c.EnterpriseId == enterpriseId, ct);
                if (records == 0)
                {
                    await audit.EnsureKeyedAsync(ct);
                    await db.Database.InTransactionAsync(async () =>
                    {
                        await db.BlindIndexKeys.Where(k => k.EnterpriseId == enterpriseId).ExecuteDeleteAsync(ct);
                        await audit.AppendAsync(enterpriseId, actor, AuditActions.DataKeyOrphanRemoved, key.What,
                            $"blind-index key wrapped by master {key.MasterKeyId}, not the configured {masters[0].Id}; no record was indexed with it", ct);
                    }, ct);
                    ring.Forget();
                }

                unreadable.Add(new UnreadableKey(key.What, enterpriseId, key.MasterKeyId, records, records == 0));
            }
        }

        return new KeyDoctorReport(masters[0].Id, wrapped.Count, unreadable);
    }

    private static bool Opens(IReadOnlyList<MasterKey> masters, WrappedKey key)
    {
        var master = masters.FirstOrDefault(m => m.Id == key.MasterKeyId);
        if (master is null)
        {
            return false;
        }

        try
        {
            CryptographicOperations.ZeroMemory(KeyWrap.Unwrap(master, key.Wrapped, key.Context));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
