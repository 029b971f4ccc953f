using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

public sealed record ApiKeyPrincipal(Guid KeyId, Guid EnterpriseId, string Name, Role Role);

/// <summary>A key as the CTI endpoint authenticated it, and whether this request is the one to record its use (<see cref="AuthenticateApiKeyHandler.HandleRememberedAsync"/>).</summary>
public sealed record CtiKey(ApiKeyPrincipal Key, bool UseDue);

/// <summary>
/// Authenticates an API key against the database on every request, so that a key revoked on any node is refused by
/// every node on its next request (one indexed read by the key's hash). The CTI endpoint alone answers from memory and
/// confirms the key, and records its use, in its batch's write instead (<see cref="HandleRememberedAsync"/>).
/// When the key was last used is written at most once per <see cref="LastUsedResolution"/>: a PBX posts thousands of
/// events a second with the same key, and one write per event would serialise them.
/// </summary>
public sealed class AuthenticateApiKeyHandler(Hotline95DbContext db, RememberedApiKeys remembered, TimeProvider clock)
{
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ApiKeyPrincipal?> HandleAsync(string presentedKey, CancellationToken ct = default) =>
        WellFormed(presentedKey) && await LookUpAsync(ApiKeyHash.Of(presentedKey), touch: true, ct) is { } found ? found.Key : null;

    /// <summary>
    /// The CTI endpoint's check (issue 18): a key that authenticated on this node before is answered from its memory
    /// (<see cref="RememberedApiKeys"/>), any other from the database as <see cref="HandleAsync"/> does. The caller must
    /// confirm a remembered key in its own write, after the request arrived (<see cref="RememberedApiKeys.StillValidSql"/>),
    /// and <see cref="RememberedApiKeys.Forget"/> it when it is gone: so a key revoked on any node is still refused on its
    /// next event. Nothing is written here: when the key's last use is due (once per <see cref="LastUsedResolution"/> per
    /// node, claimed by exactly one request), <see cref="CtiKey.UseDue"/> says so and the CTI writer records it in the
    /// event's own commit. A write here, awaited by the request, had been a commit of its own waiting for the synchronous
    /// standby, and in a fresh node's first burst every request waiting for the first lookup waited for it too.
    /// </summary>
    public async Task<CtiKey?> HandleRememberedAsync(string presentedKey, CancellationToken ct = default)
    {
        if (!WellFormed(presentedKey))
        {
            return null;
        }

        var hash = ApiKeyHash.Of(presentedKey);
        if (remembered.Find(hash, clock.GetUtcNow(), LastUsedResolution) is { } known)
        {
            return new CtiKey(known.Key, known.TouchDue);
        }

        var key = await remembered.LookUpOnceAsync(hash, async () =>
        {
            var found = await LookUpAsync(hash, touch: false, ct);
            if (found is not null && RolePermissions.Has(found.Value.Key.Role, Permission.PostCtiEvents))
            {
                remembered.Remember(hash, found.Value.Key, found.Value.LastUsed);
            }

            return found?.Key;
        }, ct);
        if (key is null)
        {
            return null;
        }

        // Remembered by now unless its role may not post events: whichever request of the burst asks first claims its use.
        return remembered.Find(hash, clock.GetUtcNow(), LastUsedResolution) is { } now ? new CtiKey(now.Key, now.TouchDue) : new CtiKey(key, false);
    }

    private static bool WellFormed(string presentedKey) => presentedKey.StartsWith(ApiKey.Prefix, StringComparison.Ordinal) && presentedKey.Length <= 256;

    /// <summary>The unrevoked key with this hash and when its use was last written (now, if this call wrote it: only with <paramref name="touch"/>).</summary>
    private async Task<(ApiKeyPrincipal Key, DateTimeOffset LastUsed)?> LookUpAsync(string hash, bool touch, CancellationToken ct)
    {
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.EnterpriseId, k.Name, k.Role, k.LastUsedAt }).SingleOrDefaultAsync(ct);
        if (key is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var lastUsed = key.LastUsedAt ?? DateTimeOffset.MinValue;
        if (touch && (key.LastUsedAt is not { } last || now - last >= LastUsedResolution || now < last))
        {
            await TouchAsync(key.Id, now, ct);
            lastUsed = now;
        }

        return (new ApiKeyPrincipal(key.Id, key.EnterpriseId, key.Name, key.Role), lastUsed);
    }

    /// <summary>Never on a revoked key.</summary>
    private Task<int> TouchAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
}
