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
            await TouchAsync(key.Id, now, ct);
        }

        return new ApiKeyPrincipal(key.Id, key.EnterpriseId, key.Name, key.Role);
    }

    /// <summary>
    /// The start-up warm-up (issue 18): compiles the found key's update (an EF bulk update, slow the first time) on an
    /// id no key has, so the first PBX request of a fresh node does not pay for it. Changes no row.
    /// </summary>
    public Task WarmUpAsync(CancellationToken ct = default) => TouchAsync(Guid.Empty, clock.GetUtcNow(), ct);

    private Task<int> TouchAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
}
