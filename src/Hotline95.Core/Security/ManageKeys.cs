using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Security;

public sealed record DataKeyStatus(int Id, string Purpose, string Month, string MasterKeyId, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? DestroyedAt);

/// <summary>Ids, months and dates: never key material.</summary>
public sealed record KeysStatus(string MasterKeyId, string MasterKeySource, IReadOnlyList<DataKeyStatus> DataKeys);

public sealed record RotationResult(string PreviousMasterKeyId, string NewMasterKeyId, int DataKeysRewrapped, int BlindKeysRewrapped, string? NewKeyForEnvironment);

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

        var next = store.PrepareNext();
        var now = clock.GetUtcNow();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var dataKeys = await db.DataKeys.Where(k => k.WrappedKey != null).ToListAsync(ct);
            foreach (var key in dataKeys)
            {
                Rewrap(key, keys.MasterFor(key.MasterKeyId), next, now);
            }

            var blindKeys = await db.BlindIndexKeys.ToListAsync(ct);
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
            await tx.CommitAsync(ct);
            store.CommitNext();
            keys.Forget();

            // Keys made by another process (a node's first call, its start-up) while this ran: re-wrapped too.
            var (lateData, lateBlind) = await RewrapStragglersAsync(current.Value, next, now, ct);
            dataKeys.AddRange(lateData);
            blindKeys.AddRange(lateBlind);

            foreach (var enterpriseId in dataKeys.Select(k => k.EnterpriseId).Concat(blindKeys.Select(k => k.EnterpriseId)).Distinct().DefaultIfEmpty(Guid.Empty))
            {
                if (enterpriseId != Guid.Empty)
                {
                    await audit.AppendAsync(enterpriseId, actor, AuditActions.MasterKeyRotated, $"master:{current.Value.Id}->{next.Id}",
                        $"data keys re-wrapped={dataKeys.Count(k => k.EnterpriseId == enterpriseId)}", ct);
                }
            }

            return new RotationResult(current.Value.Id, next.Id, dataKeys.Count, blindKeys.Count,
                store.FromEnvironment ? MasterKeyStore.Encode(next.Material) : null);
        }
    }

    /// <summary>
    /// Data keys and blind-index keys still wrapped with <paramref name="old"/> once the rotation has committed: made by
    /// another process while it ran. The old master key is gone from disk by then, so they are re-wrapped with
    /// <paramref name="next"/> using the old key still held in memory here (a blind-index key left behind would stop the
    /// next start: the master-key check cannot open it). A few passes, for keys made during the pass before.
    /// </summary>
    internal async Task<(List<DataKey> Data, List<BlindIndexKey> Blind)> RewrapStragglersAsync(MasterKey old, MasterKey next, DateTimeOffset now, CancellationToken ct)
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

            await db.SaveChangesAsync(ct);
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
