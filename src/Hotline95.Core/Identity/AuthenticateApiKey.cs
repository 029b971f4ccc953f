using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

public sealed record ApiKeyPrincipal(Guid KeyId, Guid EnterpriseId, string Name, Role Role);

/// <summary>
/// Authenticates an API key against the database on every request, so that a key revoked on any node is refused by
/// every node on its next request (one indexed read by the key's hash; nothing is remembered in a node's memory).
/// When the key was last used is written at most once per <see cref="LastUsedResolution"/>: a PBX posts thousands of
/// events a second with the same key, and one write per event would serialise them.
/// </summary>
public sealed class AuthenticateApiKeyHandler(Hotline95DbContext db, TimeProvider clock)
{
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ApiKeyPrincipal?> HandleAsync(string presentedKey, CancellationToken ct = default)
    {
        if (!presentedKey.StartsWith(ApiKey.Prefix, StringComparison.Ordinal) || presentedKey.Length > 256)
        {
            return null;
        }

        var hash = ApiKeyHash.Of(presentedKey);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.EnterpriseId, k.Name, k.Role, k.LastUsedAt }).SingleOrDefaultAsync(ct);
        if (key is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution || now < last)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        return new ApiKeyPrincipal(key.Id, key.EnterpriseId, key.Name, key.Role);
    }
}
