using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

/// <summary>An API key as listed: never the key, only a short hint of its beginning.</summary>
public sealed record ApiKeyView(Guid Id, string Name, Role Role, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Lists an enterprise's API keys and revokes them; a revoked key is refused from its next request on.</summary>
public sealed class ApiKeysHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(Guid enterpriseId, CancellationToken ct = default) =>
        (await db.ApiKeys.AsNoTracking().Where(k => k.EnterpriseId == enterpriseId).ToListAsync(ct))
            .OrderBy(k => k.RevokedAt.HasValue).ThenBy(k => k.Name).ThenBy(k => k.CreatedAt)
            .Select(View).ToList();

    /// <summary>Revokes the active key with this id, or every active key with this name.</summary>
    public async Task<Result<IReadOnlyList<ApiKeyView>>> RevokeAsync(Guid enterpriseId, string nameOrId, string actor, CancellationToken ct = default)
    {
        var id = Guid.TryParse(nameOrId, out var parsed) ? parsed : (Guid?)null;
        var keys = await db.ApiKeys.Where(k => k.EnterpriseId == enterpriseId && k.RevokedAt == null && (k.Name == nameOrId || k.Id == id)).ToListAsync(ct);
        if (keys.Count == 0)
        {
            return Error.NotFound("APIKEY_NOT_FOUND", ("name", nameOrId));
        }

        var now = clock.GetUtcNow();
        foreach (var key in keys)
        {
            key.RevokedAt = now;
        }

        await db.Database.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            foreach (var key in keys)
            {
                await audit.AppendAsync(enterpriseId, actor, AuditActions.ApiKeyRevoked, key.Name, $"id={key.Id} hint={key.Hint}", ct);
            }
        }, ct);

        return keys.Select(View).ToList();
    }

    private static ApiKeyView View(ApiKey k) => new(k.Id, k.Name, k.Role, k.Hint, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}
