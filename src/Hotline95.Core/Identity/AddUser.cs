using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Identity;

public sealed record AddUserRequest(Guid EnterpriseId, string UserName, string? DisplayName, string Role, string Actor);

/// <summary>The new account and its generated password, which is shown once and never stored in clear.</summary>
public sealed record AddedUser(UserView User, string Password);

public sealed class AddUserHandler(Hotline95DbContext db, Passwords passwords, AuditLog audit, TimeProvider clock, IOptions<IdentityPolicyOptions> options)
{
    public async Task<Result<AddedUser>> HandleAsync(AddUserRequest request, CancellationToken ct = default)
    {
        var userName = request.UserName?.Trim() ?? "";
        if (userName.Length is < 2 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return Error.Validation("name", "USER_NAME_INVALID", ("name", userName));
        }

        var role = RoleNames.Parse(request.Role, "role");
        if (!role.IsSuccess)
        {
            return role.Error;
        }

        if (role.Value == Role.Integration)
        {
            return Error.Validation("role", "ROLE_FOR_KEYS_ONLY");
        }

        if (await db.Users.AnyAsync(u => u.UserName == userName, ct))
        {
            return Error.Conflict("USER_EXISTS", "name", ("name", userName));
        }

        var now = clock.GetUtcNow();
        var user = new UserAccount
        {
            EnterpriseId = request.EnterpriseId,
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? userName : request.DisplayName.Trim(),
            Role = role.Value,
            CreatedAt = now,
        };
        var password = SecretGenerator.Password(options.Value.GeneratedPasswordLength);
        user.PasswordHash = passwords.Hash(user, password);
        db.Users.Add(user);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.UserAdded, userName, $"role={role.Value}", ct);
        return new AddedUser(UserView.From(user, now), password);
    }
}
