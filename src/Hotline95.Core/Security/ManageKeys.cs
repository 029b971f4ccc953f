using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Security;

public sealed record DataKeyStatus(int Id, string Purpose, string Month, string MasterKeyId, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? DestroyedAt);

/// <summary>Ids, months and dates: never key material.</summary>
public sealed record KeysStatus(string MasterKeyId, string MasterKeySource, IReadOnlyList<DataKeyStatus> DataKeys);

/// <summary>
/// A rotation that has committed. <paramref name="LateKeysFailure"/>: the pass over keys made by other processes while it
/// ran failed (the database went away): those keys may still need the previous master key.
/// </summary>
public sealed record RotationResult(string PreviousMasterKeyId, string NewMasterKeyId, int DataKeysRewrapped, int BlindKeysRewrapped, string? NewKeyForEnvironment,
    string? LateKeysFailure = null);

/// <summary>Key status and master-key rotation. Rotation re-wraps the data keys; no record is rewritten.</summary>
public sealed class ManageKeysHandler(Hotline95DbContext db, KeyRing keys, MasterKeyStore store, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<KeysStatus>> StatusAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var master = keys.Master();
        if (!master.IsSuccess)
        {
            return master.Error;
        }

        var rows = await db.DataKeys.AsNoTracking().Where(k => k.EnterpriseId == enterpriseId).ToListAsync(ct);
        return new KeysStatus(master.Value.Id, store.Location,
            rows.OrderBy(k => k.Month).ThenBy(k => k.Purpose)
                .Select(k => new DataKeyStatus(k.Id, k.Purpose, k.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), k.MasterKeyId, k.CreatedAt, k.RotatedAt, k.DestroyedAt))
                .ToList());
    }

    public async Task<Result<RotationResult>> RotateAsync(string actor, CancellationToken ct = default)
    {
        if (store.RefuseInToken("keys rotate") is { } inToken)
        {
            return inToken; // a token's key is replaced with the token's own tools
        }

        var current = keys.Master();
        if (!current.IsSuccess)
        {
            return current.Error;
        }

        // The audit chain's key is read now, under the current master key: the transaction below re-wraps its row, and the
        // entries that record the rotation are written inside it, so that the rotation is stored with its record or not at all.
        await audit.EnsureKeyedAsync(ct);
        var next = store.PrepareNext();
        var target = $"master:{current.Value.Id}->{next.Id}";
        var now = clock.GetUtcNow();
        List<DataKey> dataKeys;
        List<BlindIndexKey> blindKeys;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            dataKeys = await db.DataKeys.Where(k => k.WrappedKey != null).ToListAsync(ct);
            foreach (var key in dataKeys)
            {
                Rewrap(key, keys.MasterFor(key.MasterKeyId), next, now);
            }

            blindKeys = await db.BlindIndexKeys.ToListAsync(ct);
            foreach (var key in blindKeys)
            {
                Rewrap(key, keys.MasterFor(key.MasterKeyId), next);
            }

            foreach (var key in await db.AuditKeys.ToListAsync(ct))
            {
                var context = KeyWrap.AuditKeyContext(key.Id);
                key.WrappedKey = KeyWrap.Wrap(next, KeyWrap.Unwrap(keys.MasterFor(key.MasterKeyId), key.WrappedKey, context), context);
                key.MasterKeyId = next.Id;
            }

            foreach (var key in await db.SessionKeys.ToListAsync(ct))
            {
                var context = SessionKey.Context(key.Name);
                key.WrappedKey = KeyWrap.Wrap(next, KeyWrap.Unwrap(keys.MasterFor(key.MasterKeyId), key.WrappedKey, context), context);
                key.MasterKeyId = next.Id;
            }

            await db.SaveChangesAsync(ct);
            await RecordAsync(actor, target, dataKeys, blindKeys, late: false, ct);
            await tx.CommitAsync(ct);
        }

        store.CommitNext();

        // Keys made by another process (a node's first call, its start-up) while this ran: re-wrapped too, each pass with its
        // own record. Before the ring forgets: the chain's key it holds stays readable when the new master key is not yet in
        // this process's environment.
        // The rotation has committed: whatever happens now, the caller gets the new key (from the environment it exists
        // nowhere else).
        List<DataKey> lateData = [];
        List<BlindIndexKey> lateBlind = [];
        string? lateFailure = null;
        try
        {
            (lateData, lateBlind) = await RewrapStragglersAsync(current.Value, next, now, actor, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            lateFailure = ex.GetBaseException().Message;
        }

        keys.Forget();
        return new RotationResult(current.Value.Id, next.Id, dataKeys.Count + lateData.Count, blindKeys.Count + lateBlind.Count,
            store.FromEnvironment ? MasterKeyStore.Encode(next.Material) : null, lateFailure);
    }

    /// <summary>One audit entry for each enterprise whose keys were re-wrapped, inside the caller's transaction.</summary>
    private async Task RecordAsync(string actor, string target, List<DataKey> dataKeys, List<BlindIndexKey> blindKeys, bool late, CancellationToken ct)
    {
        foreach (var enterpriseId in dataKeys.Select(k => k.EnterpriseId).Concat(blindKeys.Select(k => k.EnterpriseId)).Distinct())
        {
            await audit.AppendAsync(enterpriseId, actor, AuditActions.MasterKeyRotated, target,
                $"data keys re-wrapped={dataKeys.Count(k => k.EnterpriseId == enterpriseId)} blind keys re-wrapped={blindKeys.Count(k => k.EnterpriseId == enterpriseId)}"
                + (late ? " made during the rotation" : ""), ct);
        }
    }

    /// <summary>
    /// Data keys and blind-index keys still wrapped with <paramref name="old"/> once the rotation has committed: made by
    /// another process while it ran. The old master key is gone from disk by then, so they are re-wrapped with
    /// <paramref name="next"/> using the old key still held in memory here (a blind-index key left behind would stop the
    /// next start: the master-key check cannot open it). A few passes, for keys made during the pass before.
    /// </summary>
    internal async Task<(List<DataKey> Data, List<BlindIndexKey> Blind)> RewrapStragglersAsync(MasterKey old, MasterKey next, DateTimeOffset now, string actor, CancellationToken ct)
    {
        var (data, blind) = (new List<DataKey>(), new List<BlindIndexKey>());
        for (var pass = 0; pass < 3; pass++)
        {
            var lateData = await db.DataKeys.Where(k => k.WrappedKey != null && k.MasterKeyId == old.Id).ToListAsync(ct);
            var lateBlind = await db.BlindIndexKeys.Where(k => k.MasterKeyId == old.Id).ToListAsync(ct);
            if (lateData.Count == 0 && lateBlind.Count == 0)
            {
                break;
            }

            foreach (var key in lateData)
            {
                Rewrap(key, old, next, now);
            }

            foreach (var key in lateBlind)
            {
                Rewrap(key, old, next);
            }

            await db.Database.InTransactionAsync(async () =>
            {
                await db.SaveChangesAsync(ct);
                await RecordAsync(actor, $"master:{old.Id}->{next.Id}", lateData, lateBlind, late: true, ct);
            }, ct);
            data.AddRange(lateData);
            blind.AddRange(lateBlind);
        }

        return (data, blind);
    }

    private static void Rewrap(DataKey key, MasterKey from, MasterKey to, DateTimeOffset now)
    {
        var context = KeyWrap.DataKeyContext(key.EnterpriseId, key.Purpose, key.Month);
        key.WrappedKey = KeyWrap.Wrap(to, KeyWrap.Unwrap(from, key.WrappedKey!, context), context);
        key.MasterKeyId = to.Id;
        key.RotatedAt = now;
    }

    private static void Rewrap(BlindIndexKey key, MasterKey from, MasterKey to)
    {
        var context = KeyWrap.BlindKeyContext(key.EnterpriseId);
        key.WrappedKey = KeyWrap.Wrap(to, KeyWrap.Unwrap(from, key.WrappedKey, context), context);
        key.MasterKeyId = to.Id;
    }
}
