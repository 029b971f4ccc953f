using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;

namespace Hotline95.Core.Identity;

public sealed record CreateApiKeyRequest(Guid EnterpriseId, string Name, string? Role, string Actor);

/// <summary>The key in clear is returned once, here; only its hash is stored.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, Role Role, string Key);

public sealed class CreateApiKeyHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<CreatedApiKey>> HandleAsync(CreateApiKeyRequest request, CancellationToken ct = default)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            return Error.Validation("name", "APIKEY_NAME_REQUIRED");
        }

        var role = Role.Integration;
        if (!string.IsNullOrWhiteSpace(request.Role))
        {
            var parsed = RoleNames.Parse(request.Role, "role");
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            role = parsed.Value;
        }

        var key = ApiKey.Prefix + SecretGenerator.UrlSafeToken(32);
        var entity = new ApiKey
        {
            EnterpriseId = request.EnterpriseId,
            Name = name,
            Role = role,
            KeyHash = ApiKeyHash.Of(key),
            Hint = key[..(ApiKey.Prefix.Length + 4)],
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(entity);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.ApiKeyCreated, name, $"role={role} hint={entity.Hint}", ct);
        return new CreatedApiKey(entity.Id, name, role, key);
    }
}
