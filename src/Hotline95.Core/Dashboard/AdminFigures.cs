using System.Globalization;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Dashboard;

/// <summary>The enterprise's accounts: enabled, disabled, locked out now (too many failed sign-ins), never signed in.</summary>
public sealed record UsersCard(int Total, int Disabled, int Locked, int NeverSignedIn);

/// <summary>API keys in force and revoked, those never used, and the key that last authenticated a request.</summary>
public sealed record ApiKeysCard(int Active, int Revoked, int NeverUsed, string? LastUsedName, DateTimeOffset? LastUsedAt);

/// <summary>
/// The key inventory: the master key's id and where it is kept; whether it opens the enterprise's stored keys (every live
/// data key wrapped under it and the newest one unwrapped now; null while the enterprise has no data key yet); the purposes
/// that already have a data key this month (yyyy-MM, Asia/Shanghai), live and destroyed (crypto-shredded) data keys.
/// </summary>
public sealed record KeysCard(string? MasterKeyId, string? MasterKeySource, bool? MasterKeyOpensStoredKeys, int KeysUnderOtherMasterKey,
    string Month, IReadOnlyList<string> MonthPurposes, int LiveDataKeys, int DestroyedDataKeys);

/// <summary>The last backup recorded in the audit log (backup create writes it there); all null when none was ever recorded.</summary>
public sealed record BackupCard(DateTimeOffset? LastBackupAt, string? File, string? By);

/// <summary>The administrator's cards: users, API keys, keys and backups.</summary>
public sealed class AdminFigures(Hotline95DbContext db, ListUsersHandler users, ApiKeysHandler apiKeys, KeyRing ring, MasterKeyStore store)
{
    public async Task<UsersCard> UsersAsync(Guid enterpriseId, CancellationToken ct)
    {
        var all = await users.HandleAsync(enterpriseId, ct);
        return new UsersCard(all.Count, all.Count(u => u.Disabled), all.Count(u => u.Locked && !u.Disabled), all.Count(u => u.LastLoginAt is null));
    }

    public async Task<ApiKeysCard> ApiKeysAsync(Guid enterpriseId, CancellationToken ct)
    {
        var all = await apiKeys.ListAsync(enterpriseId, ct);
        var active = all.Where(k => k.RevokedAt is null).ToList();
        var last = all.Where(k => k.LastUsedAt is not null).MaxBy(k => k.LastUsedAt);
        return new ApiKeysCard(active.Count, all.Count - active.Count, active.Count(k => k.LastUsedAt is null), last?.Name,
            last?.LastUsedAt is { } used ? ChinaTime.ToChina(used) : null);
    }

    public async Task<KeysCard> KeysAsync(Guid enterpriseId, DateTimeOffset now, CancellationToken ct)
    {
        var master = ring.Master();
        var masterId = master.IsSuccess ? master.Value.Id : null;
        var keys = await db.DataKeys.AsNoTracking().Where(k => k.EnterpriseId == enterpriseId)
            .Select(k => new { k.Id, k.Purpose, k.Month, k.MasterKeyId, Live = k.WrappedKey != null }).ToListAsync(ct);
        var live = keys.Where(k => k.Live).ToList();
        var underOther = live.Count(k => k.MasterKeyId != masterId);
        bool? opens = null;
        if (live.Count > 0)
        {
            opens = masterId is not null && underOther == 0 && await OpensAsync(live.MaxBy(k => k.Id)!.Id, ct);
        }

        var month = KeyRing.MonthOf(now);
        return new KeysCard(masterId, store.Location, opens, underOther, month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            keys.Where(k => k.Month == month && k.Live).Select(k => k.Purpose).Distinct().Order(StringComparer.Ordinal).ToList(),
            live.Count, keys.Count - live.Count);
    }

    public async Task<BackupCard> BackupAsync(CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.BackupCreated)
            .OrderByDescending(e => e.Sequence).Select(e => new { e.At, e.Target, e.Actor }).FirstOrDefaultAsync(ct);
        return last is null ? new BackupCard(null, null, null) : new BackupCard(ChinaTime.ToChina(last.At), last.Target, last.Actor);
    }

    /// <summary>Unwraps one stored key with the master key now: a key id match alone would not prove the stored bytes.</summary>
    private async Task<bool> OpensAsync(int dataKeyId, CancellationToken ct)
    {
        try
        {
            return await ring.ByIdAsync(dataKeyId, ct) is not null;
        }
        catch (Exception ex) when (ex is MasterKeyMismatchException or System.Security.Cryptography.CryptographicException or InvalidOperationException)
        {
            return false;
        }
    }
}
