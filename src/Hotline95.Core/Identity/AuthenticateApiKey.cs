using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

public sealed record ApiKeyPrincipal(Guid KeyId, Guid EnterpriseId, string Name, Role Role);

/// <summary>
/// Authenticates an API key against the database on every request, so that a key revoked on any node is refused by
/// every node on its next request (one indexed read by the key's hash). The CTI endpoint alone answers from memory and
/// confirms the key in its batch's write instead (<see cref="HandleRememberedAsync"/>).
/// When the key was last used is written at most once per <see cref="LastUsedResolution"/>: a PBX posts thousands of
/// events a second with the same key, and one write per event would serialise them.
/// </summary>
public sealed class AuthenticateApiKeyHandler(Hotline95DbContext db, RememberedApiKeys remembered, TimeProvider clock)
{
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ApiKeyPrincipal?> HandleAsync(string presentedKey, CancellationToken ct = default) =>
        WellFormed(presentedKey) && await LookUpAsync(ApiKeyHash.Of(presentedKey), ct) is { } found ? found.Key : null;

    /// <summary>
    /// The CTI endpoint's check (issue 18): a key that authenticated on this node before is answered from its memory
    /// (<see cref="RememberedApiKeys"/>), any other from the database as <see cref="HandleAsync"/> does. The caller must
    /// confirm a remembered key in its own write, after the request arrived (<see cref="RememberedApiKeys.StillValidSql"/>),
    /// and <see cref="RememberedApiKeys.Forget"/> it when it is gone: so a key revoked on any node is still refused on its
    /// next event. When the key was last used is written as by <see cref="HandleAsync"/>.
    /// </summary>
    public async Task<ApiKeyPrincipal?> HandleRememberedAsync(string presentedKey, CancellationToken ct = default)
    {
        if (!WellFormed(presentedKey))
        {
            return null;
        }

        var hash = ApiKeyHash.Of(presentedKey);
        var now = clock.GetUtcNow();
        if (remembered.Find(hash, now, LastUsedResolution) is { } known)
        {
            if (known.TouchDue)
            {
                await TouchAsync(known.Key.KeyId, now, ct);
            }

            return known.Key;
        }

        return await remembered.LookUpOnceAsync(hash, async () =>
        {
            var found = await LookUpAsync(hash, ct);
            if (found is not null && RolePermissions.Has(found.Value.Key.Role, Permission.PostCtiEvents))
            {
                remembered.Remember(hash, found.Value.Key, found.Value.LastUsed);
            }

            return found?.Key;
        });
    }

    private static bool WellFormed(string presentedKey) => presentedKey.StartsWith(ApiKey.Prefix, StringComparison.Ordinal) && presentedKey.Length <= 256;

    /// <summary>The unrevoked key with this hash and when its use was last written (now, if this call wrote it).</summary>
    private async Task<(ApiKeyPrincipal Key, DateTimeOffset LastUsed)?> LookUpAsync(string hash, CancellationToken ct)
    {
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.EnterpriseId, k.Name, k.Role, k.LastUsedAt }).SingleOrDefaultAsync(ct);
        if (key is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var lastUsed = key.LastUsedAt ?? DateTimeOffset.MinValue;
        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution || now < last)
        {
            await TouchAsync(key.Id, now, ct);
            lastUsed = now;
        }

        return (new ApiKeyPrincipal(key.Id, key.EnterpriseId, key.Name, key.Role), lastUsed);
    }

    /// <summary>
    /// The start-up warm-up (issue 18): compiles the found key's update (an EF bulk update, slow the first time) on an
    /// id no key has, so the first PBX request of a fresh node does not pay for it. Changes no row.
    /// </summary>
    public Task WarmUpAsync(CancellationToken ct = default) => TouchAsync(Guid.Empty, clock.GetUtcNow(), ct);

    /// <summary>Never on a revoked key: a remembered key's use is written before the CTI writer's check refuses it.</summary>
    private Task<int> TouchAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
}
