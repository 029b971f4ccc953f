using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Security;

public sealed record DataKeyStatus(int Id, string Purpose, string Month, string MasterKeyId, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? DestroyedAt);

/// <summary>Ids, months and dates: never key material.</summary>
public sealed record KeysStatus(string MasterKeyId, string MasterKeySource, IReadOnlyList<DataKeyStatus> DataKeys);

/// <summary>
/// A rotation that has committed. <paramref name="LateKeysFailure"/>: the pass over keys made by other processes while it
/// ran failed (the database went away): those keys may still need the previous master key, which is then kept at
/// <paramref name="PreviousKeptAt"/> (file mode; from the environment the operator still holds it; after a pass that
/// succeeded, set only when the file could not be removed). <paramref name="KeyFileFailure"/>: committed, but the new key
/// could not be made current on disk; it stays in master.key.next beside the previous key (both are read), and the next
/// rotation finishes this one first.
/// </summary>
public sealed record RotationResult(string PreviousMasterKeyId, string NewMasterKeyId, int DataKeysRewrapped, int BlindKeysRewrapped, string? NewKeyForEnvironment,
    string? LateKeysFailure = null, string? PreviousKeptAt = null, string? KeyFileFailure = null);

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

    /// <summary>Longest the pass over keys made during the rotation may wait (on a lock, a database failing over).</summary>
    private static readonly TimeSpan LatePassLimit = TimeSpan.FromSeconds(60);

    /// <param name="committed">
    /// Told the moment the rotation has committed, before the pass over keys made meanwhile: from the environment the new
    /// key then exists only in this process, so the caller shows it at once.
    /// </param>
    public async Task<Result<RotationResult>> RotateAsync(string actor, Action<RotationResult>? committed = null, CancellationToken ct = default)
    {
        if (store.RefuseInToken("keys rotate") is { } inToken)
        {
            return inToken; // a token's key is replaced with the token's own tools
        }

        var locked = store.LockRotation();
        if (!locked.IsSuccess)
        {
            return locked.Error;
        }

        using var rotation = locked.Value;
        if (await FinishInterruptedAsync(ct) is { } unreadable)
        {
            return unreadable;
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
            try
            {
                // Another node's rotation is waited for; its keys are then under a master key this process may not hold
                // (from the environment), which MasterFor reports as a mismatch rather than wrapping anything.
                await ClusterLocks.ForTransactionAsync(db, ClusterLocks.KeyRotation, 0, ct);
                dataKeys = await db.DataKeys.AsNoTracking().Where(k => k.WrappedKey != null).ToListAsync(ct);
                foreach (var key in dataKeys)
                {
                    if (!await TryRewrapAsync(key, keys.MasterFor(key.MasterKeyId), next, now, ct))
                    {
                        // Destroyed (a retention purge on another node) or re-wrapped since it was read: writing it back would
                        // undo that. Nothing is kept; the next try reads the keys afresh.
                        await tx.RollbackAsync(ct);
                        store.DiscardNext(next);
                        return Error.Conflict("KEYS_CHANGED_DURING_ROTATION", ("key", $"data-key:{key.Id}"));
                    }
                }

                blindKeys = await db.BlindIndexKeys.ToListAsync(ct);
                foreach (var key in blindKeys)
                {
                    Rewrap(key, keys.MasterFor(key.MasterKeyId), next);
                }

                foreach (var key in await db.AuditKeys.ToListAsync(ct))
                {
                    Rewrap(key, keys.MasterFor(key.MasterKeyId), next);
                }

                foreach (var key in await db.SessionKeys.ToListAsync(ct))
                {
                    Rewrap(key, keys.MasterFor(key.MasterKeyId), next);
                }

                await db.SaveChangesAsync(ct);
                await RecordAsync(actor, target, dataKeys, blindKeys, late: false, ct);
                if (dataKeys.Count == 0 && blindKeys.Count == 0)
                {
                    // No enterprise's keys yet (the audit chain's and the sessions' only): recorded for the installation.
                    await audit.AppendAsync(Guid.Empty, actor, AuditActions.MasterKeyRotated, target, "data keys re-wrapped=0 blind keys re-wrapped=0", ct);
                }
            }
            catch
            {
                // Nothing was committed, so nothing is wrapped by the next key: it goes (the transaction rolls back).
                store.DiscardNext(next);
                throw;
            }

            // A commit that fails may still have committed: the next key stays in master.key.next, read beside the current
            // one, and the next rotation looks at what the stored keys use before it goes on (FinishInterruptedAsync).
            await tx.CommitAsync(ct);
        }

        // Committed: nothing below may throw. The previous key is kept before the next one replaces it on disk, so that a key
        // another process makes under it meanwhile (or a crash right here) never leaves a key no file holds.
        var result = new RotationResult(current.Value.Id, next.Id, dataKeys.Count, blindKeys.Count, store.FromEnvironment ? MasterKeyStore.Encode(next.Material) : null);
        string? keptAt;
        try
        {
            keptAt = store.KeepPrevious(current.Value);
            store.CommitNext();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // master.key (the previous key) and master.key.next (the new one) are both read by every process; the next
            // rotation makes the new one current first.
            keys.Forget();
            return result with { KeyFileFailure = ex.Message };
        }

        try
        {
            committed?.Invoke(result);
        }
        catch (Exception)
        {
            // Showing the new key is the caller's; a failure there (a closed terminal) must not stop the pass below, which
            // the committed rotation still needs.
        }

        // Keys made by another process (a node's first call, its start-up) while this ran: re-wrapped too, each pass with its
        // own record. Before the ring forgets: the chain's key it holds stays readable when the new master key is not yet in
        // this process's environment. Whatever goes wrong here is reported, never thrown, and the previous key stays kept for
        // the keys it may still open.
        try
        {
            using var limit = new CancellationTokenSource(LatePassLimit, clock);
            var late = await RewrapStragglersAsync(current.Value, next, now, actor, limit.Token);
            result = result with { DataKeysRewrapped = dataKeys.Count + late.Data.Count, BlindKeysRewrapped = blindKeys.Count + late.Blind.Count };
            keptAt = ForgetPrevious(keptAt);
            result = result with { PreviousKeptAt = keptAt };
        }
        catch (Exception ex)
        {
            result = result with { LateKeysFailure = ex.GetBaseException().Message, PreviousKeptAt = keptAt };
        }

        keys.Forget();
        return result;
    }

    /// <summary>Every stored key is under the new master key: the previous one is removed (null), or where it is still left.</summary>
    private string? ForgetPrevious(string? keptAt)
    {
        try
        {
            store.ForgetPrevious();
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return keptAt;
        }
    }

    /// <summary>
    /// A rotation that stopped after its commit but before the next key became current left it in master.key.next: if any
    /// stored key is wrapped by it, that rotation committed, and the key becomes current now (the one it replaces kept as
    /// the previous); otherwise it never wrapped anything and is removed. Then this rotation starts from a clean directory.
    /// </summary>
    private async Task<Error?> FinishInterruptedAsync(CancellationToken ct)
    {
        var pending = store.PendingNext();
        if (!pending.IsSuccess)
        {
            return pending.Error;
        }

        if (pending.Value is not { } next)
        {
            return null;
        }

        keys.Forget();
        var current = keys.Master();
        if (!current.IsSuccess)
        {
            return current.Error;
        }

        var id = next.Id;
        var used = await db.DataKeys.AnyAsync(k => k.MasterKeyId == id, ct) || await db.BlindIndexKeys.AnyAsync(k => k.MasterKeyId == id, ct)
            || await db.AuditKeys.AnyAsync(k => k.MasterKeyId == id, ct) || await db.SessionKeys.AnyAsync(k => k.MasterKeyId == id, ct);
        if (used)
        {
            store.KeepPrevious(current.Value);
            store.CommitNext();
        }
        else
        {
            store.DiscardNext(next);
        }

        keys.Forget();
        return null;
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
            var (lateData, lateBlind, lateOther) = await db.Database.InTransactionAsync(async () =>
            {
                if (db.Database.IsNpgsql())
                {
                    // A node making a key holds the shared key-creation lock from reading the master key to its commit:
                    // waiting for it exclusively, the pass sees each key made under the old master key, and a node that
                    // takes it after this pass reads the new one.
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, 0)", [ClusterLocks.AnyKeyCreation], ct);
                }

                var lateData = await db.DataKeys.AsNoTracking().Where(k => k.WrappedKey != null && k.MasterKeyId == old.Id).ToListAsync(ct);
                var lateBlind = await db.BlindIndexKeys.Where(k => k.MasterKeyId == old.Id).ToListAsync(ct);
                foreach (var key in lateBlind)
                {
                    Rewrap(key, old, next);
                }

                // The audit chain's and the sessions' keys too (a node starting meanwhile makes its session key).
                var lateOther = 0;
                foreach (var key in await db.AuditKeys.Where(k => k.MasterKeyId == old.Id).ToListAsync(ct))
                {
                    Rewrap(key, old, next);
                    lateOther++;
                }

                foreach (var key in await db.SessionKeys.Where(k => k.MasterKeyId == old.Id).ToListAsync(ct))
                {
                    Rewrap(key, old, next);
                    lateOther++;
                }

                // A key destroyed meanwhile stays destroyed (it is no longer anyone's straggler).
                var rewrapped = new List<DataKey>();
                foreach (var key in lateData)
                {
                    if (await TryRewrapAsync(key, old, next, now, ct))
                    {
                        rewrapped.Add(key);
                    }
                }

                await db.SaveChangesAsync(ct);
                await RecordAsync(actor, $"master:{old.Id}->{next.Id}", rewrapped, lateBlind, late: true, ct);
                return (rewrapped, lateBlind, lateOther);
            }, ct);
            if (lateData.Count == 0 && lateBlind.Count == 0 && lateOther == 0)
            {
                break;
            }

            data.AddRange(lateData);
            blind.AddRange(lateBlind);
        }

        return (data, blind);
    }

    /// <summary>
    /// Re-wraps a data key as it was read, only if its row is still so: a key destroyed since (crypto-shredded by a retention
    /// purge) or re-wrapped by another rotation is left as it is, and false is returned.
    /// </summary>
    internal async Task<bool> TryRewrapAsync(DataKey read, MasterKey from, MasterKey to, DateTimeOffset now, CancellationToken ct)
    {
        var context = KeyWrap.DataKeyContext(read.EnterpriseId, read.Purpose, read.Month);
        var wrapped = KeyWrap.Wrap(to, KeyWrap.Unwrap(from, read.WrappedKey!, context), context);
        var before = read.WrappedKey;
        var updated = await db.DataKeys
            .Where(k => k.Id == read.Id && k.DestroyedAt == null && k.WrappedKey == before && k.MasterKeyId == read.MasterKeyId)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.WrappedKey, wrapped).SetProperty(k => k.MasterKeyId, to.Id).SetProperty(k => k.RotatedAt, now), ct);
        return updated == 1;
    }

    private static void Rewrap(BlindIndexKey key, MasterKey from, MasterKey to)
    {
        var context = KeyWrap.BlindKeyContext(key.EnterpriseId);
        key.WrappedKey = KeyWrap.Wrap(to, KeyWrap.Unwrap(from, key.WrappedKey, context), context);
        key.MasterKeyId = to.Id;
    }

    private static void Rewrap(AuditKey key, MasterKey from, MasterKey to)
    {
        var context = KeyWrap.AuditKeyContext(key.Id);
        key.WrappedKey = KeyWrap.Wrap(to, KeyWrap.Unwrap(from, key.WrappedKey, context), context);
        key.MasterKeyId = to.Id;
    }

    private static void Rewrap(SessionKey key, MasterKey from, MasterKey to)
    {
        var context = SessionKey.Context(key.Name);
        key.WrappedKey = KeyWrap.Wrap(to, KeyWrap.Unwrap(from, key.WrappedKey, context), context);
        key.MasterKeyId = to.Id;
    }
}
