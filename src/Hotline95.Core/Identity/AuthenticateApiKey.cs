using System.Collections.Concurrent;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

public sealed record ApiKeyPrincipal(Guid KeyId, Guid EnterpriseId, string Name, Role Role);

public sealed class AuthenticateApiKeyHandler(Hotline95DbContext db)
{
    // A PBX posts thousands of events a second with the same key: remember a verified key briefly
    // instead of asking the database each time. A revoked key stops working within this time.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, (ApiKeyPrincipal Principal, long Until)> Verified = new();

    public async Task<ApiKeyPrincipal?> HandleAsync(string presentedKey, CancellationToken ct = default)
    {
        if (!presentedKey.StartsWith(ApiKey.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = ApiKeyHash.Of(presentedKey);
        if (Verified.TryGetValue(hash, out var cached) && cached.Until > Environment.TickCount64)
        {
            return cached.Principal;
        }

        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        if (key is null)
        {
            Verified.TryRemove(hash, out _);
            return null;
        }

        var principal = new ApiKeyPrincipal(key.Id, key.EnterpriseId, key.Name, key.Role);
        Verified[hash] = (principal, Environment.TickCount64 + (long)CacheFor.TotalMilliseconds);
        return principal;
    }
}
