using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

public sealed record ApiKeyPrincipal(Guid KeyId, Guid EnterpriseId, string Name, Role Role);

public sealed class AuthenticateApiKeyHandler(Hotline95DbContext db)
{
    public async Task<ApiKeyPrincipal?> HandleAsync(string presentedKey, CancellationToken ct = default)
    {
        if (!presentedKey.StartsWith(ApiKey.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = ApiKeyHash.Of(presentedKey);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        return key is null ? null : new ApiKeyPrincipal(key.Id, key.EnterpriseId, key.Name, key.Role);
    }
}
