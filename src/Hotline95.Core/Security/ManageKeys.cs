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
                var context = KeyWrap.DataKeyContext(key.EnterpriseId, key.Purpose, key.Month);
                var material = KeyWrap.Unwrap(keys.MasterFor(key.MasterKeyId), key.WrappedKey!, context);
                key.WrappedKey = KeyWrap.Wrap(next, material, context);
                key.MasterKeyId = next.Id;
                key.RotatedAt = now;
            }

            var blindKeys = await db.BlindIndexKeys.ToListAsync(ct);
            foreach (var key in blindKeys)
            {
                var context = KeyWrap.BlindKeyContext(key.EnterpriseId);
                key.WrappedKey = KeyWrap.Wrap(next, KeyWrap.Unwrap(keys.MasterFor(key.MasterKeyId), key.WrappedKey, context), context);
                key.MasterKeyId = next.Id;
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

            // A key created by another process while this ran was wrapped with the old master key, which is now
            // gone from disk: re-wrap those stragglers too, with the old key still held in memory here.
            for (var pass = 0; pass < 3; pass++)
            {
                var stragglers = await db.DataKeys.Where(k => k.WrappedKey != null && k.MasterKeyId == current.Value.Id).ToListAsync(ct);
                if (stragglers.Count == 0)
                {
                    break;
                }

                foreach (var key in stragglers)
                {
                    var context = KeyWrap.DataKeyContext(key.EnterpriseId, key.Purpose, key.Month);
                    key.WrappedKey = KeyWrap.Wrap(next, KeyWrap.Unwrap(current.Value, key.WrappedKey!, context), context);
                    key.MasterKeyId = next.Id;
                    key.RotatedAt = now;
                }

                await db.SaveChangesAsync(ct);
                dataKeys.AddRange(stragglers);
            }

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
}
