using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Identity;

/// <summary>
/// First start: the default enterprise and an <c>admin</c> account with a generated password,
/// returned so it can be printed once. Later starts return null and change nothing.
/// </summary>
public sealed class BootstrapAdminHandler(Hotline95DbContext db, EnterpriseDirectory enterprises, Passwords passwords, AuditLog audit, TimeProvider clock, IOptions<IdentityPolicyOptions> options)
{
    public const string AdminUserName = "admin";

    public async Task<string?> HandleAsync(CancellationToken ct = default)
    {
        var enterprise = await enterprises.EnsureAsync(Enterprise.DefaultSlug, "默认企业 Default enterprise", ct);
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }

        var admin = new UserAccount
        {
            EnterpriseId = enterprise.Id,
            UserName = AdminUserName,
            DisplayName = "管理员 Administrator",
            Role = Role.Admin,
            CreatedAt = clock.GetUtcNow(),
        };
        var password = SecretGenerator.Password(options.Value.GeneratedPasswordLength);
        admin.PasswordHash = passwords.Hash(admin, password);
        db.Users.Add(admin);
        await audit.SaveAndAppendAsync(db, enterprise.Id, "system", AuditActions.UserAdded, AdminUserName, "role=Admin (first start)", ct);
        return password;
    }
}
