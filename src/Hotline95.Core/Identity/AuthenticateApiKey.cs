using System.Collections.Concurrent;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

public sealed record ApiKeyPrincipal(Guid KeyId, Guid EnterpriseId, string Name, Role Role);

/// <summary>
/// Authenticates an API key. A PBX posts thousands of events a second with the same key, so a verified key is
/// remembered for <see cref="RecheckEvery"/> on the injected clock; revoking it in this process forgets it at once, and
/// another node's revocation is seen when the memory is next checked against the database. Each check also records
/// when the key was last used.
/// </summary>
public sealed class AuthenticateApiKeyHandler(Hotline95DbContext db, TimeProvider clock)
{
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(5);
    private static readonly ConcurrentDictionary<string, (ApiKeyPrincipal Principal, DateTimeOffset Until)> Verified = new();

    public static void Forget(string keyHash) => Verified.TryRemove(keyHash, out _);

    public async Task<ApiKeyPrincipal?> HandleAsync(string presentedKey, CancellationToken ct = default)
    {
        if (!presentedKey.StartsWith(ApiKey.Prefix, StringComparison.Ordinal) || presentedKey.Length > 256)
        {
            return null;
        }

        var hash = ApiKeyHash.Of(presentedKey);
        var now = clock.GetUtcNow();
        if (Verified.TryGetValue(hash, out var cached) && cached.Until > now && cached.Until - now <= RecheckEvery)
        {
            return cached.Principal;
        }

        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        if (key is null)
        {
            Verified.TryRemove(hash, out _);
            return null;
        }

        await TouchAsync(key.Id, now, ct);
        var principal = new ApiKeyPrincipal(key.Id, key.EnterpriseId, key.Name, key.Role);
        Verified[hash] = (principal, now + RecheckEvery);
        return principal;
    }

    /// <summary>
    /// The start-up warm-up (issue 18): compiles the found key's update (an EF bulk update, slow the first time) on an
    /// id no key has, so the first PBX request of a fresh node does not pay for it. Changes no row.
    /// </summary>
    public Task WarmUpAsync(CancellationToken ct = default) => TouchAsync(Guid.Empty, clock.GetUtcNow(), ct);

    private Task<int> TouchAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
}
